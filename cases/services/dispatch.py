"""Wake-up calls to the workers, sent once the surrounding transaction commits.

The rows are the outbox (a queued message, a document waiting for its scan); the Celery
message only says "look at row N now". A broker outage must not fail what was saved: the error
is logged (ids only) and the outbox sweeper (``cases.tasks.redispatch_stuck_work``) sends the
call again later. Tasks are named here, not imported, so services never import the tasks that
call them.
"""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

SEND_COMMUNICATION = "cases.tasks.send_communication"
TELL_OFFICER_OF_ANSWER = "cases.tasks.tell_officer_of_answer"
SCAN_DOCUMENT = "cases.tasks.scan_document"


def wake(task_name: str, object_id: int) -> None:
    """Ask a worker to run the named task for one row, now; never raises."""
    try:
        current_app.tasks[task_name].delay(object_id)
    except Exception:
        logger.exception("could not queue %s for %s", task_name, object_id)


def after_commit(task_name: str, object_ids) -> None:
    """Ask a worker to run the named task for each row once the transaction commits."""
    ids = list(object_ids)
    if ids:
        transaction.on_commit(lambda: [wake(task_name, object_id) for object_id in ids])
