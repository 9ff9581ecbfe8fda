"""CRCL's audit work beside the lifecycle: the weekly sample, cases added at CRCL's request
(asked by CRCL, approved by program personnel), and the grants that let CRCL see them.

Drawing is pure (``routing.sampling``); each drawn case gets its CRCL module
(``cases.services.reviews.open_crcl_audits``) and CRCL's group view and module permissions.
"""

import datetime
import secrets
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from audit.models import Action
from audit.services import record_event
from cases.components import COMPONENTS, module_permission
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import Status
from cases.selectors import case_by_number
from cases.services import reviews
from routing import sampling, selectors
from routing.models import (
    AuditRequest,
    AuditRequestStatus,
    AuditSample,
    AuditSampleEntry,
    AuditSampleKind,
)
from routing.services import PROGRAM_MODULE, VIEW, grant_to_group, require_module


def _open_for_crcl(*, sample, decisions, actor):
    """Put the decisions' cases in front of CRCL: entries, audit modules, grants, events.

    A fixed number of queries however many cases the sample holds.
    """
    decisions = list(decisions)
    if not decisions:
        return
    case_ids = [decision.case_id for decision in decisions]
    reviews.open_crcl_audits(case_ids=case_ids, actor=actor)
    AuditSampleEntry.objects.bulk_create(
        [
            AuditSampleEntry(
                sample=sample,
                case_id=decision.case_id,
                component=decision.component,
                outcome=decision.outcome,
            )
            for decision in decisions
        ],
        ignore_conflicts=True,
    )
    grant_to_group(
        case_ids=case_ids,
        role=roles.CRCL,
        codenames=[VIEW, module_permission(roles.CRCL)],
        actor=actor,
        reason=f"sampled for CRCL audit ({sample.get_kind_display()})",
    )


@transaction.atomic
def sample_decided_cases_for_audit(
    *, now=None, share=None, seed=None, days=7, start=None
) -> AuditSample:
    """Draw a share of the decisions of [start, now) (by default the past ``days``), stratified
    by component and outcome.

    The seed is stored with the sample: the same window, share and seed pick the same cases.
    """
    now = now or timezone.now()
    share = Decimal(str(settings.CRCL_AUDIT_SAMPLE_SHARE if share is None else share))
    if not Decimal(0) < share <= Decimal(1):
        raise ValueError("the audit share is a fraction between 0 and 1")
    seed = secrets.randbits(62) if seed is None else seed
    start = start or now - timedelta(days=days)
    sample = AuditSample.objects.create(
        kind=AuditSampleKind.WEEKLY,
        created_at=timezone.now(),
        decided_from=start,
        decided_until=now,
        share=share,
        seed=seed,
    )
    population = selectors.decisions_between(start=start, end=now)
    _open_for_crcl(
        sample=sample, decisions=sampling.choose(population, share=share, seed=seed), actor=None
    )
    return sample


@transaction.atomic
def add_case_to_audit(*, case, actor, reason) -> AuditSample:
    """Program personnel add a decided case to CRCL's audit at CRCL's request."""
    require_module(actor, case, PROGRAM_MODULE)
    case.refresh_from_db()
    decision = None
    if case.decided_at is not None:
        found = selectors.decisions_between(
            start=case.decided_at, end=case.decided_at + timedelta(seconds=1)
        )
        decision = next((d for d in found if d.case_id == case.pk), None)
    if decision is None:
        raise IllegalTransition(case, "add_case_to_audit", [Status.DECIDED])
    sample = AuditSample.objects.create(
        kind=AuditSampleKind.ON_REQUEST,
        created_at=timezone.now(),
        created_by=actor,
        reason=reason[:300],
    )
    _open_for_crcl(sample=sample, decisions=[decision], actor=actor)
    return sample


