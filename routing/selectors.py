"""Reads routing needs: the active rules, the decisions a sample is drawn from, role checks."""

from django.db.models import F

from cases.components import DECIDING
from routing.access import roles_of
from routing.models import RoutingRule
from routing.sampling import Decision


def active_rules() -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(is_active=True).order_by("order"))


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
