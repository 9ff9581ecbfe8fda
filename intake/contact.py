"""How to reach the person: phone numbers as people write them, and consent to texts.

Numbers are stored in E.164. Texts go to a phone only with its owner's consent, given knowing
the phone may be shared, and only to a number that can take them.
"""

import re
import unicodedata

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from cases import reach

# Mexican mobile numbers as people still write them from before the 2019 dialling reform:
# +52 1 ..., 044 ... and 045 ..., or 01 ... for a long-distance call; the ten digits remain.
OLD_MEXICAN_PREFIX = re.compile(r"^(?:\+?521|04[45]|01)(\d{10})$")


def ascii_digits(text: str) -> str:
    """Digits of any script (full-width, Arabic-Indic, Devanagari, ...) as 0-9."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(char)) if unicodedata.category(char) == "Nd" else char
        for char in text
    )


def _readings(raw: str):
    yield raw
    old = OLD_MEXICAN_PREFIX.match(re.sub(r"[^\d+]", "", raw))
    if old:
        yield f"+52{old.group(1)}"


def clean_phone(raw: str) -> str:
    """Accept Mexican and US numbers written locally, and any number with its country code;
    stored in E.164. Digits of any script are read as their ASCII digits."""
    raw = ascii_digits((raw or "").strip())
    if not raw:
        return ""
    for reading in _readings(raw):
        for region in (None, "MX", "US"):
            try:
                number = phonenumbers.parse(reading, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise forms.ValidationError(
        _(
            "Enter a phone number we can call, with its country code if it is not from Mexico "
            "or the United States, for example +52 656 123 4567."
        )
    )


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=40, required=False, **kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs["autocomplete"] = "tel"

    def clean(self, value):
        return clean_phone(super().clean(value))


def is_landline(e164: str) -> bool:
    """A number known to be fixed-line only, which no text message reaches."""
    number_type = phonenumbers.number_type(phonenumbers.parse(e164))
    return number_type == phonenumbers.PhoneNumberType.FIXED_LINE


TEXTS_HINT = _(
    "Our texts give only the case number and say there is news, never names, reasons or "
    "decisions, so they are safe on a shared phone. You read the news on the status page."
)


class TextsConsentMixin:
    """Texts (and WhatsApp) go to the phone only with consent, and need a number that takes
    them."""

    consent_fields = ("texts",)

    def check_texts_consent(self, cleaned):
        phone = cleaned.get("phone")
        wanted = [name for name in self.consent_fields if cleaned.get(name)]
        if not wanted or "phone" in self.errors:
            return
        if not phone:
            self.add_error(
                "phone",
                _("Give the phone number that should receive the texts, or untick the box."),
            )
        elif is_landline(phone):
            self.add_error(
                wanted[0],
                _(
                    "This number looks like a landline, which cannot receive texts. Give a "
                    "mobile number, or untick the box."
                ),
            )


def _contact(answers: dict | None, *, whatsapp=False) -> reach.Contact:
    answers = answers or {}
    return reach.Contact(
        phone=answers.get("phone") or "",
        email=answers.get("email") or "",
        texts=bool(answers.get("texts")),
        whatsapp=whatsapp and bool(answers.get("whatsapp")),
    )


def reachable(answers: dict, language: str) -> bool:
    """Whether the answers so far give anyone we may write to: the rule messages follow."""
    submitter_type = (answers.get("submitter") or {}).get("submitter_type", "")
    return bool(
        reach.message_recipients(
            submitter_type=submitter_type,
            language=language,
            enrollee=_contact(answers.get("enrollee"), whatsapp=True),
            representative=_contact(answers.get("representative")),
        )
    )
