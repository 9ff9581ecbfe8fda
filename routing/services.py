"""Who holds a case. Every grant of object permissions happens here and nowhere else."""

from django.db import transaction

from cases import services as case_services


@transaction.atomic
def place_new_case(*, case):
    """Place a just-opened case, in the caller's transaction.

    Placeholder until routing rules exist: every new case goes to program triage.
    """
    return case_services.place_in_triage(case=case, reason="no routing rules yet")
