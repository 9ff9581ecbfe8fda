"""Each move of a case's status, one function per move, and assignment beside them.

A transition locks the case row, checks that the move is legal from the state the case is
really in, changes it, and records who, when and why (a CaseTransition row, the history row's
user and change reason, and an audit event). An illegal move raises IllegalTransition and
changes nothing.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases.components import COMPONENTS, deciding_review
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import (
    REVIEW_STATUSES,
    Case,
    CaseTransition,
    ClosureReason,
    Component,
    Status,
    USCISOutcome,
)


def locked(case: Case) -> Case:
    """The case re-read and locked until the end of the caller's transaction."""
    return Case.objects.select_for_update().get(pk=case.pk)


def transition(
    case,
    *,
    action,
    allowed_from,
    to_status,
    actor,
    reason="",
    request=None,
    current=None,
    **changes,
):
    """Move a locked, re-read case; the caller holds the transaction.

    The building block of every move (``reviews`` records decisions with it). ``changes``
    are set on the case too; a callable is given the time of the move. ``current``: the case
    as the caller already locked it in this transaction (not read again).
    """
    current = current if current is not None else locked(case)
    if current.status not in allowed_from:
        raise IllegalTransition(current, action, allowed_from)
    from_status = current.status
    now = timezone.now()
    current.status = to_status
    for name, value in changes.items():
        setattr(current, name, value(now) if callable(value) else value)
    current._history_user = actor
    current._change_reason = f"{action}: {reason}"[:100] if reason else action
    current.save()
    CaseTransition.objects.create(
        case=current,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        occurred_at=now,
        reason=reason,
    )
    record_event(
        action=Action.CHANGE_STATUS,
        actor=actor,
        case_id=current.pk,
        request=request,
        detail={"transition": action, "from": from_status, "to": to_status},
    )
    _show_on(case, current)
    return current


def _show_on(case, current):
    """The caller's instance shows the moved case, as ``refresh_from_db`` would, without
    reading it again: ``current`` is the row as just written."""
    if case is current:
        return
    for model_field in Case._meta.concrete_fields:
        value = getattr(current, model_field.attname)
        if getattr(case, model_field.attname) != value:
            setattr(case, model_field.attname, value)
            if model_field.is_relation and model_field.is_cached(case):
                model_field.delete_cached_value(case)


def _open_module(case, component, *, first_time=False):
    """The component's module on the case, from the moment the case reaches it.

    ``first_time``: the case comes straight from intake, so no module can exist yet.
    """
    model = COMPONENTS[component].module_model
    if first_time:
        model.objects.create(case=case)
    else:
        model.objects.get_or_create(case=case)


def _first_referral(case):
    return lambda now: case.first_referred_at or now


# Where a case from intake goes first: the move's name, and the team whose module opens.
_FIRST_PLACES = {
    Status.TRIAGE: ("place_in_triage", None),
    Status.CBP_REVIEW: ("route_to_cbp", Component.CBP),
    Status.USCIS_REVIEW: ("route_to_uscis", Component.USCIS),
}


