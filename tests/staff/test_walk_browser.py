"""One case walked in a real Chromium from triage to the communicated decision.

Program triages, CBP reviews and refers, USCIS asks for further information (the requestor
answers through the link e-mailed to a real SMTP server on loopback), decides, and program
communicates the decision: each role signs in with its password and TOTP code in turn.
"""

import os
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Case, Communication, Status
from tests import factories
from tests.intake.browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from tests.intake.test_confirmation_email import celery_worker, inbox  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's database calls
    # stay synchronous, so Django's guard against that is lifted here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def officers(django_user_model):
    devices = {}
    for role in ("program", "cbp", "uscis"):
        user = django_user_model.objects.create_user(
            username=f"{role}.walker", password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        devices[role] = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return devices


def _code(device):
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


CSP_VIOLATIONS = []


def _sign_in(browser, base, role, device):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and CSP_VIOLATIONS.append(message.text)
        ),
    )
    page.goto(f"{base}/staff/")
    page.fill("#id_auth-username", f"{role}.walker")
    page.fill("#id_auth-password", PASSWORD)
    page.check("#id_auth-accept_warning")
    page.click("button[type=submit]:has-text('Next')")
    page.fill("#id_token-otp_token", _code(device))
    page.click("button[type=submit]:has-text('Next')")
    page.check("#id_accept_rules")
    page.click("text=Accept and continue")
    page.wait_for_load_state()
    return page


# A winter date always ahead of today (El Paso then keeps Mountain Standard Time).
WINTER_DAY = date(timezone.localdate().year + 1, 1, 15)


def _shoot(page, name):
    """Screenshots for the README, kept unless UPDATE_SCREENSHOTS=1 so runs leave no diff."""
    target = SCREENSHOTS / f"{name}.jpeg"
    if os.environ.get("UPDATE_SCREENSHOTS") or not target.exists():
        page.screenshot(path=str(target), type="jpeg", quality=70, full_page=True)


def _status(case):
    return Case.objects.get(pk=case.pk).status


def _wait_for_mail(inbox, count, page):  # noqa: F811
    for _ in range(150):
        if len(inbox.messages) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the e-mail did not arrive")


def test_it_walks_a_case_from_triage_to_the_communicated_decision(
    live_server,
    browser,
    officers,
    inbox,  # noqa: F811
    celery_worker,  # noqa: F811
):
    case = factories.placed_case(**factories.TRIAGE_ANSWERS)
    base = live_server.url
    case_page = f"{base}/staff/queues/casefile/{case.pk}/change/"

    program = _sign_in(browser, base, "program", officers["program"])
    program.goto(f"{base}/staff/queues/teamunassignedcase/")
    _shoot(program, "staff-queue")
    program.click(f"text={case.case_number}")
    program.click("button:has-text('Route to CBP')")
    assert _status(case) == Status.CBP_REVIEW

    cbp = _sign_in(browser, base, "cbp", officers["cbp"])
    cbp.goto(case_page)
    cbp.click("button[name=assign_me]")
    cbp.fill("#note-text", "Fear claim: needs a USCIS interview.")
    cbp.click("button:has-text('Add the note')")
    cbp.click("button:has-text('Refer to USCIS')")
    assert _status(case) == Status.USCIS_REVIEW

    uscis = _sign_in(browser, base, "uscis", officers["uscis"])
    uscis.goto(case_page)
    uscis.fill("#information-message", "Please send the medical report.")
    uscis.click("button:has-text('Send the request')")
    assert _status(case) == Status.AWAITING_INFORMATION
    _wait_for_mail(inbox, 1, uscis)

    email = inbox.messages[-1].content.decode()
    link = re.search(r"https?://\S+?/es/information/[\w-]+/", email).group(0)
    requestor = browser.new_context().new_page()
    requestor.goto(link.replace(re.match(r"https?://[^/]+", link).group(0), base))
    requestor.fill("#id_answer", "Adjunto el informe médico.")
    requestor.click("button:has-text('Enviar mi respuesta')")
    assert "Respuesta recibida" in requestor.content()
    assert _status(case) == Status.USCIS_REVIEW

    uscis.goto(case_page)
    assert "Adjunto el informe médico." in uscis.content()
    uscis.check("#outcome-fear_established")
    uscis.fill("#outcome-reason", "Fear established at the interview.")
    uscis.click("button:has-text('Record the outcome')")
    assert "Record this outcome?" in uscis.content()  # irreversible: it asks first
    uscis.click("button:has-text('Record the outcome')")
    assert _status(case) == Status.DECIDED

    program.goto(case_page)
    program.select_option("#id_port", label="El Paso (2402)")
    program.fill("#id_present_date", WINTER_DAY.isoformat())
    program.fill("#id_present_time", "09:30")
    program.click("button:has-text('Preview the decision')")
    assert "E-mail to maria@example.org" in program.content()
    assert _status(case) == Status.DECIDED  # nothing sent before the confirmation
    program.click("button:has-text('Send the decision as shown')")
    assert _status(case) == Status.COMMUNICATED
    _shoot(program, "staff-case-page")
    decision = Communication.objects.get(case=case, kind="decision")
    assert "El Paso" in decision.body
    assert CSP_VIOLATIONS == []
