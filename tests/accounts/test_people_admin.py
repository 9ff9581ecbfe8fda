"""Administrators manage people and their roles, and cannot exceed their own role.

They cannot make anyone a superuser or give per-user permissions, cannot change what a role may
do, cannot change a superuser's account nor their own roles, and never see a second-factor
secret through any staff URL: devices are reset, never read.
"""

import base64

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action, AuditEvent
from tests.staff_sign_in import sign_in_verified

pytestmark = pytest.mark.django_db
KNOWN_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test secret
BACKUP_CODE = "backup77code"


def _user_url(user, suffix="change/"):
    return f"/staff/auth/user/{user.pk}/{suffix}"


def _change_form(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_the_user_form_offers_no_superuser_staff_or_permission_field(staff, verified_client):
    page = verified_client(staff.admin).get(_user_url(staff.cbp)).content.decode()

    for name in ("is_superuser", "is_staff", "user_permissions"):
        assert f'name="{name}"' not in page, name
    assert 'name="groups"' in page


def test_posting_superuser_or_permissions_anyway_changes_nothing(staff, verified_client):
    client = verified_client(staff.admin)
    permission = Permission.objects.get(codename="change_case", content_type__app_label="cases")

    for target in (staff.admin, staff.cbp):
        response = client.post(
            _user_url(target),
            _change_form(
                target,
                is_superuser="on",
                is_staff="on",
                user_permissions=[str(permission.pk)],
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        target.refresh_from_db()
        assert not target.is_superuser
        assert not target.user_permissions.exists()
        assert not target.has_perm("cases.change_case")


def test_administrators_cannot_change_what_a_role_may_do(staff, verified_client):
    client = verified_client(staff.admin)
    role = Group.objects.get(name="admin")
    before = set(role.permissions.values_list("pk", flat=True))
    everything = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]

    assert client.get(f"/staff/auth/group/{role.pk}/change/").status_code == 200  # to read
    changed = client.post(
        f"/staff/auth/group/{role.pk}/change/", {"name": "admin", "permissions": everything}
    )
    added = client.post("/staff/auth/group/add/", {"name": "root", "permissions": everything})

    assert (changed.status_code, added.status_code) == (403, 403)
    assert set(role.permissions.values_list("pk", flat=True)) == before
    assert not Group.objects.filter(name="root").exists()
    assert not staff.admin.has_perm("auth.change_group")


def test_a_superusers_account_is_changed_only_by_a_superuser(staff, superuser, verified_client):
    client = verified_client(staff.admin)

    assert client.post(_user_url(superuser), _change_form(superuser)).status_code == 403
    password_page = _user_url(superuser, "password/")
    new_password = {"password1": "an0ther-passw0rd!", "password2": "an0ther-passw0rd!"}
    assert client.post(password_page, new_password).status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password("x" * 16)


def test_nobody_changes_their_own_roles(staff, verified_client):
    program = Group.objects.get(name="program")
    form = _change_form(staff.admin)
    form["groups"] = [*form["groups"], str(program.pk)]

    page = verified_client(staff.admin).post(_user_url(staff.admin), form)

    assert "You cannot change your own roles" in page.content.decode()
    assert list(staff.admin.groups.values_list("name", flat=True)) == ["admin"]


def test_the_staff_flag_follows_the_roles(staff, verified_client, django_user_model):
    client = verified_client(staff.admin)
    added = client.post(
        "/staff/auth/user/add/",
        {
            "username": "new.officer",
            "usable_password": "true",
            "password1": "a long enough passphrase 7",
            "password2": "a long enough passphrase 7",
        },
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    person = django_user_model.objects.get(username="new.officer")
    assert not person.is_staff

    cbp = Group.objects.get(name="cbp")
    client.post(_user_url(person), _change_form(person, groups=[str(cbp.pk)]))
    person.refresh_from_db()
    assert person.is_staff and not person.is_superuser

    client.post(_user_url(person), _change_form(person, groups=[]))
    person.refresh_from_db()
    assert not person.is_staff


@pytest.fixture
def secrets_of_officers(staff):
    device = TOTPDevice.objects.create(user=staff.cbp, name="phone", key=KNOWN_KEY)
    backup = StaticDevice.objects.create(user=staff.cbp, name="backup")
    StaticToken.objects.create(device=backup, token=BACKUP_CODE)
    return [
        KNOWN_KEY,
        base64.b32encode(device.bin_key).decode(),
        base64.b32encode(device.bin_key).decode().rstrip("="),
        BACKUP_CODE,
    ]


def _staff_urls(models):
    for model in models:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{name}_changelist")
        yield reverse(f"{name}_add")
        for pk in model._default_manager.values_list("pk", flat=True)[:3]:
            for view in ("change", "history", "delete"):
                yield reverse(f"{name}_{view}", args=[pk])
        for extra in ("config", "qrcode"):  # django-otp's own pages, if they were there
            try:
                yield reverse(f"admin:{opts.app_label}_{opts.model_name}_{extra}", args=[1])
            except NoReverseMatch:
                continue


def test_no_staff_url_shows_an_administrator_a_second_factor_secret(
    staff, secrets_of_officers, verified_client
):
    client = verified_client(staff.admin)
    seen = []
    for url in _staff_urls(admin.site._registry):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode(errors="replace")
        for secret in secrets_of_officers:
            assert secret not in text, url
        seen.append((url, response.status_code))
    shown = {url for url, status in seen if status == 200}
    assert "/staff/otp_totp/totpdevice/" in shown and "/staff/otp_static/staticdevice/" in shown
    assert "/staff/otp_totp/totpdevice/1/config/" not in shown
    for suffix in ("config/", "qrcode/"):
        device = TOTPDevice.objects.get(user=staff.cbp, name="phone")
        assert client.get(f"/staff/otp_totp/totpdevice/{device.pk}/{suffix}").status_code != 200


def test_an_administrator_resets_a_second_factor_without_reading_it(
    staff, secrets_of_officers, verified_client
):
    officer = Client()
    sign_in_verified(officer, staff.cbp)
    assert officer.get("/staff/").status_code == 200
    admin_client = verified_client(staff.admin)

    response = admin_client.post(
        "/staff/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [str(staff.cbp.pk)]},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff.cbp).exists()
    assert not StaticDevice.objects.filter(user=staff.cbp).exists()
    event = AuditEvent.objects.get(action=Action.SECOND_FACTOR_RESET)
    assert (event.actor_username, event.detail["username"]) == ("admin.officer", "cbp.officer")
    assert event.detail["devices"] == ["StaticDevice", "TOTPDevice", "TOTPDevice"]
    for secret in secrets_of_officers:
        assert secret not in str(event.detail)
    # The officer's verified session is gone with the device: set up a new one first.
    assert officer.get("/staff/").status_code == 302


def test_an_administrator_cannot_reset_a_superusers_second_factor(
    staff, superuser, verified_client
):
    TOTPDevice.objects.create(user=superuser, name="phone", key=KNOWN_KEY)
    verified_client(staff.admin).post(
        "/staff/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [str(superuser.pk)]},
    )
    assert TOTPDevice.objects.filter(user=superuser, name="phone").exists()
    assert not AuditEvent.objects.filter(action=Action.SECOND_FACTOR_RESET).exists()


@pytest.mark.parametrize("role", ["program", "cbp", "uscis", "crcl", "developers", "leadership"])
def test_only_administrators_reach_people_devices_and_lockouts(staff, verified_client, role):
    client = verified_client(getattr(staff, role))
    for url in (
        "/staff/auth/user/",
        "/staff/auth/group/",
        "/staff/otp_totp/totpdevice/",
        "/staff/axes/accessattempt/",
        "/staff/accounts/signinrolemapping/",
    ):
        assert client.get(url).status_code == 403, url
