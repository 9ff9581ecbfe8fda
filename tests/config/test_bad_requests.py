"""Requests no browser should send get a 4xx, never a 500."""

from django.test import Client

from tests.intake.walk import post_step, step_url


def test_an_oversized_post_gets_the_400_page(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client()
    client.get(step_url("privacy"))
    response = post_step(client, "concern", {"description": "x" * 20_000})
    assert response.status_code == 400
    assert "Something in the request was not right" in response.content.decode()


def test_a_malformed_multipart_body_gets_the_400_page(client, db):
    response = client.generic(
        "POST",
        step_url("documents"),
        b"--nonsense\r\nContent-Disposition: form-data\r\n\r\nno closing boundary",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400


def test_a_wrong_method_is_refused_not_crashed(client, db):
    for method in ("PUT", "DELETE", "PATCH"):
        response = client.generic(method, step_url("privacy"))
        assert response.status_code == 405, method
