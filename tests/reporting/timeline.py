"""Put a case built through the real services at chosen moments in the past."""

import datetime
from zoneinfo import ZoneInfo

from cases.models import Case, CaseTransition, CBPReview, ProgramReview, USCISReview

NEW_YORK = ZoneInfo("America/New_York")


def ny(*args) -> datetime.datetime:
    """A wall-clock time in New York (fold=0: the first of a repeated hour)."""
    return datetime.datetime(*args, tzinfo=NEW_YORK)


def backdate(case, *, received, moves=None, referred=None, decided=None, communicated=None):
    """Move a case's timestamps; ``moves`` dates its transitions in order (default: receipt)."""
    Case.objects.filter(pk=case.pk).update(
        received_at=received,
        first_referred_at=referred,
        decided_at=decided,
        communicated_at=communicated,
    )
    transitions = list(CaseTransition.objects.filter(case=case).order_by("pk"))
    moves = moves if moves is not None else [received] * len(transitions)
    assert len(moves) == len(transitions), [t.to_status for t in transitions]
    for transition, when in zip(transitions, moves, strict=True):
        CaseTransition.objects.filter(pk=transition.pk).update(occurred_at=when)
    for model in (CBPReview, USCISReview, ProgramReview):
        model.objects.filter(case=case).exclude(outcome="").update(decided_at=decided)
    case.refresh_from_db()
    return case
