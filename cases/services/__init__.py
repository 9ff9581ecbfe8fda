"""Every change of a case, one function per use case, by sub-domain:

- ``submissions``: a public submission opened as a case, with its people and answers;
- ``documents``: storing, scanning, quarantining and reading the files of a case;
- ``lifecycle``: each move of the case's status, and assignment;
- ``reviews``: the components' modules: notes, outcomes, CRCL audits;
- ``communications``: messages to the requestor (kept as sent, delivered after commit);
- ``information``: further-information requests, answered by the requestor;
- ``retention``: legal holds, schedules and disposition;
- ``dispatch``: the wake-up calls to the workers, sent once the transaction commits.

Services check that a move is legal from the state the case is really in; who may make it is
checked by the caller (``routing`` for staff).
"""
