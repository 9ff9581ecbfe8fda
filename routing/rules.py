"""Matching a submission's answers against the routing rules. Pure: no database access."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cases.models import CONCERN_FIELDS, CONDITION_FIELDS
from routing.models import Answer, Mode, RoutingRule, Target


@dataclass(frozen=True)
class Answers:
    """What the submitter said that routing may look at."""

    submitter_type: str
    concerns: frozenset
    conditions: frozenset
    something_else: bool

    @classmethod
    def of_case(cls, case) -> "Answers":
        return cls(
            submitter_type=case.submitter_type,
            concerns=frozenset(name for name in CONCERN_FIELDS if getattr(case, name)),
            conditions=frozenset(name for name in CONDITION_FIELDS if getattr(case, name)),
            something_else=bool(case.concern_something_else),
        )


@dataclass(frozen=True)
class Decision:
    rule: RoutingRule | None
    placed_in: str  # a Target
    suggested_target: str  # a Target, or "" when there is nothing to suggest
    reason: str


# When no rule matches (rules were switched off or edited into a gap): people decide.
NO_RULE_MATCHED = _("No routing rule matched; program personnel triage the case.")


def rule_matches(rule: RoutingRule, answers: Answers) -> bool:
    if rule.submitter_types and answers.submitter_type not in rule.submitter_types:
        return False
    if rule.concerns_any_of and not answers.concerns.intersection(rule.concerns_any_of):
        return False
    if answers.concerns.intersection(rule.concerns_none_of):
        return False
    if rule.conditions_any_of and not answers.conditions.intersection(rule.conditions_any_of):
        return False
    if answers.conditions.intersection(rule.conditions_none_of):
        return False
    if rule.something_else == Answer.YES and not answers.something_else:
        return False
    if rule.something_else == Answer.NO and answers.something_else:
        return False
    return True


def decide(answers: Answers, rules) -> Decision:
    """The first active rule, in order, that matches decides."""
    for rule in sorted((r for r in rules if r.is_active), key=lambda r: r.order):
        if rule_matches(rule, answers):
            if rule.mode == Mode.SUGGEST:
                return Decision(rule, Target.TRIAGE, rule.target, rule.explanation)
            return Decision(rule, rule.target, "", rule.explanation)
    return Decision(None, Target.TRIAGE, "", str(NO_RULE_MATCHED))
