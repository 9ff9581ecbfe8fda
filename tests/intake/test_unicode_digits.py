"""A-numbers and phone numbers typed with any script's digits: read as ASCII, or refused with a
translated error; never a 500, least of all at the final submit."""

import sys
import unicodedata

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.errors import InvalidCaseData
from cases.models import Case
from cases.normalise import normalise_a_number
from intake.contact import clean_phone
from tests.intake.walk import CONCERN, ENROLLEE, post_step

# Every character of Unicode's number categories: decimal digits (Nd: Arabic-Indic, Devanagari,
# full-width, mathematical, ...), letter numbers (Nl: Roman numerals) and other numbers (No:
# superscripts, circled and fraction forms).
NUMBER_CHARACTERS = {
    category: [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == category
    ]
    for category in ("Nd", "Nl", "No")
}
DECIMAL_ZEROS = [char for char in NUMBER_CHARACTERS["Nd"] if unicodedata.decimal(char) == 0]


def _in_script(digits: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(digit)) for digit in digits)


def test_the_tables_cover_every_digit_script():
    assert len(DECIMAL_ZEROS) > 60  # every script that writes decimal digits
    assert "٠" in DECIMAL_ZEROS and "０" in DECIMAL_ZEROS and "०" in DECIMAL_ZEROS


@settings(max_examples=300, deadline=None)
@given(zero=st.sampled_from(DECIMAL_ZEROS), digits=st.from_regex(r"\A[0-9]{9}\Z"))
def test_an_a_number_in_any_scripts_digits_reads_as_its_ascii_digits(zero, digits):
    typed = "A-" + _in_script(digits[:3], zero) + " " + _in_script(digits[3:], zero)
    assert normalise_a_number(typed) == digits


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            NUMBER_CHARACTERS["Nd"] + NUMBER_CHARACTERS["Nl"] + NUMBER_CHARACTERS["No"]
            + list(" -A.")
        ),
        max_size=14,
    )
)
def test_an_a_number_of_any_number_characters_is_nine_ascii_digits_or_refused(text):
    try:
        normalised = normalise_a_number(text)
    except InvalidCaseData:
        return
    assert normalised == "" or (len(normalised) == 9 and normalised.isascii())
    assert normalised.isdigit() or normalised == ""


@pytest.mark.parametrize("typed", ["abc", "A", "no tengo", "----", "Ⅻ", "½"])
def test_an_a_number_with_no_digits_is_refused_not_dropped(typed):
    with pytest.raises(InvalidCaseData):
        normalise_a_number(typed)


@settings(max_examples=200, deadline=None)
@given(zero=st.sampled_from(DECIMAL_ZEROS), plus=st.sampled_from(["+", "＋", ""]))
def test_a_phone_number_in_any_scripts_digits_reads_as_ascii(zero, plus):
    typed = (plus + _in_script("52", zero) + " " if plus else "") + _in_script("6561234567", zero)
    assert clean_phone(typed) == "+526561234567"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            NUMBER_CHARACTERS["Nd"] + NUMBER_CHARACTERS["Nl"] + NUMBER_CHARACTERS["No"]
            + list(" +-()")
        ),
        max_size=20,
    )
)
def test_a_phone_of_any_number_characters_is_ascii_or_refused(text):
    from django import forms

    try:
        cleaned = clean_phone(text)
    except forms.ValidationError:
        return
    assert cleaned == "" or (cleaned[0] == "+" and cleaned[1:].isdigit() and cleaned.isascii())


def _at_review(client, enrollee):
    post_step(client, "privacy", {"language": "es", "acknowledge": "on"}, "es")
    post_step(client, "submitter", {"submitter_type": "enrollee"}, "es")
    response = post_step(client, "enrollee", enrollee, "es")
    if response.status_code != 302:
        return response
    post_step(client, "concern", CONCERN, "es")
    post_step(client, "documents", {}, "es")
    return post_step(client, "review", {"attest": "on", "website": ""}, "es")


@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    a_number=st.text(
        alphabet=st.sampled_from(NUMBER_CHARACTERS["Nd"] + NUMBER_CHARACTERS["No"] + list(" -")),
        min_size=1,
        max_size=14,
    ),
    phone=st.text(
        alphabet=st.sampled_from(NUMBER_CHARACTERS["Nd"] + list(" +")), min_size=0, max_size=14
    ),
)
def test_the_whole_form_with_any_digits_ends_in_a_case_or_a_translated_error(a_number, phone):
    client = Client(raise_request_exception=True)
    response = _at_review(client, {**ENROLLEE, "a_number": a_number, "phone": phone})
    if response.status_code == 200:  # refused on its step, in Spanish
        assert 'id="error-summary"' in response.content.decode()
        return
    opened = client.get(response.url)
    assert opened.status_code == 302 and opened.url.endswith("/confirmation/")
    case = Case.objects.order_by("-pk").first()
    assert case.enrollee.a_number.isascii() and str(case.enrollee.phone).isascii()
