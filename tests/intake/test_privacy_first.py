"""The privacy notice first, always; a lost session says what happened and how to resume."""

import pytest
from django.test import Client

from intake.uploads import held_files
from tests.intake.conftest import PDF
from tests.intake.walk import CONCERN, ENROLLEE, REPRESENTATIVE, post_step, step_url, upload

pytestmark = pytest.mark.django_db

LATER_STEPS = ["submitter", "enrollee", "representative", "concern", "documents", "review"]


@pytest.mark.parametrize("language", ["en", "es", "ht", "pt-br"])
@pytest.mark.parametrize("step", [*LATER_STEPS, "submitted"])
def test_opening_a_later_step_directly_leads_to_the_notice(client, step, language):
    response = client.get(step_url(step, language))

    assert response.status_code == 302 and response.url == step_url("privacy", language)
    page = client.get(response.url).content.decode()
    assert f'href="{step_url("resume", language)}"' in page
    assert 'class="usa-alert usa-alert--info' in page
    assert 'id="error-summary"' not in page


@pytest.mark.parametrize(
    ("step", "data", "files"),
    [
        ("enrollee", ENROLLEE, None),
        ("representative", REPRESENTATIVE, {"g28": upload("G-28.pdf", PDF)}),
        ("concern", CONCERN, None),
        ("documents", {}, {"files": [upload("informe.pdf", PDF)]}),
    ],
)
def test_a_page_sent_without_the_notice_accepts_nothing_and_says_how_to_resume(
    client, step, data, files
):
    page = post_step(client, step, data, files=files)

    html = page.content.decode()
    assert page.status_code == 200
    assert "We could not find your answers" in html
    assert 'href="/request/resume/"' in html
    assert held_files() == []  # no file taken
    assert "wizard_intake" not in client.session or not client.session["wizard_intake"][
        "step_data"
    ]


def test_a_session_that_timed_out_mid_form_leads_to_the_lost_page_not_step_one(client):
    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})
    client.session.flush()  # two hours without activity
    client.cookies.pop("sessionid", None)

    page = post_step(client, "enrollee", ENROLLEE)

    assert "We could not find your answers" in page.content.decode()
    assert 'id="error-summary"' not in page.content.decode()


def test_a_browser_that_lost_its_cookies_gets_the_lost_page_in_its_language():
    strict = Client(enforce_csrf_checks=True)

    page = strict.post("/pt-br/request/enrollee/", {"intake-current_step": "enrollee"})

    assert page.status_code == 403
    assert '<html lang="pt-br">' in page.content.decode()
    assert 'href="/pt-br/request/resume/"' in page.content.decode()


def test_the_notice_acknowledged_opens_the_next_step(client):
    response = post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    assert response.url == "/request/submitter/"
    assert client.get(response.url).status_code == 200
