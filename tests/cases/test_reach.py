"""Who is written to, on which channels: the enrollee and a representative, never a preparer;
e-mail to an address, texts only to a phone whose owner agreed, WhatsApp only when switched on
and speaking the case's language."""

import pytest

from cases.reach import Contact, message_recipients

PHONE = "+526561234567"
REP_PHONE = "+19155550134"

# (submitter, enrollee, representative, language) -> [(recipient, channel, address), ...]
TABLE = [
    ("enrollee", Contact(phone=PHONE, texts=True), None, "ht", [("enrollee", "sms", PHONE)]),
    ("enrollee", Contact(phone=PHONE), None, "es", []),
    ("enrollee", Contact(email="m@x.org"), None, "es", [("enrollee", "email", "m@x.org")]),
    (
        "enrollee",
        Contact(phone=PHONE, texts=True, email="m@example.org"),
        None,
        "es",
        [("enrollee", "sms", PHONE), ("enrollee", "email", "m@example.org")],
    ),
    ("enrollee", Contact(texts=True), None, "es", []),  # consent without a number
    (
        "preparer",
        Contact(),
        Contact(phone=REP_PHONE, texts=True, email="p@example.org"),
        "es",
        [],
    ),
    (
        "representative",
        Contact(),
        Contact(phone=REP_PHONE, texts=True, email="a@law.example"),
        "pt-br",
        [("representative", "sms", REP_PHONE), ("representative", "email", "a@law.example")],
    ),
    (
        "representative",
        Contact(phone=PHONE, texts=True),
        Contact(email="a@law.example"),
        "en",
        [("enrollee", "sms", PHONE), ("representative", "email", "a@law.example")],
    ),
]


def _flat(recipients):
    return [(r.recipient, a.channel, a.address) for r in recipients for a in r.channels]


@pytest.mark.parametrize(("submitter", "enrollee", "representative", "language", "expected"), TABLE)
def test_it_reaches_each_person_on_every_channel_they_gave(
    submitter, enrollee, representative, language, expected
):
    found = message_recipients(
        submitter_type=submitter,
        language=language,
        enrollee=enrollee,
        representative=representative,
    )

    assert _flat(found) == expected


@pytest.mark.parametrize(
    ("enabled", "language", "expected"),
    [
        (False, "es", [("enrollee", "sms", PHONE)]),
        (True, "es", [("enrollee", "sms", PHONE), ("enrollee", "whatsapp", PHONE)]),
        # No WhatsApp template speaks Haitian Creole: the texts still go.
        (True, "ht", [("enrollee", "sms", PHONE)]),
    ],
)
def test_it_adds_whatsapp_only_where_switched_on_and_spoken(settings, enabled, language, expected):
    settings.WHATSAPP_ENABLED = enabled
    settings.WHATSAPP_TEMPLATES = {"es": ("mpp_case_news", "es_MX")}

    found = message_recipients(
        submitter_type="enrollee",
        language=language,
        enrollee=Contact(phone=PHONE, texts=True, whatsapp=True),
        representative=None,
    )

    assert _flat(found) == expected
