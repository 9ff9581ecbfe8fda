"""Reads of the staff site: the queues, their counts, search, and whom a case may go to.

Every read starts from ``routing.access``: a queue, a count or a search hit never includes a
case the user may not see.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from accounts import roles
from cases.case_numbers import parse_case_number
from cases.components import COMPONENTS
from cases.errors import InvalidCaseData
from cases.models import Case, InformationRequest
from cases.normalise import name_key, normalise_a_number
from cases.selectors import case_number_for_payload
from routing import access
from routing.models import Placement
from staff.queues import BY_NAME, DEFAULT_ORDERING, QUEUES


def officers(*, roles_held=roles.OFFICERS) -> QuerySet:
    """Active members of these roles, by username: whom a case may be assigned to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles_held)
        .distinct()
        .order_by("username")
    )


@dataclass(frozen=True)
class Officer:
    pk: int
    username: str
    roles: frozenset

    def __str__(self):
        return self.username


def officer_roster() -> list[Officer]:
    """Every active officer with the officer roles they hold, by username, in one read: a
    queue page's "assigned to" filter lists them all, its bulk assignment those of the
    user's own teams (``officers`` is the same set, as a query the assignment form checks)."""
    held: dict[tuple[int, str], set] = {}
    # The group name read through officers()' own join: only the officer roles held.
    for pk, username, role in officers().values_list("pk", "username", "groups__name"):
        held.setdefault((pk, username), set()).add(role)
    return [Officer(pk, username, frozenset(found)) for (pk, username), found in held.items()]


def may_use_back_office(user) -> bool:
    return not access.roles_of(user).isdisjoint(roles.BACK_OFFICE)


def may_open_queue(user, queue) -> bool:
    return may_use_back_office(user) and queue.opens_for(access.roles_of(user))


def team_statuses(user) -> tuple:
    """The statuses in which the user's teams hold cases and work them."""
    held = access.roles_of(user)
    teams = [module for module in COMPONENTS.values() if module.component in held]
    found = [status for module in teams for status in module.holds_in]
    if roles.ADMIN in held and not found:
        # Administrators oversee every team's work.
        found = [status for module in COMPONENTS.values() for status in module.holds_in]
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


def for_listing(queryset: QuerySet[Case], ordering=DEFAULT_ORDERING) -> QuerySet[Case]:
    """A page of cases with what a queue shows: the enrollee, the officer, a new answer."""
    unread = InformationRequest.objects.filter(
        case=OuterRef("pk"), answered_at__isnull=False, answer_read_at__isnull=True
    )
    return (
        queryset.select_related("enrollee", "assigned_to")
        .annotate(has_new_answer=Exists(unread))
        .order_by(*ordering)
    )


def staff_queue(*, user, name: str, now: datetime | None = None) -> QuerySet[Case]:
    """One of the back-office queues, oldest first, holding only cases the user may see."""
    queue = BY_NAME[name]
    now = now or timezone.now()
    visible = with_working_start(access.cases_visible_to(user))
    return for_listing(visible.filter(queue.holds(user, team_statuses(user), now)), queue.ordering)


def queue_counts(*, user, now: datetime | None = None) -> dict[str, int]:
    """How many cases wait in each counted queue: one query whatever the number of queues."""
    now = now or timezone.now()
    visible = with_working_start(access.cases_visible_to(user))
    team = team_statuses(user)
    return visible.aggregate(
        **{
            queue.name: Count("pk", filter=queue.holds(user, team, now))
            for queue in QUEUES
            if queue.counted_as is not None and may_open_queue(user, queue)
        }
    )


def find_cases(*, user, text: str) -> QuerySet[Case]:
    """Search by case number, A-number or name; hits outside need-to-know never appear."""
    text = (text or "").strip()
    if not text:
        return Case.objects.none()
    terms = Q(pk__in=[])
    parsed = parse_case_number(text)
    if parsed.check_ok:
        terms |= Q(case_number=parsed.canonical)
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) >= 8 and not parsed.check_ok:
        try:
            terms |= Q(enrollee__a_number=normalise_a_number(text))
        except InvalidCaseData:
            pass
    words = name_key(text).split()
    if words and not parsed.check_ok and not digits:
        # Every word typed, in any order, without regard to accents or case.
        every_word = Q()
        for word in words:
            every_word &= Q(enrollee__name_key__contains=word)
        terms |= every_word
    return for_listing(access.cases_visible_to(user).filter(terms))


@dataclass
class SearchResult:
    cases: QuerySet[Case]
    # What the text was read as: "number", "a_number", "name" or "other".
    kind: str = "other"
    # A typed number whose check character was wrong, and the number the user may have meant.
    typed_number_wrong: bool = False
    did_you_mean: list[str] = field(default_factory=list)

    @property
    def by_name(self) -> bool:
        return self.kind == "name"


_A_NUMBER = re.compile(r"^A?[0-9]{8,9}$")


def search_kind(text: str) -> str:
    """Whether typed text is a case number, an A-number or a name, as staff type them."""
    cleaned = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    if not cleaned:
        return "other"
    if _A_NUMBER.match(cleaned):
        return "a_number"
    has_digit = any(ch.isdigit() for ch in cleaned)
    if cleaned.startswith(settings.CASE_NUMBER_PREFIX) or (has_digit and len(cleaned) in (9, 10)):
        return "number"
    return "name" if not has_digit else "other"


def search(*, user, text: str, within: QuerySet[Case] | None = None) -> SearchResult:
    """Cases matching a case number, A-number or name, within what the user may see."""
    hits = find_cases(user=user, text=text)
    if within is not None:
        hits = within.filter(pk__in=hits.values("pk"))
    parsed = parse_case_number(text or "")
    result = SearchResult(cases=hits, kind=search_kind(text))
    # Only what looks like a case number is checked as one: an A-number or a name is not.
    if result.kind == "number" and parsed.payload and not parsed.check_ok:
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


def possible_duplicates_for_triage(*, user, case: Case) -> QuerySet[Case]:
    """The cases flagged at intake as possibly the same person, those the user may see."""
    flagged = Placement.possible_duplicates.through.objects.filter(placement__case=case).values(
        "case_id"
    )
    return for_listing(access.cases_visible_to(user).filter(pk__in=flagged))
