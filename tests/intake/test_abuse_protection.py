import pytest

from cases.models import Case
from intake.views import SUBMISSION_RATE
from tests.intake.walk import post_step, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_refuses_a_form_whose_hidden_field_a_robot_filled(client):
    client.get("/request/privacy/")
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})

    page = post_step(client, "review", {"attest": "on", "website": "http://spam.example"})

    assert page.status_code == 200
    assert not Case.objects.exists()


def test_it_limits_submissions_from_one_address_through_redis(client):
    allowed = int(SUBMISSION_RATE.split("/")[0])
    for _ in range(allowed):
        submit(client)

    refused = submit(client)

    assert refused.status_code == 429
    assert Case.objects.count() == allowed
