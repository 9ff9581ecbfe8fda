"""Staff sign-in: warning banner, password, second factor, Rules of Behavior, audit events."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RulesOfBehaviorAcknowledgement
from audit.models import Action, AuditEvent

LOGIN = "/staff/account/login/"
PASSWORD = "correct horse battery staple"
PREFIX = "staff_login_view-current_step"


@pytest.fixture
def officer(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="cbp.officer", password=PASSWORD, is_staff=True, email="officer@cbp.example.gov"
    )
    user.groups.add(Group.objects.get_or_create(name="cbp")[0])
    return user


@pytest.fixture
def device(officer):
    return TOTPDevice.objects.create(user=officer, name="default", confirmed=True)


def code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def password_step(client, username="cbp.officer", password=PASSWORD, accept=True):
    data = {PREFIX: "auth", "auth-username": username, "auth-password": password}
    if accept:
        data["auth-accept_warning"] = "on"
    return client.post(LOGIN, data, REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Chromium")


def token_step(client, token):
    return client.post(LOGIN, {PREFIX: "token", "token-otp_token": token})


def actions(user=None):
    events = AuditEvent.objects.order_by("id")
    if user:
        events = events.filter(actor_id=user.pk)
    return list(events.values_list("action", flat=True))


def test_it_shows_the_system_use_warning_at_sign_in(client, db):
    page = client.get(LOGIN).content.decode()
    assert "U.S. Government information system" in page
    assert "disciplinary action" in page
    assert 'name="auth-accept_warning"' in page


def test_it_does_not_check_a_password_until_the_warning_is_accepted(client, officer, device):
    response = password_step(client, accept=False)
    assert response.status_code == 200
    assert 'name="auth-password"' in response.content.decode()
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).count() == 0


def test_it_signs_in_with_password_second_factor_and_rules_of_behavior(
    client, officer, device, settings
):
    # django-otp makes a wrong code cost a growing wait; the test does not wait for it.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    response = password_step(client)
    assert 'name="token-otp_token"' in response.content.decode()
    assert client.get("/staff/").status_code == 302  # not signed in yet

    bad = token_step(client, "000000" if code(device) != "000000" else "111111")
    assert "token-otp_token" in bad.content.decode()
    response = token_step(client, code(device))
    assert response.status_code == 302

    # First sign-in: the Rules of Behavior come before anything else.
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("rules_of_behavior"))
    rules = client.get(response.url)
    assert "Improper use may lead to disciplinary action" in rules.content.decode()
    client.post(response.url, {"accept_rules": "on"})

    assert client.get("/staff/").status_code == 200
    assert RulesOfBehaviorAcknowledgement.objects.get(user=officer).version == "2026-1"
    assert actions(officer) == [
        Action.SECOND_FACTOR_FAILED,
        Action.SIGN_IN,
        Action.SECOND_FACTOR_OK,
        Action.RULES_ACKNOWLEDGED,
    ]
    sign_in = AuditEvent.objects.get(action=Action.SIGN_IN)
    assert (sign_in.address, sign_in.actor_username) == ("127.0.0.1", "cbp.officer")


def test_it_records_failed_passwords_with_address_and_user_agent(client, officer):
    password_step(client, password="wrong password entirely")
    failure = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert failure.detail == {"username": "cbp.officer"}
    assert (failure.address, failure.user_agent) == ("198.51.100.7", "Chromium")
    assert "wrong password" not in str(failure.detail)


def test_a_staff_user_without_a_second_factor_reaches_no_staff_page(client, officer):
    client.force_login(officer)
    for path in ("/staff/", "/staff/audit/auditevent/", "/staff/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("two_factor:setup")


def test_a_user_with_a_device_who_skipped_it_is_sent_back_to_sign_in(client, officer, device):
    client.force_login(officer)
    response = client.get("/staff/audit/auditevent/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_it_asks_for_the_rules_of_behavior_again_after_a_year(verified_client, officer):
    client = verified_client(officer)
    assert client.get("/staff/").status_code == 200
    RulesOfBehaviorAcknowledgement.objects.filter(user=officer).update(
        acknowledged_at=timezone.now() - datetime.timedelta(days=366)
    )
    # The next sign-in, a year on (the session's own note turning a year old within a session:
    # tests/accounts/test_request_overhead.py).
    client.logout()
    client = verified_client(officer, acknowledge_rules=False)
    response = client.get("/staff/")
    assert response.url.startswith(reverse("rules_of_behavior"))


def test_it_ends_a_session_at_its_absolute_limit(verified_client, officer, settings):
    client = verified_client(officer)
    assert client.get("/staff/").status_code == 200
    session = client.session
    session["mpp_signed_in_at"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()

    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert Action.SESSION_EXPIRED in actions(officer)


def test_the_idle_timeout_is_fifteen_minutes_renewed_on_each_request(verified_client, officer):
    from django.contrib.sessions.models import Session

    client = verified_client(officer)
    response = client.get("/staff/")
    assert response.cookies["sessionid"]["max-age"] == 15 * 60
    key = client.session.session_key
    expires = Session.objects.get(session_key=key).expire_date
    assert expires > timezone.now() + datetime.timedelta(minutes=14)

    # Fifteen idle minutes later the server has forgotten the session.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get("/staff/").status_code == 302


def test_it_records_sign_out(verified_client, officer):
    client = verified_client(officer)
    client.post(reverse("admin:logout"))
    assert actions(officer)[-1] == Action.SIGN_OUT


def test_it_records_a_password_change(verified_client, officer):
    client = verified_client(officer)
    new = "a much longer passphrase 2026"
    client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    officer.refresh_from_db()
    assert officer.check_password(new)
    assert actions(officer)[-1] == Action.PASSWORD_CHANGED


def test_it_refuses_short_passwords(officer):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Short1!pass", officer)


def test_a_password_reset_still_needs_the_second_factor(client, officer, device, mailoutbox):
    client.post(reverse("admin_password_reset"), {"email": "officer@cbp.example.gov"})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/account/reset/" in line)
    form_page = client.get(link.strip(), follow=True)
    new = "a much longer passphrase 2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    officer.refresh_from_db()
    assert officer.check_password(new)

    assert client.get("/staff/").status_code == 302
    response = password_step(client, password=new)
    assert 'name="token-otp_token"' in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_it_locks_an_account_after_repeated_failures_until_an_administrator_unlocks(
    client, officer, device, settings
):
    from axes.utils import reset

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, password="not the password at all")
    locked = password_step(client)
    assert locked.status_code == 429
    assert "Account locked" in locked.content.decode()
    assert Action.LOCKED_OUT in actions()

    reset(username="cbp.officer")  # what the administrator's unlock does
    assert 'name="token-otp_token"' in password_step(client).content.decode()


def test_it_slows_an_address_that_tries_many_usernames(client, officer, device, settings):
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 8
    for attempt in range(8):
        password_step(client, username=f"guess{attempt}", password="not the password at all")
    # Even the right password for a real account is refused from that address now...
    slowed = password_step(client)
    assert slowed.status_code == 429
    assert "Too many failed sign-ins from this address" in slowed.content.decode()
    # ...but no account was locked: from elsewhere the officer signs in.
    elsewhere = client.post(
        LOGIN,
        {
            PREFIX: "auth",
            "auth-username": "cbp.officer",
            "auth-password": PASSWORD,
            "auth-accept_warning": "on",
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert 'name="token-otp_token"' in elsewhere.content.decode()


def test_one_persons_mistakes_behind_a_shared_address_do_not_lock_a_colleague(
    client, officer, device, settings, django_user_model
):
    colleague = django_user_model.objects.create_user(
        username="cbp.colleague", password=PASSWORD, is_staff=True
    )
    TOTPDevice.objects.create(user=colleague, name="default", confirmed=True)
    # Both sign in from the office's one address (password_step's 198.51.100.7).
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, password="not the password at all")
    assert password_step(client).status_code == 429  # the officer who erred is locked

    colleague_client = type(client)()
    answer = password_step(colleague_client, username="cbp.colleague")
    assert 'name="token-otp_token"' in answer.content.decode()


def test_a_user_without_a_device_is_led_to_set_one_up(client, officer):
    password_step(client)
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("two_factor:setup")
    assert response.status_code == 200


def test_it_accepts_a_backup_code_once(client, officer, device):
    from django_otp.plugins.otp_static.models import StaticDevice

    backup = StaticDevice.objects.create(user=officer, name="backup")
    backup.token_set.create(token="mpp12345")
    password_step(client)
    client.post(LOGIN, {PREFIX: "token", "wizard_goto_step": "backup"})
    response = client.post(LOGIN, {PREFIX: "backup", "backup-otp_token": "mpp12345"})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302  # Rules of Behavior next, but signed in
    assert not backup.token_set.exists()
    assert Action.SECOND_FACTOR_OK in actions(officer)


def test_it_limits_password_reset_requests_from_one_address(client, officer, mailoutbox):
    for _attempt in range(5):
        client.post(reverse("admin_password_reset"), {"email": "officer@cbp.example.gov"})
    refused = client.post(reverse("admin_password_reset"), {"email": "officer@cbp.example.gov"})
    assert refused.status_code == 403
    assert len(mailoutbox) == 5
