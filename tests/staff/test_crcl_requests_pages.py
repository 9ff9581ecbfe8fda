"""CRCL asks for cases to audit in the staff site; program personnel approve there."""

import pytest

from cases.models import Status
from routing.access import cases_visible_to
from routing.models import AuditRequest, AuditRequestStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_crcl_asks_and_program_approves_through_the_staff_site(staff, signed_in):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)

    asked = signed_in(staff.crcl).post(
        "/staff/routing/auditrequest/add/",
        {"case_number": case.case_number, "reason": "A complaint names it"},
    )
    assert asked.status_code == 302
    request = AuditRequest.objects.get()
    assert (request.requested_by, request.status) == (staff.crcl, AuditRequestStatus.PENDING)

    crcl_view = signed_in(staff.crcl).get(f"/staff/routing/auditrequest/{request.pk}/change/")
    assert 'name="decision"' not in crcl_view.content.decode()  # CRCL does not decide

    program = signed_in(staff.program)
    assert 'name="decision"' in program.get(
        f"/staff/routing/auditrequest/{request.pk}/change/"
    ).content.decode()
    program.post(
        f"/staff/routing/auditrequest/{request.pk}/change/",
        {"decision": "approve", "review_reason": "Agreed"},
    )

    assert AuditRequest.objects.get().status == AuditRequestStatus.APPROVED
    assert case in cases_visible_to(staff.crcl)


def test_a_refusal_without_a_reason_is_refused_with_a_message(staff, signed_in):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)
    signed_in(staff.crcl).post(
        "/staff/routing/auditrequest/add/",
        {"case_number": case.case_number, "reason": "A complaint names it"},
    )
    request = AuditRequest.objects.get()

    response = signed_in(staff.program).post(
        f"/staff/routing/auditrequest/{request.pk}/change/",
        {"decision": "refuse", "review_reason": ""},
        follow=True,
    )

    assert "Say why the request is refused." in response.content.decode()
    assert AuditRequest.objects.get().status == AuditRequestStatus.PENDING