def place_just_opened(*, case, to_status, reason=""):
    """Move a case opened in the caller's transaction from 'submitted' to its first place.

    The same move as ``place_in_triage``, ``route_to_cbp`` or ``route_to_uscis``, without
    their lock and savepoint: this transaction wrote the row, so no one else can hold it, and
    a failure here fails the submission as a whole (issue 19: a row read twice, a savepoint
    nothing uses).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("place_just_opened runs in the transaction that opened the case")
    action, component = _FIRST_PLACES[to_status]
    changes = {} if component is None else {"first_referred_at": _first_referral(case)}
    result = transition(
        case,
        action=action,
        allowed_from=[Status.SUBMITTED],
        to_status=to_status,
        actor=None,
        reason=reason,
        current=case,
        **changes,
    )
    if component is not None:
        _open_module(result, component, first_time=True)
    return result


@transaction.atomic
def place_in_triage(*, case, actor=None, reason=""):
    return transition(
        case,
        action="place_in_triage",
        allowed_from=[Status.SUBMITTED],
        to_status=Status.TRIAGE,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def route_to_cbp(*, case, actor=None, reason=""):
    """From intake (a routing rule) or program triage to the CBP queue."""
    current = locked(case)
    from_intake = current.status == Status.SUBMITTED
    result = transition(
        case,
        action="route_to_cbp",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.CBP_REVIEW,
        actor=actor,
        reason=reason,
        current=current,
        first_referred_at=_first_referral(current),
        assigned_to=None,
    )
    _open_module(result, Component.CBP, first_time=from_intake)
    return result


@transaction.atomic
def route_to_uscis(*, case, actor=None, reason=""):
    current = locked(case)
    from_intake = current.status == Status.SUBMITTED
    result = transition(
        case,
        action="route_to_uscis",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.USCIS_REVIEW,
        actor=actor,
        reason=reason,
        current=current,
        first_referred_at=_first_referral(current),
        assigned_to=None,
    )
    _open_module(result, Component.USCIS, first_time=from_intake)
    return result


@transaction.atomic
def mark_not_disenrollment_request(*, case, actor=None, reason=""):
    """Keep a submission that asks for something else with program personnel."""
    result = transition(
        case,
        action="mark_not_disenrollment_request",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.PROGRAM_HANDLING,
        actor=actor,
        reason=reason,
    )
    _open_module(result, Component.PROGRAM)
    return result


@transaction.atomic
def refer_to_uscis(*, case, actor, reason=""):
    """CBP refers the case to USCIS, for example for a fear interview."""
    result = transition(
        case,
        action="refer_to_uscis",
        allowed_from=[Status.CBP_REVIEW],
        to_status=Status.USCIS_REVIEW,
        actor=actor,
        reason=reason,
        assigned_to=None,
    )
    _open_module(result, Component.USCIS)
    cbp = COMPONENTS[Component.CBP].module_model.objects.get(case=result)
    cbp.referred_to_uscis_at = timezone.now()
    cbp._history_user = actor
    cbp.save(update_fields=["referred_to_uscis_at"])
    return result


@transaction.atomic
def return_to_cbp(*, case, actor, reason=""):
    """USCIS returns the case to CBP for further review.

    USCIS's module records the step as the specification's fields have it: its outcome
    "returned to CBP" and the date its decision was communicated to CBP for further review.
    """
    result = transition(
        case,
        action="return_to_cbp",
        allowed_from=[Status.USCIS_REVIEW],
        to_status=Status.CBP_REVIEW,
        actor=actor,
        reason=reason,
        assigned_to=None,
    )
    _open_module(result, Component.CBP)
    now = timezone.now()
    uscis = COMPONENTS[Component.USCIS].module_model.objects.get(case=result)
    uscis.outcome = USCISOutcome.RETURNED_TO_CBP
    uscis.decided_at = now
    uscis.decided_by = actor
    uscis.decision_communicated_on = timezone.localdate(now)
    uscis._history_user = actor
    uscis.save()
    return result


@transaction.atomic
def close_as_duplicate(*, case, original, actor, reason=""):
    if original.pk == case.pk:
        raise InvalidCaseData(_("A case cannot be a duplicate of itself."))
    return transition(
        case,
        action="close_as_duplicate",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.CLOSED,
        actor=actor,
        reason=reason,
        closure_reason=ClosureReason.DUPLICATE,
        duplicate_of=original,
        closed_at=lambda now: now,
    )


@transaction.atomic
def close_as_withdrawn(*, case, actor, reason=""):
    return transition(
        case,
        action="close_as_withdrawn",
        allowed_from=[*REVIEW_STATUSES, Status.SUBMITTED, Status.AWAITING_INFORMATION],
        to_status=Status.CLOSED,
        actor=actor,
        reason=reason,
        closure_reason=ClosureReason.WITHDRAWN,
        closed_at=lambda now: now,
    )


@transaction.atomic
def start_waiting_for_information(*, case, actor, reason=""):
    """A further-information request went out: pause the clock until it is answered."""
    current = locked(case)
    return transition(
        case,
        action="start_waiting_for_information",
        allowed_from=REVIEW_STATUSES,
        to_status=Status.AWAITING_INFORMATION,
        actor=actor,
        reason=reason,
        resume_status=current.status,
        waiting_since=lambda now: now,
    )


def _resume(case, *, action, actor, reason):
    current = locked(case)
    if current.status != Status.AWAITING_INFORMATION:
        raise IllegalTransition(current, action, [Status.AWAITING_INFORMATION])
    waited = int((timezone.now() - current.waiting_since).total_seconds())
    return transition(
        case,
        action=action,
        allowed_from=[Status.AWAITING_INFORMATION],
        to_status=current.resume_status,
        actor=actor,
        reason=reason,
        resume_status="",
        waiting_since=None,
        paused_seconds=current.paused_seconds + max(waited, 0),
    )


@transaction.atomic
def resume_after_information_received(*, case, actor=None, reason=""):
    return _resume(case, action="resume_after_information_received", actor=actor, reason=reason)


@transaction.atomic
def resume_after_information_request_expired(*, case, actor=None, reason=""):
    return _resume(
        case, action="resume_after_information_request_expired", actor=actor, reason=reason
    )


@transaction.atomic
def record_decision_communicated(*, case, actor, communicated_at=None, reason=""):
    """The decision reached the requestor: record when, on the case and the deciding module."""
    result = transition(
        case,
        action="record_decision_communicated",
        allowed_from=[Status.DECIDED],
        to_status=Status.COMMUNICATED,
        actor=actor,
        reason=reason,
        communicated_at=lambda now: communicated_at or now,
    )
    review = deciding_review(result)
    if review is not None:
        review.decision_communicated_on = timezone.localdate(result.communicated_at)
        review._history_user = actor
        review.save(update_fields=["decision_communicated_on"])
    return result


@transaction.atomic
def close_case(*, case, actor, reason=""):
    return transition(
        case,
        action="close_case",
        allowed_from=[Status.COMMUNICATED],
        to_status=Status.CLOSED,
        actor=actor,
        reason=reason,
        closure_reason=ClosureReason.COMPLETED,
        closed_at=lambda now: now,
    )


@transaction.atomic
def reopen_case(*, case, actor, reason):
    """A closed case goes back to where it stood before it was closed, with the reason why."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidCaseData(_("Say why the case is reopened."))
    current = locked(case)
    if current.status != Status.CLOSED:
        raise IllegalTransition(current, "reopen_case", [Status.CLOSED])
    closing = current.transitions.filter(to_status=Status.CLOSED).order_by("-occurred_at", "-id")
    before = closing.values_list("from_status", flat=True).first() or Status.TRIAGE
    if before == Status.SUBMITTED:
        before = Status.TRIAGE
    return transition(
        case,
        action="reopen_case",
        allowed_from=[Status.CLOSED],
        to_status=before,
        actor=actor,
        reason=reason,
        closure_reason="",
        closed_at=None,
        duplicate_of=None,
    )


