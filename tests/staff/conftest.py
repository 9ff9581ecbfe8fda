import re

import pytest
from django.contrib.auth import get_user_model

from cases.models import Status
from routing import services as routing
from tests import factories


@pytest.fixture
def signed_in(verified_client):
    """A client signed in as the user, with a fresh user object (as each request has)."""

    def sign_in(user):
        return verified_client(get_user_model().objects.get(pk=user.pk))

    return sign_in


@pytest.fixture
def uscis_only_case(staff):
    """Routed by program straight to USCIS: CBP never held it."""
    case = factories.routed_case_in(Status.TRIAGE, staff=staff, full_name="Jean Baptiste Pierre")
    routing.route_to_uscis(case=case, actor=staff.program)
    case.refresh_from_db()
    return case


@pytest.fixture
def cbp_case(staff):
    return factories.routed_case_in(Status.CBP_REVIEW, staff=staff)


def case_page_url(case):
    return f"/staff/queues/casefile/{case.pk}/change/"


def act_url(case, action):
    return f"/staff/queues/casefile/{case.pk}/act/{action}/"


def confirmed(client, url, data=None, **extra):
    """Post an action as staff do when it asks first: the form, then its confirmation page's
    "confirmed" form with what that page carries (the preview's digest). Returns the answer
    to the confirmation, or the confirmation page itself if it offered nothing to confirm."""
    first = client.post(url, data or {}, **extra)
    page = first.content.decode()
    digest = re.search(r'name="preview_digest" value="([^"]*)"', page)
    if first.status_code != 200 or digest is None:
        return first
    return client.post(
        url, {**(data or {}), "confirmed": "yes", "preview_digest": digest.group(1)}, **extra
    )