def week_bounds(year: int, week: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The ISO week's Monday 00:00 to the next Monday 00:00 on the local clock (TIME_ZONE)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    monday = datetime.date.fromisocalendar(year, week, 1)
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(monday + timedelta(days=7), datetime.time.min, tzinfo=zone)
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def sample_week(*, year: int, week: int, share=None, seed=None) -> AuditSample:
    """The weekly sample of one ISO week's decisions (``manage.py
    sample_decided_cases_for_audit``): what beat runs every Monday for the week before."""
    start, end = week_bounds(year, week)
    return sample_decided_cases_for_audit(now=end, start=start, share=share, seed=seed)


# CRCL's requests ------------------------------------------------------------------------------


@transaction.atomic
def request_audit(
    *, actor, reason, case_number="", component="", outcome="", decided_from=None,
    decided_until=None,
) -> AuditRequest:
    """CRCL asks for one case, or a component's decisions (of one outcome) in a period."""
    if not selectors.user_is(actor, roles.CRCL):
        raise InvalidCaseData(_("Only CRCL asks for cases to be added to its audit."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidCaseData(_("Say why CRCL asks for these cases."))
    case_number = (case_number or "").strip()
    if not case_number and not (decided_from and decided_until):
        raise InvalidCaseData(_("Name a case, or a period of decisions."))
    if decided_from and decided_until and decided_from > decided_until:
        raise InvalidCaseData(_("The period ends before it begins."))
    if component and component not in {m.component for m in COMPONENTS.values() if m.decides_in}:
        raise InvalidCaseData(_("Choose a component that decides cases."))
    if outcome and (not component or outcome not in COMPONENTS[component].decisions):
        raise InvalidCaseData(_("Choose an outcome of that component's decisions."))
    request = AuditRequest.objects.create(
        requested_by=actor,
        requested_at=timezone.now(),
        reason=reason[:500],
        case_number=case_number[:20],
        component=component,
        outcome=outcome,
        decided_from=decided_from,
        decided_until=decided_until,
    )
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        detail={"crcl_audit_request": request.pk, "asked": True},
    )
    return request


def _requested_decisions(request):
    if request.case_number:
        case = case_by_number(request.case_number)
        if case is None or case.decided_at is None:
            return []
        found = selectors.decisions_between(
            start=case.decided_at, end=case.decided_at + timedelta(seconds=1)
        )
        return [d for d in found if d.case_id == case.pk]
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(request.decided_from, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        request.decided_until + timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return [
        d
        for d in selectors.decisions_between(start=start, end=end)
        if (not request.component or d.component == request.component)
        and (not request.outcome or d.outcome == request.outcome)
    ]


@transaction.atomic
def approve_audit_request(*, request, actor, reason="") -> AuditSample:
    """Program personnel approve: the cases the request names join CRCL's audit."""
    request = AuditRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AuditRequestStatus.PENDING:
        raise InvalidCaseData(_("This request was already decided."))
    if not selectors.user_is(actor, roles.PROGRAM):
        raise InvalidCaseData(_("Program personnel approve CRCL's requests."))
    decisions = _requested_decisions(request)
    if not decisions:
        raise InvalidCaseData(_("No decided case matches this request."))
    sample = AuditSample.objects.create(
        kind=AuditSampleKind.ON_REQUEST,
        created_at=timezone.now(),
        created_by=actor,
        reason=request.reason[:300],
    )
    _open_for_crcl(sample=sample, decisions=decisions, actor=actor)
    request.status = AuditRequestStatus.APPROVED
    request.reviewed_by = actor
    request.reviewed_at = timezone.now()
    request.review_reason = (reason or "").strip()[:500]
    request.sample = sample
    request.save()
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        detail={"crcl_audit_request": request.pk, "approved": True, "cases": len(decisions)},
    )
    return sample


@transaction.atomic
def refuse_audit_request(*, request, actor, reason) -> AuditRequest:
    request = AuditRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AuditRequestStatus.PENDING:
        raise InvalidCaseData(_("This request was already decided."))
    if not selectors.user_is(actor, roles.PROGRAM):
        raise InvalidCaseData(_("Program personnel approve CRCL's requests."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidCaseData(_("Say why the request is refused."))
    request.status = AuditRequestStatus.REFUSED
    request.reviewed_by = actor
    request.reviewed_at = timezone.now()
    request.review_reason = reason[:500]
    request.save()
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        detail={"crcl_audit_request": request.pk, "refused": True},
    )
    return request
