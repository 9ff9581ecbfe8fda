"""Records retention: legal holds, schedules, and the disposition of eligible cases.

Nothing is ever disposed of unless a schedule for that record type is active, and activation
records who approved it. A case under an open legal hold is never disposed of. An original case
is kept while any case closed as its duplicate remains, so references stay whole.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from audit.models import Action
from audit.services import record_event
from cases.models import (
    CLOSURE_REASON_OF_RECORD_TYPE,
    Case,
    Disposition,
    LegalHold,
    RetentionSchedule,
    Status,
)


@transaction.atomic
def place_legal_hold(*, case, reason, actor) -> LegalHold:
    hold = LegalHold.objects.create(
        case=case, reason=reason, placed_by=actor, placed_at=timezone.now()
    )
    record_event(
        action=Action.CHANGE_CASE, actor=actor, case_id=case.pk, detail={"legal_hold": "placed"}
    )
    return hold


@transaction.atomic
def release_legal_hold(*, hold, actor) -> LegalHold:
    hold.released_by = actor
    hold.released_at = timezone.now()
    hold.save(update_fields=["released_by", "released_at"])
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=hold.case_id,
        detail={"legal_hold": "released"},
    )
    return hold


@transaction.atomic
def activate_schedule(*, schedule, approved_by) -> RetentionSchedule:
    schedule.active = True
    schedule.approved_by = approved_by
    schedule.approved_at = timezone.now()
    schedule._history_user = approved_by
    schedule.save()
    return schedule


def cases_past_retention(*, schedule: RetentionSchedule, now: datetime) -> QuerySet[Case]:
    open_hold = LegalHold.objects.filter(case=OuterRef("pk"), released_at__isnull=True)
    remaining_duplicate = Case.objects.filter(duplicate_of=OuterRef("pk"))
    return (
        Case.objects.filter(
            status=Status.CLOSED,
            closure_reason=CLOSURE_REASON_OF_RECORD_TYPE[schedule.record_type],
            closed_at__lte=now - timedelta(days=schedule.retain_days_after_closure),
        )
        .exclude(Exists(open_hold))
        .exclude(Exists(remaining_duplicate))
        .order_by("closed_at", "pk")
    )


@dataclass(frozen=True)
class DispositionLine:
    """One line of a disposition report: no personal data, only the case number."""

    case_number: str
    record_type: str
    closed_at: datetime


def disposition_report(*, now=None) -> list[DispositionLine]:
    """What a run would dispose of now (the dry run)."""
    now = now or timezone.now()
    lines = []
    for schedule in RetentionSchedule.objects.filter(active=True):
        for case_number, closed_at in cases_past_retention(schedule=schedule, now=now).values_list(
            "case_number", "closed_at"
        ):
            lines.append(DispositionLine(case_number, schedule.record_type, closed_at))
    return lines


def _dispose_of_case(*, case_pk, schedule, now) -> Disposition | None:
    with transaction.atomic():
        eligible = cases_past_retention(schedule=schedule, now=now).filter(pk=case_pk)
        case = eligible.select_for_update().first()
        if case is None:  # a hold was placed or the case changed since the report
            return None
        files = [(doc.file.storage, doc.file.name) for doc in case.documents.all()]
        disposition = Disposition.objects.create(
            case_number=case.case_number,
            record_type=schedule.record_type,
            schedule=schedule,
            authority=schedule.authority,
            approved_by_username=schedule.approved_by.get_username(),
            closed_at=case.closed_at,
            disposed_at=timezone.now(),
            documents_destroyed=len(files),
        )
        record_event(
            action=Action.CHANGE_CASE,
            case_id=case.pk,
            detail={"disposed": True, "schedule": schedule.pk},
        )
        case.delete()
        # Files go only once the rows are gone for good.
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return disposition


def dispose_of_eligible_cases(*, now=None, progress=None) -> list[Disposition]:
    """Destroy every case past its active schedule, one case per transaction."""
    now = now or timezone.now()
    done = []
    for schedule in RetentionSchedule.objects.filter(active=True).select_related("approved_by"):
        pks = list(cases_past_retention(schedule=schedule, now=now).values_list("pk", flat=True))
        for index, pk in enumerate(pks, start=1):
            disposition = _dispose_of_case(case_pk=pk, schedule=schedule, now=now)
            if disposition:
                done.append(disposition)
            if progress:
                progress(schedule.record_type, index, len(pks))
    return done
