"""Branded, translated error pages; a 503 "try again shortly" while the database is away."""

import socket

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from cases.models import Case
from tests.intake.walk import post_step, step_url


def test_it_shows_a_translated_404(client, db):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'lang="es"' in page
    assert "Página no encontrada" in page
    assert "Traceback" not in page


def test_it_shows_a_translated_403_when_the_csrf_check_fails(db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/ht/information/some-token/", {"answer": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Yo pa t kapab sèvi ak paj sa a" in page
    assert "CSRF" not in page  # the technical reason stays in the log


def test_a_request_form_page_refused_for_lost_cookies_says_how_to_resume(db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(step_url("privacy", "ht"), {"intake-current_step": "privacy"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Nou pa jwenn repons ou yo" in page
    assert 'href="/ht/request/resume/"' in page
    assert "CSRF" not in page


def test_the_500_page_needs_no_database(django_assert_num_queries, db):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0), translation.override("en"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_it_answers_503_in_the_persons_language_while_the_database_is_away():
    # As a browser sees it: Django's test client would otherwise re-raise the error.
    client = Client(raise_request_exception=False)
    post_step(client, "privacy", {"language": "pt-br", "acknowledge": "on"}, "pt-br")
    real = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = _closed_port()  # nothing listens: a real refusal
    try:
        response = post_step(client, "submitter", {"submitter_type": "enrollee"}, "pt-br")
    finally:
        connection.close()
        connection.settings_dict.update(real)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Tente novamente em instantes" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert Case.objects.count() == 0
