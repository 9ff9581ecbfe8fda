"""Switching language or going back keeps what was typed; / follows the browser's language."""

import pytest

from tests.intake.walk import ENROLLEE, post_step

pytestmark = pytest.mark.django_db


def _at_enrollee_step(client, language="es"):
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": "enrollee"}, language)


def test_it_offers_every_language_at_the_same_step_as_buttons_that_send_the_page(client):
    _at_enrollee_step(client)

    html = client.get("/es/request/enrollee/").content.decode()

    assert '<html lang="es">' in html
    for code in ("en", "ht", "pt-br"):
        assert (
            f'form="step-form" name="intake-action" value="language:{code}"' in html
        ), code
    assert '<form class="usa-form usa-form--large" id="step-form"' in html
    assert "La persona inscrita en MPP" in html


def test_switching_language_keeps_what_was_typed_on_the_page_without_errors(client):
    _at_enrollee_step(client)
    half_done = {"full_name": "Wilner Joseph", "birth_day": "3", "citizenship": "HT"}

    response = client.post(
        "/es/request/enrollee/",
        {
            "intake-current_step": "enrollee",
            "intake-action": "language:ht",
            **{f"enrollee-{name}": value for name, value in half_done.items()},
        },
    )

    assert response.status_code == 302 and response.url == "/ht/request/enrollee/"
    page = client.get(response.url).content.decode()
    assert '<html lang="ht">' in page
    assert 'value="Wilner Joseph"' in page and 'value="3"' in page
    assert '<option value="HT" selected>Ayiti</option>' in page
    assert 'id="error-summary"' not in page


def test_back_keeps_what_was_typed_and_continue_checks_it(client):
    _at_enrollee_step(client, "en")
    typed = {**ENROLLEE, "full_name": "Rosa Mejía", "birth_month": "13"}
    payload = {f"enrollee-{name}": value for name, value in typed.items()}

    back = client.post(
        "/request/enrollee/",
        {"intake-current_step": "enrollee", "intake-action": "back", **payload},
    )

    assert back.url == "/request/submitter/"
    again = client.get("/request/enrollee/").content.decode()
    assert 'value="Rosa Mejía"' in again and 'value="13"' in again
    assert 'id="error-summary"' not in again
    checked = post_step(client, "enrollee", typed)
    assert "Enter the month of birth as a number from 1 to 12" in checked.content.decode()


def test_it_stores_the_language_the_person_chose_first(client):
    response = post_step(client, "privacy", {"language": "ht", "acknowledge": "on"}, "en")

    assert response.url == "/ht/request/submitter/"


def test_it_asks_for_the_privacy_acknowledgment_before_any_personal_data(client):
    page = post_step(client, "privacy", {"language": "en"})

    assert page.status_code == 200
    assert "You must agree to the privacy notice to continue." in page.content.decode()
    assert "full_name" not in page.content.decode()


@pytest.mark.parametrize(
    ("accept", "landing"),
    [
        ("es-MX,es;q=0.9,en;q=0.5", "/es/"),
        ("ht", "/ht/"),
        ("pt-BR,pt;q=0.9", "/pt-br/"),
        ("fr-HT,fr;q=0.8", None),  # no language of ours: English
        ("en-US", None),
    ],
)
def test_the_front_page_follows_the_browsers_language(client, accept, landing):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    if landing is None:
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()
    else:
        assert response.status_code == 302 and response.url == landing
    assert "Accept-Language" in response["Vary"]


def test_english_chosen_on_purpose_stays_english_on_the_next_visit(client):
    spanish_phone = {"HTTP_ACCEPT_LANGUAGE": "es"}
    english = client.get("/es/", **spanish_phone).content.decode()
    assert 'href="/?lang=en" lang="en"' in english

    chosen = client.get("/?lang=en", **spanish_phone)
    later = client.get("/", **spanish_phone)

    assert chosen.status_code == 200 and '<html lang="en">' in chosen.content.decode()
    assert later.status_code == 200 and '<html lang="en">' in later.content.decode()