# Beside the lifecycle: assignment does not change the status.


@transaction.atomic
def assign_case(*, case, assignee, actor, reason="", undoing=False):
    current = locked(case)
    if current.status not in REVIEW_STATUSES:
        raise IllegalTransition(current, "assign_case", REVIEW_STATUSES)
    current.assigned_to = assignee
    current._history_user = actor
    # An undo is not itself an assignment a later undo would go back to.
    current._change_reason = (
        "assignment undone" if undoing else "assigned" if assignee else "unassigned"
    )
    current.save(update_fields=["assigned_to"])
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=current.pk,
        detail={"assigned_to": assignee.pk if assignee else None, "reason": reason[:200]},
    )
    case.refresh_from_db()
    return current


@transaction.atomic
def undo_assignment(*, case, actor):
    """Put back whoever held the case before the actor's own last (re)assignment of it."""
    current = locked(case)
    last = (
        current.history.filter(history_change_reason__in=["assigned", "unassigned"])
        .order_by("-history_date", "-history_id")
        .first()
    )
    if last is None or last.history_user_id != actor.pk:
        raise InvalidCaseData(_("Only your own last assignment of this case can be undone."))
    before = last.prev_record
    previous = before.assigned_to if before is not None else None
    if current.assigned_to_id == (previous.pk if previous else None):
        raise InvalidCaseData(_("There is no assignment to undo."))
    return assign_case(
        case=current, assignee=previous, actor=actor, reason="assignment undone", undoing=True
    )
