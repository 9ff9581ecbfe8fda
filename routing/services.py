"""Who holds a case. Every grant of object permissions happens here and nowhere else.

Each movement calls the matching ``cases.services`` transition (which checks the move is legal
from the state the case is really in and records it), then grants and revokes the object
permissions that follow from it, auditing each grant and revocation, all in one transaction.

What a component keeps when a case moves on: read access (``view_case``) stays, so a component
can still open what it handled and the case can come back to it; the right to edit its module
goes. See docs/routing.md.
"""


from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.access import cached, shared_cache
from audit.models import Action
from audit.services import record_event, record_events
from cases import selectors as case_selectors
from cases.components import holding_component, module_permission
from cases.errors import InvalidCaseData
from cases.models import Case, Status
from cases.services import lifecycle
from routing import access, selectors
from routing.models import (
    CaseGroupObjectPermission,
    Placement,
    Target,
)
from routing.rules import Answers, decide

VIEW = access.VIEW_CASE


# ---------------------------------------------------------------------------------------------
# Grants and revocations
# ---------------------------------------------------------------------------------------------


def _group(role) -> Group:
    group, _created = Group.objects.get_or_create(name=role)
    return group


def _group_id(role) -> int:
    """The role's group id: fixed once the roles exist, so kept in the shared cache."""
    key = f"routing-group-id:{connection.settings_dict['NAME']}:{role}"
    found = cached(lambda: cache.get(key)) if shared_cache() else None
    if found is None:
        found = _group(role).pk
        if shared_cache():
            cached(lambda: cache.set(key, found, 15 * 60))
    return found


def _grant(*, case, role, codenames, actor, reason, new_case=False):
    grant_to_group(
        case_ids=[case.pk],
        role=role,
        codenames=codenames,
        actor=actor,
        reason=reason,
        new_cases=new_case,
    )


def grant_to_group(*, case_ids, role, codenames, actor=None, reason, new_cases=False):
    """The role's group may use these cases: one INSERT of the direct-FK rows, one of the
    audit events, however many cases (the sampling job and the load generator use it in bulk).

    Rows a group already holds are kept as they are (``assign_perm`` would find them too);
    each case gets the same GRANT_ACCESS event as one ``_grant`` call would record.
    ``new_cases``: cases opened in this transaction, on which nothing can be held yet.
    """
    case_ids = list(dict.fromkeys(case_ids))
    if not case_ids:
        return
    group_id = _group_id(role)
    permissions = {codename: access.case_permission_id(codename) for codename in codenames}
    held = set()
    if not new_cases:
        held = set(
            CaseGroupObjectPermission.objects.filter(
                group_id=group_id,
                permission_id__in=permissions.values(),
                content_object_id__in=case_ids,
            ).values_list("content_object_id", "permission_id")
        )
    CaseGroupObjectPermission.objects.bulk_create(
        CaseGroupObjectPermission(
            group_id=group_id, permission_id=permissions[codename], content_object_id=case_id
        )
        for case_id in case_ids
        for codename in codenames
        if (case_id, permissions[codename]) not in held
    )
    record_events(
        (
            {
                "action": Action.GRANT_ACCESS,
                "case_id": case_id,
                "detail": {"group": role, "permissions": list(codenames), "reason": reason},
            }
            for case_id in case_ids
        ),
        actor=actor,
    )


def _revoke(*, case, role, codenames, actor, reason):
    removed, _by_model = CaseGroupObjectPermission.objects.filter(
        content_object=case, group__name=role, permission__codename__in=codenames
    ).delete()
    if not removed:
        return
    record_event(
        action=Action.REVOKE_ACCESS,
        actor=actor,
        case_id=case.pk,
        detail={"group": role, "permissions": list(codenames), "reason": reason},
    )


def _hand_to(*, case, component, actor, reason, new_case=False):
    """The component's group may now see the case and edit its module."""
    _grant(
        case=case,
        role=component,
        codenames=[VIEW, module_permission(component)],
        actor=actor,
        reason=reason,
        new_case=new_case,
    )


def _take_module_from(*, case, component, actor, reason):
    """The component keeps read access to what it handled but no longer edits its module."""
    _revoke(
        case=case,
        role=component,
        codenames=[module_permission(component)],
        actor=actor,
        reason=reason,
    )


def require_module(actor, case, purpose):
    """Staff may move a case only with the right to edit the module of whoever holds it now.

    ``actor=None`` is the system itself (intake, the sampling job).
    """
    if actor is None:
        return
    try:
        access.case_for_user(actor, case, purpose=purpose)
    except Http404:
        raise PermissionDenied(_("You may not move this case.")) from None


PROGRAM_MODULE = access.Purpose.EDIT_PROGRAM_MODULE
CBP_MODULE = access.Purpose.EDIT_CBP_MODULE
USCIS_MODULE = access.Purpose.EDIT_USCIS_MODULE


# ---------------------------------------------------------------------------------------------
# A new case
# ---------------------------------------------------------------------------------------------

_PLACED_IN = {
    Target.TRIAGE: Status.TRIAGE,
    Target.CBP: Status.CBP_REVIEW,
    Target.USCIS: Status.USCIS_REVIEW,
}


