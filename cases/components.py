"""The components that work on cases, described once.

For each: its label, the permission that lets its staff edit its module of a case, the
statuses in which it holds a case, the review model and outcomes of its module, and the status
in which it records its decision. Routing, the staff site, the reports and the load generator
read this table instead of spelling the mapping out again.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import (
    CBPOutcome,
    CBPReview,
    Component,
    CRCLAudit,
    CRCLOutcome,
    ProgramOutcome,
    ProgramReview,
    Status,
    USCISOutcome,
    USCISReview,
)


@dataclass(frozen=True)
class ComponentModule:
    component: str
    label: Promise
    module_permission: str
    module_permission_label: Promise
    module_model: type[models.Model]
    outcomes: type[models.TextChoices]
    # Outcomes that end the review with a decision (USCIS "returned to CBP" is a referral).
    decisions: tuple[str, ...]
    # The statuses in which the component holds a case and its staff work it.
    holds_in: tuple[str, ...] = ()
    # The status in which it records its decision; None for CRCL, whose audit never decides.
    decides_in: str | None = None

    @property
    def case_accessor(self) -> str:
        """The name a case reads its module by (``case.cbpreview``, ``case.crcl_audit``)."""
        return self.module_model._meta.get_field("case").remote_field.get_accessor_name()

    def outcome_label(self, outcome: str) -> str:
        return str(dict(self.outcomes.choices).get(outcome, outcome))

    @property
    def decision_choices(self) -> list[tuple[str, Promise]]:
        return [(value, label) for value, label in self.outcomes.choices if value in self.decisions]


COMPONENTS = {
    Component.PROGRAM: ComponentModule(
        component=Component.PROGRAM,
        label=_("Program"),
        module_permission="edit_program_module",
        module_permission_label=_("Can edit the program module of a case"),
        module_model=ProgramReview,
        outcomes=ProgramOutcome,
        decisions=tuple(ProgramOutcome.values),
        holds_in=(Status.TRIAGE, Status.PROGRAM_HANDLING),
        decides_in=Status.PROGRAM_HANDLING,
    ),
    Component.CBP: ComponentModule(
        component=Component.CBP,
        label=_("CBP"),
        module_permission="edit_cbp_module",
        module_permission_label=_("Can edit the CBP module of a case"),
        module_model=CBPReview,
        outcomes=CBPOutcome,
        decisions=tuple(CBPOutcome.values),
        holds_in=(Status.CBP_REVIEW,),
        decides_in=Status.CBP_REVIEW,
    ),
    Component.USCIS: ComponentModule(
        component=Component.USCIS,
        label=_("USCIS"),
        module_permission="edit_uscis_module",
        module_permission_label=_("Can edit the USCIS module of a case"),
        module_model=USCISReview,
        outcomes=USCISOutcome,
        decisions=tuple(o for o in USCISOutcome.values if o != USCISOutcome.RETURNED_TO_CBP),
        holds_in=(Status.USCIS_REVIEW,),
        decides_in=Status.USCIS_REVIEW,
    ),
    Component.CRCL: ComponentModule(
        component=Component.CRCL,
        label=_("CRCL audit"),
        module_permission="edit_crcl_module",
        module_permission_label=_("Can edit the CRCL audit module of a case"),
        module_model=CRCLAudit,
        outcomes=CRCLOutcome,
        decisions=tuple(CRCLOutcome.values),
    ),
}
# The components whose review decides a case, in the order their modules are looked at.
DECIDING = tuple(COMPONENTS[c] for c in (Component.CBP, Component.USCIS, Component.PROGRAM))
# Outcomes after which the person must present themselves at a port of entry.
NEEDS_PRESENTATION = frozenset(
    {CBPOutcome.DISENROLL, CBPOutcome.NONREFOULEMENT_INTERVIEW, USCISOutcome.FEAR_ESTABLISHED}
)


def module_permission(component: str) -> str:
    return COMPONENTS[component].module_permission


def holder_in(status: str) -> str | None:
    """The component that holds a case in this status, if any."""
    for module in COMPONENTS.values():
        if status in module.holds_in:
            return module.component
    return None


def holding_component(case) -> str | None:
    """Who holds the case now; while it waits on the requestor, who asked."""
    status = case.resume_status if case.status == Status.AWAITING_INFORMATION else case.status
    return holder_in(status)


def deciding_review(case):
    """The review whose outcome decided the case (decided at the case's decision time)."""
    if case.decided_at is None:
        return None
    for module in DECIDING:
        review = module.module_model.objects.filter(case=case, decided_at=case.decided_at).first()
        if review is not None and review.outcome:
            return review
    return None
