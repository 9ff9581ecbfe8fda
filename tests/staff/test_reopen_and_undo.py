"""A closed case can be reopened by program personnel, with a reason; one's own assignment can
be undone. Both are recorded."""

import pytest

from audit.models import AuditEvent
from cases.models import Case, CaseTransition, Status
from routing import services as routing
from routing.access import cases_visible_to
from tests import factories
from tests.staff.conftest import act_url, case_page_url, confirmed

pytestmark = pytest.mark.django_db


def test_program_reopens_a_withdrawn_case_where_it_stood_with_its_reason(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    routing.close_as_withdrawn(case=case, actor=staff.program, reason="asked by phone")

    confirmed(signed_in(staff.program), act_url(case, "reopen"), {"reason": "withdrawn by mistake"})

    case.refresh_from_db()
    assert (case.status, case.closure_reason, case.closed_at) == (Status.CBP_REVIEW, "", None)
    step = CaseTransition.objects.filter(case=case).latest("occurred_at", "id")
    assert (step.from_status, step.to_status, step.reason) == (
        Status.CLOSED,
        Status.CBP_REVIEW,
        "withdrawn by mistake",
    )
    # CBP holds it again and may edit its module once more.
    page = signed_in(staff.cbp).get(case_page_url(case))
    assert "refer_to_uscis" in page.context["page"].actions
    assert AuditEvent.objects.filter(case_id=case.pk, detail__transition="reopen_case").exists()


def test_a_reopening_needs_a_reason(staff, signed_in):
    case = factories.case_in(Status.CLOSED)

    page = confirmed(signed_in(staff.program), act_url(case, "reopen"), {"reason": ""})

    assert "Give the reason" in page.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED


def test_only_program_personnel_may_reopen(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    routing.close_as_withdrawn(case=case, actor=staff.program, reason="asked by phone")
    assert case in cases_visible_to(staff.cbp)

    confirmed(signed_in(staff.cbp), act_url(case, "reopen"), {"reason": "I want it back"})

    assert Case.objects.get(pk=case.pk).status == Status.CLOSED


def test_an_officer_undoes_their_own_assignment_back_to_the_previous_holder(
    staff, signed_in, django_user_model
):
    from django.contrib.auth.models import Group

    colleague = django_user_model.objects.create_user(username="cbp.colleague", is_staff=True)
    colleague.groups.add(Group.objects.get(name="cbp"))
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client = signed_in(staff.cbp)
    client.post(act_url(case, "assign"), {"to": "me"})
    client.post(act_url(case, "assign"), {"officer": colleague.pk})
    assert Case.objects.get(pk=case.pk).assigned_to == colleague

    client.post(act_url(case, "undo_assignment"))

    assert Case.objects.get(pk=case.pk).assigned_to == staff.cbp


def test_an_undo_of_a_first_assignment_returns_the_case_to_the_queue(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client = signed_in(staff.cbp)
    client.post(act_url(case, "assign"), {"to": "me"})
    assert "undo_assignment" in client.get(case_page_url(case)).context["page"].actions

    client.post(act_url(case, "undo_assignment"))

    assert Case.objects.get(pk=case.pk).assigned_to is None
    # An undo is not itself undone by the next undo.
    response = client.post(act_url(case, "undo_assignment"), follow=True)
    assert "There is no assignment to undo." in response.content.decode()


def test_nobody_undoes_a_colleagues_assignment(staff, signed_in, django_user_model):
    from django.contrib.auth.models import Group

    colleague = django_user_model.objects.create_user(username="cbp.colleague", is_staff=True)
    colleague.groups.add(Group.objects.get(name="cbp"))
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    signed_in(staff.cbp).post(act_url(case, "assign"), {"to": "me"})

    other = signed_in(colleague)
    assert "undo_assignment" not in other.get(case_page_url(case)).context["page"].actions
    response = other.post(act_url(case, "undo_assignment"), follow=True)

    assert "Only your own last assignment" in response.content.decode()
    assert Case.objects.get(pk=case.pk).assigned_to == staff.cbp
