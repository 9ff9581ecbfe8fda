"""What every staff request costs before the page's own work, and that the facts it keeps
between requests are read again as soon as they change (issue 19).

Kept between requests: the user's groups and model permissions (shared cache), a personal
grant on a case (shared cache), the Rules of Behavior acknowledgement (the session). Read on
every request: the session, the user row (active, password) and the second-factor device.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from accounts.middleware import RENEWED_AT
from accounts.services import reset_second_factor
from cases.models import Status
from tests import factories
from tests.staff.conftest import case_page_url

HOME = "/staff/"


def _tables(queries):
    return [q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in queries[:3]]


@pytest.fixture
def cbp_client(staff, verified_client):
    client = verified_client(staff.cbp)
    assert client.get(HOME).status_code == 200  # the first request renews the session
    return client


def test_a_staff_page_reads_session_user_and_device_and_nothing_else_of_its_own(
    staff, cbp_client
):
    with CaptureQueriesContext(connection) as queries:
        assert cbp_client.get(HOME).status_code == 200

    # Three statements of overhead, then the home page's one count of every queue.
    assert _tables(queries.captured_queries) == [
        "django_session",
        "auth_user",
        "otp_totp_totpdevice",
    ]
    assert len(queries.captured_queries) == 4
    assert "cases_case" in queries.captured_queries[3]["sql"]


def test_a_read_only_page_writes_no_session(staff, cbp_client):
    with CaptureQueriesContext(connection) as queries:
        cbp_client.get(HOME)
        cbp_client.get("/staff/queues/teamunassignedcase/")
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert [w for w in writes if "django_session" in w] == []


def test_the_session_is_renewed_once_its_renewal_is_a_minute_old(staff, cbp_client):
    from django.contrib.sessions.models import Session

    key = cbp_client.session.session_key
    session = cbp_client.session
    session[RENEWED_AT] -= 61
    session.save()
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )

    with CaptureQueriesContext(connection) as queries:
        response = cbp_client.get(HOME)

    assert [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")] != []
    assert response.cookies["sessionid"]["max-age"] == 15 * 60
    expires = Session.objects.get(session_key=key).expire_date
    assert expires > timezone.now() + datetime.timedelta(minutes=14)


def test_a_role_removed_takes_effect_on_the_next_request(staff, cbp_client):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    assert cbp_client.get(case_page_url(case)).status_code == 200

    staff.cbp.groups.remove(Group.objects.get(name="cbp"))

    assert cbp_client.get(case_page_url(case)).status_code in (403, 404)
    assert cbp_client.get("/staff/queues/teamunassignedcase/").status_code == 403


def test_a_role_removed_from_the_groups_side_takes_effect_too(staff, cbp_client):
    assert cbp_client.get("/staff/queues/teamunassignedcase/").status_code == 200

    Group.objects.get(name="cbp").user_set.remove(staff.cbp)

    assert cbp_client.get("/staff/queues/teamunassignedcase/").status_code == 403


def test_a_permission_taken_from_a_role_takes_effect_on_the_next_request(
    staff, verified_client
):
    triage = factories.routed_case_in(Status.TRIAGE, staff=staff)
    client = verified_client(staff.program)
    assert client.get(case_page_url(triage)).status_code == 200

    program = Group.objects.get(name="program")
    program.permissions.remove(Permission.objects.get(codename="view_case"))

    assert client.get(case_page_url(triage)).status_code == 404


def test_a_personal_grant_and_its_removal_take_effect_on_the_next_request(
    staff, cbp_client
):
    triage = factories.routed_case_in(Status.TRIAGE, staff=staff)
    assert cbp_client.get(case_page_url(triage)).status_code == 404

    assign_perm("cases.view_case", staff.cbp, triage)
    assert cbp_client.get(case_page_url(triage)).status_code == 200

    remove_perm("cases.view_case", staff.cbp, triage)
    assert cbp_client.get(case_page_url(triage)).status_code == 404


def test_a_second_factor_reset_sends_the_person_back_to_sign_in(staff, cbp_client):
    reset_second_factor(user=staff.cbp)

    response = cbp_client.get(HOME)

    assert response.status_code == 302
    assert "/account/" in response.url


@pytest.mark.parametrize(
    "change",
    [{"is_active": False}, {"password": "!unusable-now"}],
    ids=["deactivated", "password changed elsewhere"],
)
def test_an_account_deactivated_or_its_password_changed_loses_the_session(
    staff, cbp_client, django_user_model, change
):
    # A bulk update, as a script would do it: no signal to rely on.
    django_user_model.objects.filter(pk=staff.cbp.pk).update(**change)

    response = cbp_client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith("/staff/login/")


def test_superuser_status_taken_away_takes_effect_on_the_next_request(
    staff, verified_client, django_user_model
):
    django_user_model.objects.filter(pk=staff.cbp.pk).update(is_superuser=True)
    client = verified_client(django_user_model.objects.get(pk=staff.cbp.pk))
    triage = factories.routed_case_in(Status.TRIAGE, staff=staff)
    assert client.get(case_page_url(triage)).status_code == 200

    django_user_model.objects.filter(pk=staff.cbp.pk).update(is_superuser=False)

    assert client.get(case_page_url(triage)).status_code == 404


def test_the_rules_once_acknowledged_open_the_pages_at_once(staff, verified_client):
    client = verified_client(staff.uscis, acknowledge_rules=False)
    assert client.get(HOME).url.startswith("/staff/account/rules-of-behavior/")

    client.post("/staff/account/rules-of-behavior/", {"accept_rules": "on"})

    assert client.get(HOME).status_code == 200


def test_new_rules_are_asked_for_although_the_old_ones_were_noted(
    staff, cbp_client, settings
):
    settings.RULES_OF_BEHAVIOR_VERSION = "2027-1"

    assert cbp_client.get(HOME).url.startswith("/staff/account/rules-of-behavior/")


def test_the_rules_are_asked_for_when_the_noted_acknowledgement_turns_a_year_old(
    staff, cbp_client
):
    from accounts.access import RULES_ACKNOWLEDGED
    from accounts.models import RulesOfBehaviorAcknowledgement

    # The acknowledgement was a year ago less a moment, when the session began: a year passes.
    year_ago = timezone.now() - datetime.timedelta(days=365, seconds=1)
    RulesOfBehaviorAcknowledgement.objects.filter(user=staff.cbp).update(acknowledged_at=year_ago)
    session = cbp_client.session
    version, _at, user_id = session[RULES_ACKNOWLEDGED]
    session[RULES_ACKNOWLEDGED] = [version, year_ago.timestamp(), user_id]
    session.save()

    assert cbp_client.get(HOME).url.startswith("/staff/account/rules-of-behavior/")


def test_another_users_note_of_the_rules_does_not_count(staff, verified_client, settings):
    from accounts.access import RULES_ACKNOWLEDGED

    client = verified_client(staff.uscis, acknowledge_rules=False)
    session = client.session
    version = settings.RULES_OF_BEHAVIOR_VERSION
    session[RULES_ACKNOWLEDGED] = [version, timezone.now().timestamp(), staff.cbp.pk]
    session.save()

    assert client.get(HOME).url.startswith("/staff/account/rules-of-behavior/")
