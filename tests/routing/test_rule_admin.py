"""Administrators edit the routing rules in the staff site; others may not."""

import pytest
from django.urls import reverse

from routing.models import RoutingRule
from tests import factories
from tests.staff_sign_in import sign_in_verified  # staff pages need a verified second factor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The admin pages render static URLs; the manifest exists only after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_an_administrator_adds_a_rule_that_then_routes_new_cases(client, staff):
    sign_in_verified(client, staff.admin)

    response = client.post(
        reverse("admin:routing_routingrule_add"),
        {
            "order": 5,
            "name": "Pregnancy goes to CBP",
            "explanation": "Pregnancy is reviewed by CBP at once.",
            "is_active": "on",
            "conditions_any_of": ["condition_pregnancy"],
            "something_else": "either",
            "target": "cbp",
            "mode": "place",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    rule = RoutingRule.objects.get(order=5)
    assert rule.conditions_any_of == ["condition_pregnancy"]
    assert rule.concerns_any_of == [] and rule.submitter_types == []
    case = factories.placed_case(concerns={}, conditions={"condition_pregnancy": True})
    assert (case.status, case.placement.rule) == ("cbp_review", rule)


def test_the_rule_form_refuses_a_suggestion_to_triage(client, staff):
    sign_in_verified(client, staff.admin)

    response = client.post(
        reverse("admin:routing_routingrule_add"),
        {
            "order": 6,
            "name": "x",
            "explanation": "x",
            "something_else": "either",
            "target": "triage",
            "mode": "suggest",
        },
    )

    assert response.status_code == 200
    assert not RoutingRule.objects.filter(order=6).exists()


@pytest.mark.parametrize("role", ["program", "cbp", "uscis", "crcl", "developers", "leadership"])
def test_no_one_else_changes_the_rules(client, staff, role):
    sign_in_verified(client, getattr(staff, role))

    response = client.get(reverse("admin:routing_routingrule_add"))

    assert response.status_code == 403
