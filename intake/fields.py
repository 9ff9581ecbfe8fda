"""Fields of the public form that read what people type in any script."""

import unicodedata

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _


def ascii_digits(text: str) -> str:
    """Digits of any script (full-width, Arabic-Indic, Devanagari, ...) as 0-9."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(char)) if unicodedata.category(char) == "Nd" else char
        for char in text
    )


def clean_phone(raw: str) -> str:
    """Accept Mexican and US numbers written locally, and any number with its country code."""
    raw = ascii_digits((raw or "").strip())
    if not raw:
        return ""
    for region in (None, "MX", "US"):
        try:
            number = phonenumbers.parse(raw, region)
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
