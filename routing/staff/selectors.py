"""Reads of the staff back office: the queues, their counts, search and the case page.

Every read starts from ``routing.access``: a queue, a count or a search hit never includes a
case the user may not see.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from cases.case_numbers import parse_case_number
from cases.models import Case, Status
from cases.selectors import case_number_for_payload
from routing import access, roles
from routing.selectors import find_cases

# The statuses in which each role holds a case and works it.
TEAM_STATUSES = {
    roles.PROGRAM: (Status.TRIAGE, Status.PROGRAM_HANDLING),
    roles.CBP: (Status.CBP_REVIEW,),
    roles.USCIS: (Status.USCIS_REVIEW,),
}
STAFF_ROLES = frozenset({roles.PROGRAM, roles.CBP, roles.USCIS, roles.CRCL, roles.ADMIN})
QUEUE_NAMES = ("mine", "team_unassigned", "awaiting_information", "decided", "overdue", "audit")


# The roles whose members hold cases and may be assigned one.
OFFICER_ROLES = (roles.PROGRAM, roles.CBP, roles.USCIS)


def officers(*, roles_held=OFFICER_ROLES) -> QuerySet:
    """Active members of these roles, by username: whom a case may be assigned to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles_held)
        .distinct()
        .order_by("username")
    )


def may_use_back_office(user) -> bool:
    return bool(STAFF_ROLES & access.roles_of(user))


def team_statuses(user) -> tuple:
    found = []
    for role in access.roles_of(user):
        found.extend(TEAM_STATUSES.get(role, ()))
    if roles.ADMIN in access.roles_of(user) and not found:
        # Administrators oversee every team's work.
        found = [status for statuses in TEAM_STATUSES.values() for status in statuses]
    return tuple(found)


def _paused():
    return ExpressionWrapper(
        # Wrapped as a plain integer: SQLite (embedded mode) multiplies only plain number types.
        ExpressionWrapper(F("paused_seconds"), output_field=IntegerField())
        * Value(timedelta(seconds=1), output_field=DurationField()),
        output_field=DurationField(),
    )


def with_working_start(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """``working_since``: received, moved later by the time spent waiting on the requestor."""
    return queryset.annotate(
        working_since=ExpressionWrapper(F("received_at") + _paused(), output_field=DateTimeField())
    )


def working_age(case: Case, *, now: datetime | None = None) -> timedelta:
    """How long the case has been with DHS, leaving out time waiting on the requestor."""
    now = now or timezone.now()
    if case.received_at is None:
        return timedelta(0)
    end = case.waiting_since or now
    return max(end - case.received_at - timedelta(seconds=case.paused_seconds), timedelta(0))


def _overdue_condition(now: datetime) -> Q:
    condition = Q(pk__in=[])
    for status, days in settings.QUEUE_OVERDUE_DAYS.items():
        condition |= Q(status=status, working_since__lt=now - timedelta(days=days))
    return condition


def _queue_conditions(user, now: datetime) -> dict[str, Q]:
    team = team_statuses(user)
    return {
        "mine": Q(assigned_to=user, status__in=[*team, Status.AWAITING_INFORMATION]),
        "team_unassigned": Q(assigned_to__isnull=True, status__in=team),
        "awaiting_information": Q(
            status=Status.AWAITING_INFORMATION, resume_status__in=team or ["-"]
        ),
        "decided": Q(status=Status.DECIDED),
        "overdue": Q(status__in=team) & _overdue_condition(now),
        "audit": Q(crcl_audit__isnull=False, crcl_audit__outcome=""),
    }


# Each queue's order: oldest first. CRCL's audit queue goes by when the case was sampled,
# which its partial index (open audits only) holds in order.
ORDERING = {"audit": ("crcl_audit__sampled_at", "id")}
DEFAULT_ORDERING = ("received_at", "id")


def for_listing(queryset: QuerySet[Case], ordering=DEFAULT_ORDERING) -> QuerySet[Case]:
    return queryset.select_related("enrollee", "assigned_to").order_by(*ordering)


def staff_queue(*, user, name: str, now: datetime | None = None) -> QuerySet[Case]:
    """One of the back-office queues, oldest first, holding only cases the user may see."""
    now = now or timezone.now()
    visible = with_working_start(access.cases_visible_to(user))
    if name == "all":
        return for_listing(visible)
    ordering = ORDERING.get(name, DEFAULT_ORDERING)
    return for_listing(visible.filter(_queue_conditions(user, now)[name]), ordering)


def queue_counts(*, user, now: datetime | None = None) -> dict[str, int]:
    """How many cases wait in each queue: one query whatever the number of queues."""
    now = now or timezone.now()
    visible = with_working_start(access.cases_visible_to(user))
    conditions = _queue_conditions(user, now)
    return visible.aggregate(**{name: Count("pk", filter=q) for name, q in conditions.items()})


@dataclass
class SearchResult:
    cases: QuerySet[Case]
    # A typed number whose check character was wrong, and the number the user may have meant.
    typed_number_wrong: bool = False
    did_you_mean: list[str] = field(default_factory=list)


def search(*, user, text: str, within: QuerySet[Case] | None = None) -> SearchResult:
    """Cases matching a case number, A-number or name, within what the user may see."""
    hits = find_cases(user=user, text=text)
    if within is not None:
        hits = within.filter(pk__in=hits.values("pk"))
    parsed = parse_case_number(text or "")
    result = SearchResult(cases=hits)
    if parsed.payload and not parsed.check_ok:
        meant = case_number_for_payload(parsed.payload)
        result.typed_number_wrong = True
        result.did_you_mean = list(
            access.cases_visible_to(user)
            .filter(case_number=meant)
            .values_list("case_number", flat=True)
        )
        if result.did_you_mean:
            result.cases = (
                within if within is not None else for_listing(access.cases_visible_to(user))
            ).filter(case_number=meant)
    return result