# In the caller's transaction (intake's): no savepoint of its own, as nothing catches a failure
# of placing to carry on with the case.
@transaction.atomic(savepoint=False)
def place_new_case(*, case) -> Case:
    """Place a just-opened case by the routing rules, in the caller's transaction.

    Records which rule decided and why, what it suggests to triage, and the possible
    duplicates triage should look at (``case.placement``). Returns the placed case.
    """
    decision = decide(Answers.of_case(case), selectors.active_rules())
    rule = decision.rule
    reason = decision.reason
    placed = lifecycle.place_just_opened(
        case=case, to_status=_PLACED_IN[decision.placed_in], reason=reason[:500]
    )
    if decision.placed_in != Target.TRIAGE:
        _hand_to(
            case=placed,
            component=decision.placed_in,
            actor=None,
            reason="routing rule",
            new_case=True,
        )
    placement = Placement.objects.create(
        case=placed,
        placed_at=timezone.now(),
        rule=rule,
        rule_name=rule.name if rule else "",
        rule_order=rule.order if rule else None,
        reason=reason[:300],
        placed_in=decision.placed_in,
        suggested_target=decision.suggested_target,
    )
    # Ids only: a person who wrote many times would otherwise load every earlier case.
    # The case as the caller holds it: its enrollee is already read (by open_case). A new
    # placement holds no duplicates yet: added, not set (set would read them first).
    placement.possible_duplicates.add(
        *case_selectors.possible_duplicates(case=case).values_list("pk", flat=True)
    )
    return placed


# ---------------------------------------------------------------------------------------------
# Movements by program personnel from triage
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def route_to_cbp(*, case, actor, reason="") -> Case:
    require_module(actor, case, PROGRAM_MODULE)
    result = lifecycle.route_to_cbp(case=case, actor=actor, reason=reason)
    _hand_to(case=result, component=roles.CBP, actor=actor, reason="routed to CBP")
    return result


@transaction.atomic
def route_to_uscis(*, case, actor, reason="") -> Case:
    require_module(actor, case, PROGRAM_MODULE)
    result = lifecycle.route_to_uscis(case=case, actor=actor, reason=reason)
    _hand_to(case=result, component=roles.USCIS, actor=actor, reason="routed to USCIS")
    return result


@transaction.atomic
def mark_not_disenrollment_request(*, case, actor, reason="") -> Case:
    """Not a disenrollment request: program personnel handle it; no component sees it."""
    require_module(actor, case, PROGRAM_MODULE)
    return lifecycle.mark_not_disenrollment_request(case=case, actor=actor, reason=reason)


@transaction.atomic
def close_as_duplicate(*, case, original, actor, reason="") -> Case:
    require_module(actor, case, PROGRAM_MODULE)
    result = lifecycle.close_as_duplicate(
        case=case, original=original, actor=actor, reason=reason
    )
    _close_modules(result, actor=actor, reason="closed as a duplicate")
    return result


@transaction.atomic
def close_as_withdrawn(*, case, actor, reason="") -> Case:
    require_module(actor, case, PROGRAM_MODULE)
    result = lifecycle.close_as_withdrawn(case=case, actor=actor, reason=reason)
    _close_modules(result, actor=actor, reason="withdrawn")
    return result


def _close_modules(case, *, actor, reason):
    for component in (roles.CBP, roles.USCIS):
        _take_module_from(case=case, component=component, actor=actor, reason=reason)


# ---------------------------------------------------------------------------------------------
# Between the components
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def refer_to_uscis(*, case, actor, reason="") -> Case:
    """CBP refers the case to USCIS for a fear interview."""
    require_module(actor, case, CBP_MODULE)
    result = lifecycle.refer_to_uscis(case=case, actor=actor, reason=reason)
    _take_module_from(case=result, component=roles.CBP, actor=actor, reason="referred to USCIS")
    _hand_to(case=result, component=roles.USCIS, actor=actor, reason="referred to USCIS")
    return result


@transaction.atomic
def return_to_cbp(*, case, actor, reason="") -> Case:
    """USCIS returns the case to CBP for further review."""
    require_module(actor, case, USCIS_MODULE)
    result = lifecycle.return_to_cbp(case=case, actor=actor, reason=reason)
    _take_module_from(case=result, component=roles.USCIS, actor=actor, reason="returned to CBP")
    _hand_to(case=result, component=roles.CBP, actor=actor, reason="returned to CBP")
    return result


# ---------------------------------------------------------------------------------------------
# Assignment to an officer within the component holding the case
# ---------------------------------------------------------------------------------------------

@transaction.atomic
def assign_to_officer(*, case, officer, actor, reason="") -> Case:
    """Give the case to one officer of the component that holds it."""
    holder = holding_component(case)
    if holder is not None:
        require_module(actor, case, module_permission(holder))
    if holder is None or not officer.is_active or not selectors.user_is(officer, holder):
        raise InvalidCaseData(
            _("Assign the case to an active officer of the component that holds it.")
        )
    return lifecycle.assign_case(case=case, assignee=officer, actor=actor, reason=reason)


@transaction.atomic
def take_back(*, case, actor, reason="") -> Case:
    """Return an assigned case to its component's queue."""
    holder = holding_component(case)
    if holder is not None:
        require_module(actor, case, module_permission(holder))
    return lifecycle.assign_case(case=case, assignee=None, actor=actor, reason=reason)


@transaction.atomic
def undo_assignment(*, case, actor) -> Case:
    """Put back the officer (or the queue) the actor's last assignment of the case replaced."""
    holder = holding_component(case)
    if holder is not None:
        require_module(actor, case, module_permission(holder))
    return lifecycle.undo_assignment(case=case, actor=actor)


@transaction.atomic
def reopen_case(*, case, actor, reason) -> Case:
    """Program personnel reopen a closed case; whoever then holds it edits its module again."""
    require_module(actor, case, PROGRAM_MODULE)
    result = lifecycle.reopen_case(case=case, actor=actor, reason=reason)
    holder = holding_component(result)
    if holder in (roles.CBP, roles.USCIS):
        _hand_to(case=result, component=holder, actor=actor, reason="case reopened")
    return result
