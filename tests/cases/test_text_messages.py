"""Text messages through AWS SNS (moto's server on loopback): recorded with the message that
causes them, sent once, each attempt and the provider's answer kept; a number the provider
refuses ends in a letter to print."""

import pytest

from cases.models import Communication, DeliveryAttempt, DeliveryStatus, Status
from cases.services import communications
from cases.tasks import send_communication
from tests import factories

pytestmark = pytest.mark.django_db
PHONE = "+526561234567"


def _phone_only_case(status=Status.TRIAGE, **overrides):
    fields = {"language": "ht", "email": "", "phone": PHONE, "texts_consent": True, **overrides}
    return factories.case_in(status, **fields)


def test_it_sends_the_text_once_and_keeps_the_providers_id(sms_provider):
    case = _phone_only_case()
    [text] = communications.send_confirmation(case=case)

    assert send_communication.apply(args=[text.pk]).get() == "sent"
    assert send_communication.apply(args=[text.pk]).get() == "already sent"

    [received] = sms_provider.texts()
    assert received["phone_number"] == PHONE
    assert received["message"] == (
        f"Dosye MPP {case.case_number}: nou resevwa demann ou. "
        "Swiv li nan https://mpp.example.gov/ht/status/"
    )
    text.refresh_from_db()
    assert (text.channel, text.status, text.attempts) == ("sms", DeliveryStatus.SENT, 1)
    assert text.provider_message_id == received["message_id"]
    [attempt] = DeliveryAttempt.objects.filter(communication=text)
    assert (attempt.outcome, attempt.provider_message_id) == ("accepted", received["message_id"])


def test_it_keeps_trying_while_the_provider_is_down(sms_provider):
    case = _phone_only_case()
    [text] = communications.send_confirmation(case=case)
    sms_provider.stop()

    delivery = communications.deliver_communication(communication_id=text.pk)

    assert delivery.outcome == "retry"
    text.refresh_from_db()
    assert (text.status, text.attempts) == (DeliveryStatus.QUEUED, 1)
    attempt = DeliveryAttempt.objects.get(communication=text)
    assert (attempt.outcome, attempt.detail) == ("unavailable", "EndpointConnectionError")


def test_a_refused_number_fails_at_once_and_the_decision_becomes_a_letter(sms_provider, staff):
    case = _phone_only_case(Status.DECIDED)
    [text] = communications.communicate_decision(case=case, actor=staff.program)
    # A number the provider will not take, whatever the retries.
    Communication.objects.filter(pk=text.pk).update(to_address="+0000")

    assert send_communication.apply(args=[text.pk]).get() == "failed"

    text.refresh_from_db()
    assert (text.status, text.attempts, text.last_error) == (
        DeliveryStatus.FAILED,
        1,
        "InvalidParameter",
    )
    letter = Communication.objects.get(case=case, channel="letter")
    assert (letter.kind, letter.status, letter.message_group) == (
        "decision",
        DeliveryStatus.TO_PRINT,
        text.message_group,
    )
    assert "Desizyon" in letter.body  # the full decision, in the case's language
    assert sms_provider.texts() == []


def test_a_message_that_reached_someone_needs_no_letter(sms_provider, staff):
    case = _phone_only_case(Status.DECIDED, email="maria@example.org")
    kept = communications.communicate_decision(case=case, actor=staff.program)
    text = next(c for c in kept if c.channel == "sms")
    Communication.objects.filter(pk=text.pk).update(to_address="+0000")

    send_communication.apply(args=[text.pk]).get()

    assert not Communication.objects.filter(case=case, channel="letter").exists()


def test_a_preparer_receives_nothing_on_any_channel(sms_provider, staff):
    from cases.services.submissions import ContactDetails

    case = _phone_only_case(
        Status.DECIDED,
        submitter_type="preparer",
        contact=ContactDetails(
            full_name="Pedro Preparer",
            relationship="Shelter volunteer",
            phone="+526565550000",
            email="pedro@example.org",
        ),
    )
    kept = [
        *communications.send_confirmation(case=case),
        *communications.communicate_decision(case=case, actor=staff.program),
    ]
    for message in kept:
        send_communication.apply(args=[message.pk]).get()

    assert {(c.recipient, c.to_address) for c in Communication.objects.filter(case=case)} == {
        ("enrollee", PHONE)
    }
    assert {text["phone_number"] for text in sms_provider.texts()} == {PHONE}
