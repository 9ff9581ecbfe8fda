"""Reads routing needs: the active rules, the decisions a sample is drawn from, role checks."""

from django.core.cache import cache
from django.db.models import F

from accounts.access import read_through
from cases.components import DECIDING
from routing.access import roles_of
from routing.models import RoutingRule
from routing.sampling import Decision

ACTIVE_RULES_KEY = "routing-active-rules"
# Rules change a few times a year, through the staff site (which forgets them: receivers);
# the limit covers a change made some other way, such as a data migration.
ACTIVE_RULES_SECONDS = 300


def active_rules() -> list[RoutingRule]:
    """The active rules in their order, from the shared cache when it holds them: every new
    case reads them, and they change a few times a year (issue 19)."""
    return read_through(
        ACTIVE_RULES_KEY,
        ACTIVE_RULES_SECONDS,
        lambda: list(RoutingRule.objects.filter(is_active=True).order_by("order")),
    )


def forget_active_rules() -> None:
    cache.delete(ACTIVE_RULES_KEY)


def decisions_between(*, start, end) -> list[Decision]:
    """Every decision made in [start, end), with the component that made it and its outcome."""
    found = []
    for module in DECIDING:
        rows = (
            module.module_model.objects.filter(
                case__decided_at__gte=start,
                case__decided_at__lt=end,
                decided_at=F("case__decided_at"),
            )
            .exclude(outcome="")
            .values_list("case_id", "outcome")
        )
        found.extend(Decision(case_id, module.component, outcome) for case_id, outcome in rows)
    return found


def user_is(user, role: str) -> bool:
    return role in roles_of(user)
