import pytest

from tests.intake.walk import post_step

pytestmark = pytest.mark.django_db


def test_it_offers_every_language_at_the_same_step(client):
    post_step(client, "privacy", {"language": "es", "acknowledge": "on"}, "es")
    post_step(client, "submitter", {"submitter_type": "enrollee"}, "es")

    html = client.get("/es/request/enrollee/").content.decode()

    assert '<html lang="es">' in html
    for url, code in (
        ("/request/enrollee/", "en"),
        ("/ht/request/enrollee/", "ht"),
        ("/pt-br/request/enrollee/", "pt-br"),
    ):
        assert f'href="{url}" lang="{code}" hreflang="{code}"' in html
    assert "La persona inscrita en MPP" in html


def test_it_stores_the_language_the_person_chose_first(client):
    response = post_step(client, "privacy", {"language": "ht", "acknowledge": "on"}, "en")

    assert response.url == "/ht/request/submitter/"


def test_it_asks_for_the_privacy_acknowledgment_before_any_personal_data(client):
    page = post_step(client, "privacy", {"language": "en"})

    assert page.status_code == 200
    assert "You must agree to the privacy notice to continue." in page.content.decode()
    assert "full_name" not in page.content.decode()
