"""State-changing staff forms refuse a request without the CSRF token."""

import pytest
from django.test import Client

from accounts.models import RulesOfBehaviorAcknowledgement
from tests.staff_sign_in import sign_in_verified


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_the_sign_in_form_refuses_a_post_without_a_csrf_token(strict_client, staff):
    response = strict_client.post(
        "/staff/account/login/",
        {
            "staff_login_view-current_step": "auth",
            "auth-username": "cbp.officer",
            "auth-password": "correct horse battery staple",
            "auth-accept_warning": "on",
        },
    )
    assert response.status_code == 403


def test_the_rules_of_behavior_form_refuses_a_post_without_a_csrf_token(strict_client, staff):
    sign_in_verified(strict_client, staff.cbp, acknowledge_rules=False)
    response = strict_client.post("/staff/account/rules-of-behavior/", {"accept_rules": "on"})
    assert response.status_code == 403
    assert not RulesOfBehaviorAcknowledgement.objects.exists()


def test_the_same_form_with_its_token_is_accepted(strict_client, staff):
    sign_in_verified(strict_client, staff.cbp, acknowledge_rules=False)
    page = strict_client.get("/staff/account/rules-of-behavior/")
    token = page.context["csrf_token"]
    strict_client.post(
        "/staff/account/rules-of-behavior/",
        {"accept_rules": "on", "csrfmiddlewaretoken": str(token)},
    )
    assert RulesOfBehaviorAcknowledgement.objects.filter(user=staff.cbp).exists()
