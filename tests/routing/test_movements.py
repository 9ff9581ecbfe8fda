"""Moving a case between holders: legal only from the right states, audited, access following."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from audit.models import Action, AuditEvent
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import Status
from routing import access
from routing import services as routing
from tests import factories

pytestmark = pytest.mark.django_db
EDIT_CBP = access.Purpose.EDIT_CBP_MODULE
EDIT_USCIS = access.Purpose.EDIT_USCIS_MODULE


def _events(case, action):
    return list(
        AuditEvent.objects.filter(case_id=case.pk, action=action).values_list("detail", flat=True)
    )


def _allowed(user, case, purpose):
    try:
        access.case_for_user(user, case.pk, purpose=purpose)
    except Http404:
        return False
    return True


def test_it_routes_from_triage_to_cbp_granting_the_group_and_auditing_it(staff):
    case = factories.routed_case_in(Status.TRIAGE, staff=staff)

    routing.route_to_cbp(case=case, actor=staff.program, reason="vulnerability claim")

    assert _allowed(staff.cbp, case, EDIT_CBP)
    assert not _allowed(staff.uscis, case, access.Purpose.VIEW)
    (grant,) = _events(case, Action.GRANT_ACCESS)
    assert grant["group"] == "cbp"
    assert set(grant["permissions"]) == {"view_case", "edit_cbp_module"}
    assert AuditEvent.objects.get(action=Action.GRANT_ACCESS).actor_id == staff.program.pk


def test_it_routes_from_triage_straight_to_uscis(staff):
    case = factories.routed_case_in(Status.TRIAGE, staff=staff)

    routing.route_to_uscis(case=case, actor=staff.program)

    assert _allowed(staff.uscis, case, EDIT_USCIS)
    assert not _allowed(staff.cbp, case, access.Purpose.VIEW)


def test_referral_moves_the_module_to_uscis_and_cbp_keeps_reading(staff):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    routing.refer_to_uscis(case=case, actor=staff.cbp, reason="fear interview")

    assert _allowed(staff.uscis, case, EDIT_USCIS)
    assert _allowed(staff.cbp, case, access.Purpose.VIEW)
    assert not _allowed(staff.cbp, case, EDIT_CBP)
    (revoked,) = _events(case, Action.REVOKE_ACCESS)
    assert revoked == {
        "group": "cbp",
        "permissions": ["edit_cbp_module"],
        "reason": revoked["reason"],
    }


def test_return_to_cbp_moves_the_module_back(staff):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)

    routing.return_to_cbp(case=case, actor=staff.uscis)

    assert _allowed(staff.cbp, case, EDIT_CBP)
    assert _allowed(staff.uscis, case, access.Purpose.VIEW)
    assert not _allowed(staff.uscis, case, EDIT_USCIS)


def test_not_a_disenrollment_request_stays_with_program_personnel(staff):
    case = factories.routed_case_in(Status.TRIAGE, staff=staff)

    result = routing.mark_not_disenrollment_request(case=case, actor=staff.program)

    assert result.status == Status.PROGRAM_HANDLING
    for component in (staff.cbp, staff.uscis, staff.crcl):
        assert not access.cases_visible_to(component).exists()


def test_closing_as_duplicate_or_withdrawn_ends_module_editing(staff):
    original = factories.routed_case_in(Status.TRIAGE, staff=staff)
    duplicate = factories.routed_case_in(Status.TRIAGE, staff=staff)
    withdrawn = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    routing.close_as_duplicate(case=duplicate, original=original, actor=staff.program)
    routing.close_as_withdrawn(case=withdrawn, actor=staff.program, reason="by phone")

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of) == (Status.CLOSED, original)
    assert _allowed(staff.cbp, withdrawn, access.Purpose.VIEW)
    assert not _allowed(staff.cbp, withdrawn, EDIT_CBP)


@pytest.mark.parametrize(
    "status, move",
    [
        (Status.CBP_REVIEW, routing.route_to_cbp),
        (Status.USCIS_REVIEW, routing.route_to_uscis),
        (Status.CBP_REVIEW, routing.mark_not_disenrollment_request),
        (Status.USCIS_REVIEW, routing.refer_to_uscis),
        (Status.DECIDED, routing.return_to_cbp),
        (Status.DECIDED, routing.close_as_withdrawn),
    ],
)
def test_it_refuses_a_move_from_the_wrong_state_and_grants_nothing(staff, status, move):
    case = factories.routed_case_in(status, staff=staff)
    before = AuditEvent.objects.filter(action=Action.GRANT_ACCESS).count()

    # No actor: the system itself, so only the state can refuse the move.
    with pytest.raises(IllegalTransition):
        move(case=case, actor=None)

    case.refresh_from_db()
    assert case.status == status
    assert AuditEvent.objects.filter(action=Action.GRANT_ACCESS).count() == before


@pytest.mark.parametrize(
    "status, move, wrong_role",
    [
        (Status.TRIAGE, routing.route_to_cbp, "cbp"),
        (Status.TRIAGE, routing.close_as_withdrawn, "uscis"),
        (Status.CBP_REVIEW, routing.refer_to_uscis, "uscis"),
        (Status.CBP_REVIEW, routing.refer_to_uscis, "program"),
        (Status.USCIS_REVIEW, routing.return_to_cbp, "cbp"),
    ],
)
def test_it_refuses_a_move_by_someone_who_does_not_hold_the_case(staff, status, move, wrong_role):
    case = factories.routed_case_in(status, staff=staff)

    with pytest.raises(PermissionDenied):
        move(case=case, actor=getattr(staff, wrong_role))

    case.refresh_from_db()
    assert case.status == status


def test_it_assigns_within_the_holding_component_and_takes_back(staff, django_user_model):
    from django.contrib.auth.models import Group

    second_cbp = django_user_model.objects.create_user(username="cbp.two", password="x" * 16)
    second_cbp.groups.add(Group.objects.get(name="cbp"))
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    routing.assign_to_officer(case=case, officer=second_cbp, actor=staff.cbp)
    case.refresh_from_db()
    assert case.assigned_to == second_cbp

    with pytest.raises(InvalidCaseData):
        routing.assign_to_officer(case=case, officer=staff.uscis, actor=staff.cbp)

    routing.take_back(case=case, actor=staff.cbp, reason="officer on leave")
    case.refresh_from_db()
    assert case.assigned_to is None
    changes = _events(case, Action.CHANGE_CASE)
    assert [c["assigned_to"] for c in changes] == [second_cbp.pk, None]


def test_it_refuses_to_assign_a_decided_case(staff):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)

    with pytest.raises(InvalidCaseData):
        routing.assign_to_officer(case=case, officer=staff.cbp, actor=staff.cbp)
