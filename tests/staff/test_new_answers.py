"""A requestor's answer is flagged in the queues until an officer has read it, and the officer
the case is assigned to is told by e-mail (the case number, never the answer)."""

import pytest

from cases.models import InformationRequest, Status
from cases.services import information
from routing import casework
from tests import factories
from tests.staff.conftest import act_url

pytestmark = pytest.mark.django_db
QUEUE = "/staff/queues/mycase/"


def _answered(staff, client):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client.post(act_url(case, "assign"), {"to": "me"})
    casework.request_information(
        case=case, actor=staff.cbp, message="The letter, please.", base_url="https://x"
    )
    token = "k" * 43
    InformationRequest.objects.filter(case=case).update(token_hash=information._hash(token))
    information.answer_information_request(token=token, answer="Aquí está.", documents=[])
    return case


def _flag(client, case):
    rows = {row.pk: row for row in client.get(QUEUE).context["queue_page"].cases}
    return rows[case.pk].has_new_answer


def test_an_answer_is_flagged_until_the_officer_reads_it(staff, signed_in):
    client = signed_in(staff.cbp)
    case = _answered(staff, client)
    assert _flag(client, case) is True
    assert "New answer" in client.get(QUEUE).content.decode()

    asked = InformationRequest.objects.get(case=case)
    client.post(act_url(case, "answer_read"), {"request": asked.pk})

    assert _flag(client, case) is False
    asked.refresh_from_db()
    assert asked.answer_read_by == staff.cbp


def test_the_assigned_officer_is_told_without_the_answer(
    staff, signed_in, mailoutbox, django_capture_on_commit_callbacks
):
    staff.cbp.email = "cbp.officer@cbp.example.gov"
    staff.cbp.save()
    client = signed_in(staff.cbp)
    with django_capture_on_commit_callbacks() as queued:
        case = _answered(staff, client)
    assert queued  # the notice is queued once the answer is committed

    asked = InformationRequest.objects.get(case=case)
    assert information.tell_officer_of_answer(request_id=asked.pk) is True

    (notice,) = mailoutbox
    assert notice.to == ["cbp.officer@cbp.example.gov"]
    assert case.case_number in notice.subject
    assert "Aquí está" not in notice.body and "María" not in notice.body
