"""WhatsApp, off by default: when switched on, the same content-free notice goes as the
pre-approved template of the case's language, to a stand-in Cloud API on loopback
(tests/whatsapp_provider.py) that checks each request's shape."""

import json

import pytest

from cases.models import Communication, DeliveryStatus, Status
from cases.services import communications
from cases.tasks import send_communication
from tests import factories
from tests.whatsapp_provider import WhatsAppStub

pytestmark = pytest.mark.django_db
TEMPLATES = {
    "en": ("mpp_case_news", "en_US"),
    "es": ("mpp_case_news", "es_MX"),
    "pt-br": ("mpp_case_news", "pt_BR"),
}


@pytest.fixture
def whatsapp(settings):
    stub = WhatsAppStub()
    stub.start()
    settings.WHATSAPP_ENABLED = True
    settings.WHATSAPP_API_URL = f"{stub.url}/v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = stub.phone_number_id
    settings.WHATSAPP_ACCESS_TOKEN = stub.token
    settings.WHATSAPP_TEMPLATES = TEMPLATES
    yield stub
    stub.stop()


def _case(language, status=Status.TRIAGE):
    return factories.case_in(
        status,
        language=language,
        email="",
        phone="+526561234567",
        texts_consent=True,
        whatsapp_consent=True,
    )


def test_it_is_off_by_default(settings):
    settings.WHATSAPP_ENABLED = False
    case = _case("es")

    kept = communications.send_confirmation(case=case)

    assert [c.channel for c in kept] == ["sms"]


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_it_sends_the_template_of_the_cases_language_and_nothing_personal(whatsapp, language):
    case = _case(language)
    sent = communications.send_confirmation(case=case)
    [message] = [c for c in sent if c.channel == "whatsapp"]

    assert send_communication.apply(args=[message.pk]).get() == "sent"

    assert whatsapp.problems == []
    [body] = whatsapp.bodies()
    name, code = TEMPLATES[language]
    assert body["to"] == "526561234567"
    assert (body["template"]["name"], body["template"]["language"]["code"]) == (name, code)
    assert body["template"]["components"] == [
        {"type": "body", "parameters": [{"type": "text", "text": case.case_number}]}
    ]
    request = json.dumps(body, ensure_ascii=False)
    for personal in ("María", "Hernández", "1990", "212345678", "Juárez", "Chronic"):
        assert personal not in request
    message.refresh_from_db()
    assert (message.status, message.provider_message_id) == (DeliveryStatus.SENT, "wamid.TEST1")


def test_haitian_creole_has_no_template_so_only_texts_go(whatsapp):
    case = _case("ht")

    kept = communications.send_confirmation(case=case)

    assert [c.channel for c in kept] == ["sms"]


def test_it_retries_a_provider_error_and_gives_up_on_a_refusal(whatsapp):
    case = _case("es")
    [message] = [c for c in communications.send_confirmation(case=case) if c.channel == "whatsapp"]

    whatsapp.answer_status = 503
    assert communications.deliver_communication(communication_id=message.pk).outcome == "retry"
    whatsapp.answer_status = 400
    assert communications.deliver_communication(communication_id=message.pk).outcome == "failed"

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        DeliveryStatus.FAILED,
        2,
        "HTTP 400 131026",
    )
    assert list(
        message.delivery_attempts.values_list("outcome", flat=True).order_by("attempted_at")
    ) == ["unavailable", "refused"]
    assert not Communication.objects.filter(case=case, channel="letter").exists()
