"""The components' modules on a case: analysis notes, decisions, and CRCL's audits.

A decision is a move of the lifecycle (to ``decided``) written in the deciding component's
module; which component decides in which status, and with which outcomes, is read from
``cases.components``. CRCL's audit runs beside the lifecycle and never changes its state.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from audit.models import Action
from audit.services import record_event
from cases.components import COMPONENTS
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import (
    AnalysisNote,
    Case,
    Component,
    CRCLAudit,
    CRCLOutcome,
    Status,
)
from cases.services.lifecycle import locked, transition


@transaction.atomic
def record_analysis_note(*, case, actor, component, text, shared=False) -> AnalysisNote:
    """A new timestamped entry in the component's module; earlier entries stay as they were.

    The caller has checked that the actor may edit that module.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidCaseData(_("Write the note before saving it."))
    note = AnalysisNote.objects.create(
        case=case,
        component=component,
        author=actor,
        created_at=timezone.now(),
        text=text,
        shared_with_other_components=shared,
    )
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        detail={"analysis_note": note.pk, "component": component, "shared": shared},
    )
    return note


@transaction.atomic
def record_decision(*, case, component, outcome, actor, reason=""):
    """The deciding component's outcome: the case moves to ``decided``, its module records it."""
    module = COMPONENTS[component]
    if module.decides_in is None or outcome not in module.outcomes.values:
        raise InvalidCaseData(_("Choose one of the listed outcomes."))
    if outcome not in module.decisions:
        raise InvalidCaseData(_("Return the case to CBP instead of recording a decision."))
    result = transition(
        case,
        action=f"record_{component}_outcome",
        allowed_from=[module.decides_in],
        to_status=Status.DECIDED,
        actor=actor,
        reason=reason,
        decided_at=lambda now: now,
    )
    review, _created = module.module_model.objects.get_or_create(case=result)
    review.outcome = outcome
    review.decided_at = result.decided_at
    review.decided_by = actor
    review._history_user = actor
    review.save()
    return result


def record_cbp_outcome(*, case, outcome, actor, reason=""):
    return record_decision(
        case=case, component=Component.CBP, outcome=outcome, actor=actor, reason=reason
    )


def record_uscis_outcome(*, case, outcome, actor, reason=""):
    return record_decision(
        case=case, component=Component.USCIS, outcome=outcome, actor=actor, reason=reason
    )


def record_program_outcome(*, case, outcome, actor, reason=""):
    return record_decision(
        case=case, component=Component.PROGRAM, outcome=outcome, actor=actor, reason=reason
    )


# CRCL audit ------------------------------------------------------------------------------------


@transaction.atomic
def open_crcl_audit(*, case, actor=None) -> CRCLAudit:
    """Put a decided case in front of CRCL. Its lifecycle does not change."""
    current = locked(case)
    if current.decided_at is None:
        raise IllegalTransition(current, "open_crcl_audit", [Status.DECIDED, Status.COMMUNICATED])
    audit, _created = CRCLAudit.objects.get_or_create(
        case=current, defaults={"sampled_at": timezone.now()}
    )
    return audit


@transaction.atomic
def open_crcl_audits(*, case_ids, actor=None) -> list[CRCLAudit]:
    """``open_crcl_audit`` for many cases at once, in a fixed number of queries.

    Every case must have been decided; one that already has an audit keeps it. Returns the
    audits in the order of ``case_ids``.
    """
    case_ids = list(dict.fromkeys(case_ids))
    decided = dict(
        Case.objects.select_for_update()
        .filter(pk__in=case_ids)
        .order_by("pk")
        .values_list("pk", "decided_at")
    )
    for case_id in case_ids:
        if decided.get(case_id) is None:
            current = Case.objects.get(pk=case_id)
            raise IllegalTransition(
                current, "open_crcl_audit", [Status.DECIDED, Status.COMMUNICATED]
            )
    existing = {audit.case_id: audit for audit in CRCLAudit.objects.filter(case_id__in=case_ids)}
    now = timezone.now()
    created = bulk_create_with_history(
        [CRCLAudit(case_id=pk, sampled_at=now) for pk in case_ids if pk not in existing],
        CRCLAudit,
        default_user=actor,
        default_date=now,
    )
    existing.update({audit.case_id: audit for audit in created})
    return [existing[pk] for pk in case_ids]


@transaction.atomic
def record_crcl_audit_outcome(*, case, outcome, actor, reason="") -> CRCLAudit:
    """CRCL's finding and why. A later finding replaces it on the module; the earlier one
    stays in the module's history (and the audit trail), with who and when."""
    if outcome not in CRCLOutcome.values:
        raise InvalidCaseData(_("Choose one of the listed outcomes."))
    audit = CRCLAudit.objects.select_for_update().get(case=case)
    before = audit.outcome
    audit.outcome = outcome
    audit.finding_reason = (reason or "").strip()
    audit.completed_at = timezone.now()
    audit.completed_by = actor
    audit._history_user = actor
    audit._change_reason = "finding changed" if before else "finding recorded"
    audit.save()
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        detail={"crcl_audit_outcome": outcome, "before": before},
    )
    return audit
