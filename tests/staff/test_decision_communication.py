"""Communicating the decision: in the case's language, to enrollee and representative only."""

from datetime import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case, Communication, DeliveryStatus, Status, SubmitterType
from cases.services.submissions import ContactDetails
from routing import casework
from tests import factories
from tests.intake.test_confirmation_email import celery_worker, inbox, wait_for_sent  # noqa: F401
from tests.staff.conftest import act_url

PRESENT_AT = "2026-12-01T09:30"


def _decided(staff, outcome="disenroll", **overrides):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **overrides)
    casework.record_outcome(case=case, actor=staff.cbp, component="cbp", outcome=outcome)
    return case


@pytest.mark.django_db
def test_it_writes_the_decision_in_the_case_language_with_port_and_time(
    staff, signed_in, django_capture_on_commit_callbacks
):
    case = _decided(staff, submitter_type=SubmitterType.REPRESENTATIVE)
    with django_capture_on_commit_callbacks() as queued:
        signed_in(staff.program).post(
            act_url(case, "communicate"),
            {"port_of_entry": "El Paso", "present_at": PRESENT_AT},
        )

    messages = Communication.objects.filter(case=case, kind="decision").order_by("recipient")
    assert [(m.recipient, m.to_address) for m in messages] == [
        ("enrollee", "maria@example.org"),
        ("representative", "ana@lawfirm.example"),
    ]
    body = messages[0].body
    assert "Decisión: Remove from MPP" not in body
    assert "Decisión:" in body and "El Paso" in body and "9:30" in body
    assert messages[0].present_at == timezone.make_aware(datetime(2026, 12, 1, 9, 30))
    case.refresh_from_db()
    assert case.status == Status.COMMUNICATED
    assert case.cbpreview.decision_communicated_on == timezone.localdate(case.communicated_at)
    assert len(queued) == 1


@pytest.mark.django_db
def test_it_never_writes_to_a_preparer_and_keeps_the_text_for_printing(staff, signed_in):
    case = _decided(
        staff,
        outcome="remain_enrolled",
        submitter_type=SubmitterType.PREPARER,
        email="",
        contact=ContactDetails(
            full_name="Pedro Preparer", relationship="volunteer", email="pedro@example.org"
        ),
    )
    client = signed_in(staff.program)
    client.post(act_url(case, "communicate"))

    message = Communication.objects.get(case=case, kind="decision")
    assert (message.channel, message.to_address, message.status) == (
        "letter",
        "",
        DeliveryStatus.TO_PRINT,
    )
    printed = client.get(f"/staff/queues/casefile/{case.pk}/communications/{message.pk}/print/")
    assert message.body.splitlines()[0] in printed.content.decode()
    assert AuditEvent.objects.filter(action="print", case_id=case.pk).exists()


@pytest.mark.django_db
def test_it_refuses_a_disenrollment_without_port_and_time(staff, signed_in):
    case = _decided(staff)

    response = signed_in(staff.program).post(act_url(case, "communicate"), follow=True)

    assert "needs the port of entry" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db
def test_it_lets_only_program_personnel_communicate(staff, signed_in):
    case = _decided(staff, outcome="remain_enrolled")

    signed_in(staff.cbp).post(act_url(case, "communicate"))

    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db(transaction=True)
def test_it_emails_the_decision_through_the_worker(staff, inbox, celery_worker):  # noqa: F811
    case = _decided(staff, outcome="remain_enrolled")
    from routing.casework import communicate_decision

    communicate_decision(case=case, actor=staff.program)

    wait_for_sent(1)
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["maria@example.org"]
    assert case.case_number in inbox.messages[0].content.decode()
