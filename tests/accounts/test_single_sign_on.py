"""Single sign-on against a real OpenID Connect provider on loopback (tests/oidc_provider.py)."""

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from audit.models import Action, AuditEvent
from tests.oidc_provider import LoopbackProvider

CBP_OFFICER = {
    "preferred_username": "jdoe@cbp.example.gov",
    "email": "jdoe@cbp.example.gov",
    "groups": ["MPP-CBP", "All-Staff"],
}


@pytest.fixture
def provider(settings, db):
    with LoopbackProvider() as loopback:
        for name, value in loopback.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "accounts.sso.StaffOIDCBackend",
        ]
        settings.OIDC_GROUP_MAP = {"MPP-CBP": "cbp", "MPP-USCIS": "uscis"}
        yield loopback


def _sign_in(client, provider, person, amr=()):
    provider.next_person = person
    provider.next_amr = list(amr)
    start = client.get("/staff/sso/start/")
    assert start.status_code == 302 and start["Location"].startswith(provider.url)
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    callback = at_provider.headers["Location"].removeprefix("http://testserver")
    return client.get(callback)


def test_it_is_off_by_default(client, db):
    assert client.get("/staff/sso/start/").status_code == 404
    assert client.get("/staff/sso/callback/?code=x&state=y").status_code == 404


def test_a_piv_sign_in_asserted_by_the_provider_counts_as_the_second_factor(client, provider):
    _sign_in(client, provider, CBP_OFFICER, amr=["pwd", "hwk"])

    user = get_user_model().objects.get(username="jdoe@cbp.example.gov")
    assert list(user.groups.values_list("name", flat=True)) == ["cbp"]
    assert user.is_staff and not user.has_usable_password()
    # Verified: the next thing asked of them is the Rules of Behavior, not a code.
    assert "rules-of-behavior" in client.get("/staff/")["Location"]
    assert AuditEvent.objects.filter(
        action=Action.SECOND_FACTOR_OK, actor_id=user.pk, detail__via="identity provider"
    ).exists()


def test_without_a_multi_factor_assertion_the_local_second_factor_is_still_required(
    client, provider
):
    _sign_in(client, provider, CBP_OFFICER, amr=["pwd"])

    assert "/staff/account/two_factor/setup/" in client.get("/staff/")["Location"]


def test_someone_with_no_mapped_role_is_refused(client, provider):
    _sign_in(client, provider, {**CBP_OFFICER, "groups": ["All-Staff"]}, amr=["hwk"])

    assert not get_user_model().objects.filter(username=CBP_OFFICER["email"]).exists()
    assert "_auth_user_id" not in client.session


def test_roles_follow_the_provider_at_every_sign_in(client, provider):
    user = get_user_model().objects.create_user(username=CBP_OFFICER["email"], is_staff=True)
    user.groups.add(Group.objects.get(name="uscis"))

    _sign_in(client, provider, CBP_OFFICER, amr=["hwk"])

    assert list(user.groups.values_list("name", flat=True)) == ["cbp"]


def test_the_sign_in_page_offers_single_sign_on_only_when_it_is_on(client, db, settings):
    assert "/staff/sso/start/" not in client.get("/staff/account/login/").content.decode()

    settings.OIDC_ENABLED = True

    assert "/staff/sso/start/" in client.get("/staff/account/login/").content.decode()


def test_the_mappings_administrators_keep_take_over_from_the_deployments(client, provider):
    from accounts.models import SignInRoleMapping

    SignInRoleMapping.objects.create(provider_group="All-Staff", role="uscis")

    _sign_in(client, provider, CBP_OFFICER, amr=["hwk"])

    # MPP-CBP is mapped only by OIDC_GROUP_MAP, which no longer applies.
    user = get_user_model().objects.get(username=CBP_OFFICER["email"])
    assert list(user.groups.values_list("name", flat=True)) == ["uscis"]


def test_a_change_of_roles_at_sign_in_is_audited(client, provider):
    user = get_user_model().objects.create_user(username=CBP_OFFICER["email"], is_staff=True)
    user.groups.add(Group.objects.get(name="uscis"))

    _sign_in(client, provider, CBP_OFFICER, amr=["hwk"])

    change = AuditEvent.objects.get(action=Action.ADMIN_CHANGE)
    assert change.detail["via"] == "identity provider"
    assert change.detail["changes"] == {"groups": {"before": ["uscis"], "after": ["cbp"]}}
    _sign_in(Client(), provider, CBP_OFFICER, amr=["hwk"])  # unchanged: nothing more recorded
    assert AuditEvent.objects.filter(action=Action.ADMIN_CHANGE).count() == 1
