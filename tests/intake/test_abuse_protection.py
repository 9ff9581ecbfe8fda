"""Robots are turned away; a shelter's many requests through one connection are not, and a
limit, when reached, keeps every answer and file for later."""

import pytest
from django.core.cache import cache
from django.test import Client

from cases.models import Case
from tests.intake.conftest import PDF
from tests.intake.walk import post_step, submit, upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_refuses_a_form_whose_hidden_field_a_robot_filled(client):
    client.get("/request/privacy/")
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})

    page = post_step(client, "review", {"attest": "on", "website": "http://spam.example"})

    assert page.status_code == 200
    assert not Case.objects.exists()


def test_a_shelter_sends_twenty_requests_in_an_hour_from_one_address_and_one_phone(settings):
    # Defaults sized for a busy clinic day: twelve from one phone, sixty from one connection.
    assert settings.INTAKE_SUBMISSIONS_PER_DEVICE == "12/h"
    assert settings.INTAKE_SUBMISSIONS_PER_ADDRESS == "60/h"
    shared_phone, volunteers = Client(), [Client() for _ in range(8)]
    for _ in range(12):
        assert submit(shared_phone).status_code == 302
    for volunteer in volunteers:
        assert submit(volunteer).status_code == 302
    assert Case.objects.count() == 20


def test_a_limit_keeps_every_answer_and_file_and_the_same_request_goes_later(client, settings):
    settings.INTAKE_SUBMISSIONS_PER_DEVICE = "2/h"
    submit(client)
    submit(client)

    refused = submit(client, files=[upload("informe.pdf", PDF)])

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "Your request has not been sent yet" in page
    assert 'href="/request/submitted/"' in page  # the same request, sent again from here
    assert 'id="resume-code"' in page
    assert Case.objects.count() == 2
    review = client.get("/request/review/").content.decode()
    assert "María José Hernández López" in review and "informe.pdf" in review

    cache.clear()  # an hour later
    sent = client.get("/request/submitted/")

    assert sent.status_code == 302 and sent.url == "/request/confirmation/"
    case = Case.objects.order_by("-received_at").first()
    assert Case.objects.count() == 3
    assert case.enrollee.full_name == "María José Hernández López"
    assert [d.display_name for d in case.documents.all()] == ["informe.pdf"]


def test_it_counts_every_phone_behind_one_address(settings):
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = "3/h"
    for _ in range(3):
        assert submit(Client()).status_code == 302

    assert submit(Client()).status_code == 429
    assert Case.objects.count() == 3


def test_the_address_is_the_one_our_proxy_saw(settings):
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = "1/h"
    settings.AUDIT_TRUSTED_PROXY_COUNT = 1
    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = Client(HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert submit(first).status_code == 302
    # Behind the proxy every request comes from one address; the people behind it differ.
    assert submit(other).status_code == 302
    assert submit(Client(HTTP_X_FORWARDED_FOR="203.0.113.7")).status_code == 429


def test_a_cache_that_does_not_answer_lets_the_request_through(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert submit(client).status_code == 302
    assert Case.objects.count() == 1


def test_limits_counted_per_process_are_refused_outside_the_embedded_mode(settings):
    from intake.checks import rate_limits_use_a_shared_cache

    settings.EMBEDDED_DATABASE = False
    assert rate_limits_use_a_shared_cache(None) == []  # Redis, as the suite runs
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [error] = rate_limits_use_a_shared_cache(None)
    assert error.id == "intake.W002" and "REDIS_URL" in error.hint
