"""Dates in each language's order, errors that say what to type, statements in the third
person for someone else, a group's error on the group, Change returning to the review."""

import re

import pytest

from tests.intake.walk import CONCERN, ENROLLEE, PREPARER, post_step, step_url

pytestmark = pytest.mark.django_db


def _start(client, language="en", submitter="enrollee"):
    client.get(step_url("privacy", language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": submitter}, language)


def _date_order(html):
    names = re.findall(r'name="enrollee-birth_(day|month|year)"', html)
    return names


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("en", ["month", "day", "year"]),
        ("es", ["day", "month", "year"]),
        ("ht", ["day", "month", "year"]),
        ("pt-br", ["day", "month", "year"]),
    ],
)
def test_the_date_of_birth_is_asked_in_the_order_the_language_writes_it(client, language, order):
    _start(client, language)
    html = client.get(step_url("enrollee", language)).content.decode()
    assert _date_order(html) == order


@pytest.mark.parametrize(
    ("language", "order", "example"),
    [
        ("en", ["month", "day", "year"], "4 28 1986"),
        ("es", ["day", "month", "year"], "28 4 1986"),
        ("ht", ["day", "month", "year"], "28 4 1986"),
        ("pt-br", ["day", "month", "year"], "28 4 1986"),
    ],
)
def test_the_status_page_asks_the_date_of_birth_in_the_same_order(
    client, language, order, example
):
    prefix = "" if language == "en" else f"/{language}"
    html = client.get(f"{prefix}/status/").content.decode()
    assert re.findall(r'name="birth_(day|month|year)"', html) == order
    assert example in html


def test_the_status_page_says_what_to_type_for_each_part_of_the_date(client):
    typed = {"birth_day": "32", "birth_month": "4", "birth_year": "90"}
    page = client.post("/status/", {"case_number": "MPP-7K4QM-9M3XZ", **typed}).content.decode()
    assert "Enter the day of birth as a number from 1 to 31." in page
    assert "Enter the year of birth with four digits, for example 1986." in page
    assert page.count('aria-describedby="dob-hint dob-error"') == 3


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "4", "1990", "Enter the day of birth as a number from 1 to 31."),
        ("12", "13", "1990", "Enter the month of birth as a number from 1 to 12"),
        ("12", "4", "90", "Enter the year of birth with four digits, for example 1986."),
        ("31", "4", "1990", "This date does not exist. Check the day and the month."),
        ("doce", "4", "1990", "Enter the day of birth as a number from 1 to 31."),
    ],
)
def test_a_wrong_date_says_what_to_type_and_marks_the_whole_date(client, day, month, year, message):
    _start(client)
    page = post_step(
        client,
        "enrollee",
        {**ENROLLEE, "birth_day": day, "birth_month": month, "birth_year": year},
    ).content.decode()
    assert message in page
    assert 'id="dob-error"' in page
    assert page.count('aria-describedby="dob-hint dob-error"') == 3


def test_a_date_in_arabic_indic_digits_is_read(client):
    _start(client, "es")
    response = post_step(
        client,
        "enrollee",
        {**ENROLLEE, "birth_day": "١٢", "birth_month": "٤", "birth_year": "١٩٩٠"},
        "es",
    )
    assert response.status_code == 302


def test_statements_read_in_the_third_person_when_someone_else_fills_in_the_form(client):
    _start(client, submitter="preparer")
    post_step(client, "enrollee", ENROLLEE)
    post_step(client, "preparer", PREPARER)
    html = client.get(step_url("concern")).content.decode()

    assert "The person enrolled in MPP has a known mental health issue." in html
    assert "I have a known mental health issue." not in html
    post_step(client, "concern", CONCERN)
    post_step(client, "documents", {})
    review = client.get(step_url("review")).content.decode()
    assert "The person enrolled in MPP has a known physical health issue" in review


def test_an_enrollee_reads_the_statements_in_the_first_person(client):
    _start(client)
    post_step(client, "enrollee", ENROLLEE)
    html = client.get(step_url("concern")).content.decode()
    assert "I have a known mental health issue." in html


def test_a_group_questions_error_marks_the_whole_group(client):
    _start(client)
    post_step(client, "enrollee", ENROLLEE)
    page = post_step(client, "concern", {"description": "Tengo miedo."}).content.decode()

    group = re.search(
        r'<div class="usa-form-group margin-top-4 usa-form-group--error">\s*'
        r'<fieldset class="usa-fieldset" aria-describedby="concerns-error">(.*?)</fieldset>',
        page,
        re.S,
    )
    assert group, "the concern group is not marked"
    assert 'id="concerns-error"' in group.group(1)
    # The first option is not singled out: no option carries an error of its own.
    assert 'aria-invalid="true"' not in group.group(1)
    assert (
        'href="#id_concern-concern_vulnerability_at_enrollment">What is your concern?: Choose'
        in page
    )


def test_change_on_the_review_page_returns_to_the_review(client):
    _start(client)
    post_step(client, "enrollee", ENROLLEE)
    post_step(client, "concern", CONCERN)
    post_step(client, "documents", {})
    review = client.get(step_url("review")).content.decode()
    assert 'href="/request/enrollee/?from=review"' in review

    client.get("/request/enrollee/?from=review")
    changed = post_step(client, "enrollee", {**ENROLLEE, "full_name": "Rosa Mejía"})

    assert changed.url == "/request/review/"
    assert "Rosa Mejía" in client.get(changed.url).content.decode()


def test_a_change_that_adds_a_step_goes_through_it_then_back_to_the_review(client):
    _start(client)
    post_step(client, "enrollee", ENROLLEE)
    post_step(client, "concern", CONCERN)
    post_step(client, "documents", {})
    client.get("/request/submitter/?from=review")

    changed = post_step(client, "submitter", {"submitter_type": "preparer"})
    assert changed.url == "/request/preparer/"
    assert post_step(client, "preparer", PREPARER).url == "/request/review/"


def test_the_review_page_shows_the_message_language_and_lets_it_be_changed(client):
    from cases.models import Case

    _start(client, "es")
    post_step(client, "enrollee", ENROLLEE, "es")
    post_step(client, "concern", CONCERN, "es")
    post_step(client, "documents", {}, "es")
    review = client.get("/request/review/").content.decode()  # reading it in English
    assert re.search(r'name="review-language" value="es"[^>]*checked', review)

    done = post_step(client, "review", {"attest": "on", "website": "", "language": "pt-br"})
    client.get(done.url)

    assert Case.objects.get().language == "pt-br"
