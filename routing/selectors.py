"""Reads for queues, search, triage and sampling, always through the access layer."""

from django.db.models import F, Q, QuerySet

from cases.case_numbers import parse_case_number
from cases.models import Case, CBPReview, ProgramReview, Status, USCISReview
from cases.services import InvalidCaseData, name_key, normalise_a_number
from routing import roles
from routing.access import cases_visible_to, roles_of
from routing.models import AuditSampleEntry, Placement, RoutingRule
from routing.sampling import Decision

# Each queue: the statuses it shows.
QUEUES = {
    "triage": (Status.TRIAGE,),
    "program_handling": (Status.PROGRAM_HANDLING,),
    "cbp": (Status.CBP_REVIEW,),
    "uscis": (Status.USCIS_REVIEW,),
    "awaiting_information": (Status.AWAITING_INFORMATION,),
    "decided": (Status.DECIDED, Status.COMMUNICATED),
}


def _for_listing(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.select_related("enrollee", "assigned_to", "placement").order_by(
        "received_at", "id"
    )


def queue(*, user, name: str) -> QuerySet[Case]:
    """A staff queue, holding only the cases the user may see. Constant query count."""
    return _for_listing(cases_visible_to(user).filter(status__in=QUEUES[name]))


def audit_queue(*, user) -> QuerySet[Case]:
    """Open CRCL audits the user may see, oldest sample first (the partial index's order)."""
    return (
        cases_visible_to(user)
        .filter(crcl_audit__isnull=False, crcl_audit__outcome="")
        .select_related("enrollee", "assigned_to", "placement")
        .order_by("crcl_audit__sampled_at", "id")
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
    return _for_listing(cases_visible_to(user).filter(terms))


def possible_duplicates_for_triage(*, user, case: Case) -> QuerySet[Case]:
    """The cases flagged at intake as possibly the same person, those the user may see."""
    flagged = Placement.possible_duplicates.through.objects.filter(placement__case=case).values(
        "case_id"
    )
    return _for_listing(cases_visible_to(user).filter(pk__in=flagged))


def placement_of(*, case: Case) -> Placement | None:
    return Placement.objects.filter(case=case).select_related("rule").first()


def active_rules() -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(is_active=True).order_by("order"))


def decisions_between(*, start, end) -> list[Decision]:
    """Every decision made in [start, end), with the component that made it and its outcome."""
    found = []
    for component, model in (
        (roles.CBP, CBPReview),
        (roles.USCIS, USCISReview),
        (roles.PROGRAM, ProgramReview),
    ):
        rows = (
            model.objects.filter(
                case__decided_at__gte=start,
                case__decided_at__lt=end,
                decided_at=F("case__decided_at"),
            )
            .exclude(outcome="")
            .values_list("case_id", "outcome")
        )
        found.extend(Decision(case_id, component, outcome) for case_id, outcome in rows)
    return found


def is_sampled_for_audit(*, case: Case) -> bool:
    return AuditSampleEntry.objects.filter(case=case).exists()


def user_is(user, role: str) -> bool:
    return role in roles_of(user)
