"""How to reach the enrollee: numbers read as people write them and kept in E.164, texts only
with consent to a phone that takes them, and a warning before submitting when nobody could be
reached, which never stops the request."""

import pytest

from cases.models import Case
from intake.forms import clean_phone
from tests.intake.walk import ENROLLEE, PREPARER, fill_to_review, post_step, step_url, submit

# As typed on the form -> as stored (E.164). Written out by hand.
NUMBERS = [
    ("656 123 4567", "+526561234567"),  # Ciudad Juárez, written locally
    ("+52 656 123 4567", "+526561234567"),
    ("+52 1 656 123 4567", "+526561234567"),  # mobile, as dialled before 2019
    ("044 656 123 4567", "+526561234567"),
    ("045 656 123 4567", "+526561234567"),
    ("(915) 555-0134", "+19155550134"),  # El Paso
    ("+1 305 555 0199", "+13055550199"),
    ("+509 3712 3456", "+50937123456"),  # Haiti
    ("+55 11 91234 5678", "+5511912345678"),  # São Paulo
    ("", ""),
]


@pytest.mark.parametrize(("typed", "stored"), NUMBERS)
def test_it_reads_mexican_us_and_other_numbers(typed, stored):
    assert clean_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "+52 123", "call me"])
def test_it_refuses_what_no_phone_could_answer(typed):
    from django import forms

    with pytest.raises(forms.ValidationError):
        clean_phone(typed)


def _enrollee(**changes):
    return {**ENROLLEE, "phone": "", "email": "", **changes}


@pytest.mark.django_db
def test_it_keeps_consent_to_texts_with_the_number(client):
    submit(client, language="ht", enrollee=_enrollee(phone="656 123 4567", texts="on"))

    enrollee = Case.objects.get().enrollee
    assert enrollee.phone.as_e164 == "+526561234567"
    assert enrollee.texts_consent and not enrollee.whatsapp_consent


@pytest.mark.django_db
def test_it_asks_for_the_number_when_texts_are_wanted(client):
    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})

    page = post_step(client, "enrollee", _enrollee(texts="on")).content.decode()

    assert "Give the phone number that should receive the texts" in page
    assert 'value="María José Hernández López"' in page  # nothing typed is lost


@pytest.mark.django_db
def test_it_refuses_texts_to_a_landline(client):
    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})

    # A Haitian fixed line: no text reaches it.
    page = post_step(client, "enrollee", _enrollee(phone="+509 2222 3333", texts="on"))

    assert "looks like a landline" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "warned"),
    [
        ({"enrollee": _enrollee()}, True),
        ({"enrollee": _enrollee(phone="656 123 4567")}, True),  # a phone, but no texts
        ({"enrollee": _enrollee(phone="656 123 4567", texts="on")}, False),
        ({"enrollee": _enrollee(email="m@example.org")}, False),
        # A preparer gives their own details; the enrollee's are empty: nobody to write to.
        (
            {
                "enrollee": _enrollee(),
                "submitter": "preparer",
                "contact": {**PREPARER, "phone": "+52 656 555 0000", "email": "p@example.org"},
            },
            True,
        ),
    ],
)
def test_it_warns_before_submitting_when_nobody_could_be_reached(client, answers, warned):
    fill_to_review(client, language="es", **answers)

    page = client.get(step_url("review", "es")).content.decode()

    assert ('id="no-channel"' in page) is warned
    if warned:
        assert "/es/status/" in page  # how to follow the request instead
        assert 'name="review-attest"' in page  # and the request can still be sent


@pytest.mark.django_db(transaction=True)
def test_a_request_nobody_can_be_reached_for_is_still_taken(client):
    response = submit(client, enrollee=_enrollee())

    assert response.status_code == 302
    case = Case.objects.get()
    assert not case.communications.exists()  # nothing to send; the status page tells all
    page = client.get(response.url).content.decode()
    assert "/status/" in page and case.case_number in page
