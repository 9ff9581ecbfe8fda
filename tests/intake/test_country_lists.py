"""The country lists of the enrollee step: in the person's language, the choice kept."""

import pytest

from tests.intake.walk import ENROLLEE, post_step, step_url

pytestmark = pytest.mark.django_db


def test_it_lists_countries_in_the_persons_language_and_keeps_their_choice_on_an_error(client):
    client.get(step_url("privacy", "es"))
    post_step(client, "privacy", {"language": "es", "acknowledge": "on"}, "es")
    post_step(client, "submitter", {"submitter_type": "enrollee"}, "es")

    page = post_step(
        client, "enrollee", {**ENROLLEE, "full_name": "", "country_of_birth": "MX"}, "es"
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert '<option value="HN" selected>Honduras</option>' in html
    assert '<option value="MX" selected>México</option>' in html
    assert '<option value="AF">Afganistán</option>' in html
    assert html.count(" selected>") == 2
    assert 'name="enrollee-citizenship" class="usa-select" required' in html
