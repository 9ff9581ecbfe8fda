"""What each channel says: a text carries the case number and the status page, in the case's
language, and nothing else; e-mail and letters carry the full text, a letter never a link that
works only once."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cases.message_content import MessageValues, Presentation, content_for
from cases.models import CommunicationKind, Status
from tests import factories

pytestmark = pytest.mark.django_db

# Written out by hand: what a person reads on the phone.
NEWS = {
    "en": "MPP case {n}: there is news about your request. See https://mpp.example.gov/status/",
    "es": "Caso MPP {n}: hay novedades sobre su solicitud. Vea https://mpp.example.gov/es/status/",
    "ht": "Dosye MPP {n}: gen nouvèl sou demann ou. Gade https://mpp.example.gov/ht/status/",
    "pt-br": "Caso MPP {n}: há novidades sobre o seu pedido. Veja "
    "https://mpp.example.gov/pt-br/status/",
}
RECEIVED = {
    "en": "MPP case {n}: we received your request. Follow it at https://mpp.example.gov/status/",
    "es": "Caso MPP {n}: recibimos su solicitud. Sígala en https://mpp.example.gov/es/status/",
    "ht": "Dosye MPP {n}: nou resevwa demann ou. Swiv li nan https://mpp.example.gov/ht/status/",
    "pt-br": "Caso MPP {n}: recebemos o seu pedido. Acompanhe em "
    "https://mpp.example.gov/pt-br/status/",
}
EL_PASO = Presentation(
    port_name="El Paso",
    port_address="Paso del Norte Port of Entry, 1000 S El Paso St, El Paso, TX",
    time_zone="America/Denver",
    # 16:30 UTC is 9:30 in El Paso (Mountain Standard Time) and 11:30 in New York.
    at=datetime.datetime(2030, 12, 2, 16, 30, tzinfo=datetime.UTC),
)
PERSONAL = [
    "María",
    "Hernández",
    "1990",
    "212345678",
    "Juárez",
    "maria@example.org",
    "6561234567",
    "Remove",
    "Remains",
]


@pytest.mark.parametrize("language", ["en", "es", "ht", "pt-br"])
@pytest.mark.parametrize(
    "kind",
    [
        CommunicationKind.INFORMATION_REQUEST,
        CommunicationKind.REMINDER,
        CommunicationKind.DECISION,
    ],
)
def test_a_text_says_only_that_there_is_news_and_where(language, kind):
    case = factories.case_in(Status.DECIDED, language=language, phone="+526561234567")
    values = MessageValues(
        message="Send the hospital letter, María.",
        outcome="disenroll",
        presentation=EL_PASO,
    )

    for channel in ("sms", "whatsapp"):
        content = content_for(kind=kind, channel=channel, case=case, values=values)
        assert content.subject == ""
        assert content.body == NEWS[language].format(n=case.case_number)
        assert not [word for word in PERSONAL if word in content.body]


@pytest.mark.parametrize("language", ["en", "es", "ht", "pt-br"])
def test_the_confirmation_text_says_the_request_was_received(language):
    case = factories.case_in(Status.TRIAGE, language=language)

    content = content_for(kind=CommunicationKind.CONFIRMATION, channel="sms", case=case)

    assert content.body == RECEIVED[language].format(n=case.case_number)


def test_the_email_tells_the_time_to_present_oneself_in_the_ports_local_time():
    case = factories.case_in(Status.DECIDED, language="en")
    values = MessageValues(outcome="disenroll", presentation=EL_PASO)

    body = content_for(
        kind=CommunicationKind.DECISION, channel="email", case=case, values=values
    ).body

    assert "Decision: Remove from MPP: present at a port of entry" in body
    assert "Paso del Norte Port of Entry" in body
    assert "Dec. 2, 2030 at 9:30 a.m., local time in El Paso (MST)" in body
    assert "11:30" not in body


def test_a_letter_points_to_the_status_page_and_never_carries_a_single_use_link():
    case = factories.case_in(Status.AWAITING_INFORMATION, language="es")
    values = MessageValues(
        message="Envíe la carta del hospital.",
        due_at=datetime.datetime(2026, 12, 31, 12, tzinfo=ZoneInfo("America/New_York")),
        answer_link="https://mpp.example.gov/es/information/secret-token/",
    )

    email = content_for(
        kind=CommunicationKind.INFORMATION_REQUEST, channel="email", case=case, values=values
    )
    letter = content_for(
        kind=CommunicationKind.INFORMATION_REQUEST, channel="letter", case=case, values=values
    )

    assert "secret-token" in email.body
    assert "secret-token" not in letter.body
    assert "https://mpp.example.gov/es/status/" in letter.body
    assert "Envíe la carta del hospital." in letter.body
    assert "31 de diciembre de 2026" in letter.body
