"""The seven roles, one group each: the names every app reads, defined once.

What each role may do is decided elsewhere: its model permissions in
``routing.role_permissions``, which cases in ``routing.access``.
"""

PROGRAM = "program"
CBP = "cbp"
USCIS = "uscis"
CRCL = "crcl"
ADMIN = "admin"
DEVELOPERS = "developers"
LEADERSHIP = "leadership"
ROLES = (PROGRAM, CBP, USCIS, CRCL, ADMIN, DEVELOPERS, LEADERSHIP)

# Whose members hold cases and may be assigned one.
OFFICERS = (PROGRAM, CBP, USCIS)
# Who works in the back office (queues, case pages); developers and leadership do not.
BACK_OFFICE = (PROGRAM, CBP, USCIS, CRCL, ADMIN)
# Who reads the weekly report archive; administrators and developers have no business with
# case figures.
REPORT_READERS = (LEADERSHIP, PROGRAM, CBP, USCIS, CRCL)
