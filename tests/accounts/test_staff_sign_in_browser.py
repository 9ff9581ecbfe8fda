"""A real Chromium signs in to the staff site under the Content Security Policy.

The policy allows nothing inline; this proves the sign-in, the admin pages and the audit log
work under it: no violation is reported on the way.
"""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the test's own
    # database calls are still synchronous, so Django's guard against that is lifted here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def administrator(django_user_model):
    user = django_user_model.objects.create_user(
        username="admin.officer", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get_or_create(name="admin")[0])
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def current_code(device):
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_a_staff_member_signs_in_and_reviews_the_audit_log_without_csp_violations(
    live_server, browser, administrator
):
    page = browser.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )

    page.goto(f"{live_server.url}/staff/")
    assert "/staff/account/login/" in page.url
    page.fill("#id_auth-username", "admin.officer")
    page.fill("#id_auth-password", PASSWORD)
    page.check("#id_auth-accept_warning")
    page.click("button[type=submit]:has-text('Next')")
    page.fill("#id_token-otp_token", current_code(administrator))
    page.click("button[type=submit]:has-text('Next')")

    assert "rules-of-behavior" in page.url
    page.check("#id_accept_rules")
    page.click("text=Accept and continue")
    page.goto(f"{live_server.url}/staff/audit/auditevent/?action=sign_in")
    assert page.locator("#result_list").count() == 1
    assert "admin.officer" in page.locator("#result_list").inner_text()

    assert violations == []
