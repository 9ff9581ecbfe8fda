"""An enrollee with only a Mexican mobile number, followed in Chromium from the form to the
decision: texts arrive at the SMS provider (moto's SNS on loopback) in Haitian Creole, the
status page opens with the case number and birth date, takes the answers to two information
requests (one with a document), and shows the decision with the port's local date and time.
Staff act through the same access-checked services their pages call.
"""

import datetime
import re

import pytest

from cases.models import Case, Communication, Document, Status
from routing import casework
from routing import services as routing
from routing.models import PortOfEntry
from tests.intake.browser import assert_accessible, assert_fits_small_screen
from tests.intake.conftest import PDF
from tests.intake.form_driver import FormDriver
from tests.intake.test_browser_submissions import screenshot
from tests.intake.test_confirmation_email import celery_worker  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NADEGE = {
    "full_name": "Nadège Saint-Fleur",
    "birth_month": "3",
    "birth_day": "9",
    "birth_year": "1991",
    "citizenship": "HT",
    "current_location": "Tijuana, Baja California",
    "phone": "664 123 4567",
}
PHONE = "+526641234567"


@pytest.fixture
def phone_page(browser, live_server, settings):
    settings.PUBLIC_SITE_URL = live_server.url
    context = browser.new_context(viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


def _check(page):
    assert_fits_small_screen(page)
    assert_accessible(page)


def _link_in(text):
    return re.search(r"https?://\S+/status/", text).group(0)


def _open_status_page(page, link, number):
    page.goto(link)
    if page.locator('[name="case_number"]').count():
        _check(page)
        page.fill('[name="case_number"]', number.lower())
        for name, value in (("birth_month", "3"), ("birth_day", "9"), ("birth_year", "1991")):
            page.fill(f'[name="{name}"]', value)
        with page.expect_navigation():
            page.click("button:has-text('Louvri demann nan')")
    _check(page)
    assert number.replace("-", "") not in page.url.replace("-", "") and "1991" not in page.url


def _answer(page, text, files=()):
    page.fill('[name="answer"]', text)
    if files:
        page.set_input_files('[name="files"]', list(files))
    with page.expect_navigation():
        page.click("button:has-text('Voye repons mwen')")
    _check(page)
    assert "Nou resevwa repons lan" in page.content()


def test_a_phone_only_enrollee_follows_the_case_to_the_decision_on_the_status_page(
    phone_page,
    live_server,
    sms_provider,
    celery_worker,  # noqa: F811
    staff,
):
    base = live_server.url
    form = FormDriver(phone_page, base)
    form.start("ht")
    form.who("enrollee")
    form.proceed()
    form.fill("enrollee", NADEGE)
    form.tick("enrollee-texts")
    form.submit()
    form.concern(
        [], ["concern_vulnerability_at_enrollment", "concern_something_else"], "Mwen malad."
    )
    form.documents()
    number = form.review_and_submit()

    [received] = sms_provider.wait_for(1)
    assert received["phone_number"] == PHONE
    assert received["message"] == (
        f"Dosye MPP {number}: nou resevwa demann ou. Swiv li nan {base}/ht/status/"
    )
    case = Case.objects.get(case_number=number)
    assert case.status == Status.TRIAGE and not case.enrollee.email

    # Program personnel ask first; the person answers on the status page, from the text's link.
    casework.request_information(
        case=case, actor=staff.program, message="Ki kote ou rete kounye a?", base_url=base
    )
    news = sms_provider.wait_for(2)[-1]["message"]
    assert news == f"Dosye MPP {number}: gen nouvèl sou demann ou. Gade {base}/ht/status/"
    _open_status_page(phone_page, _link_in(news), number)
    assert "Ki kote ou rete kounye a?" in phone_page.content()
    screenshot(phone_page, "status-information-ht")
    _answer(phone_page, "Mwen nan yon abri nan Tijuana.")

    # Then USCIS, after program routed the case there, asks for a document.
    routing.route_to_uscis(case=case, actor=staff.program)
    casework.request_information(
        case=case, actor=staff.uscis, message="Tanpri voye rapò doktè a.", base_url=base
    )
    _open_status_page(phone_page, _link_in(sms_provider.wait_for(3)[-1]["message"]), number)
    report = {"name": "rapo-dokte.pdf", "mimeType": "application/pdf", "buffer": PDF}
    _answer(phone_page, "Men rapò a.", files=[report])
    assert Document.objects.filter(case=case, kind="information_response").count() == 1
    assert Case.objects.get(pk=case.pk).status == Status.USCIS_REVIEW

    casework.record_outcome(
        case=case, actor=staff.uscis, component="uscis", outcome="fear_established"
    )
    casework.communicate_decision(
        case=case,
        actor=staff.program,
        port=PortOfEntry.objects.get(name="San Ysidro"),
        # 17:00 UTC is 9:00 in San Ysidro (Pacific Standard Time).
        present_at=datetime.datetime(2030, 12, 16, 17, 0, tzinfo=datetime.UTC),
    )
    _open_status_page(phone_page, _link_in(sms_provider.wait_for(4)[-1]["message"]), number)
    page = phone_page.content()
    assert 'data-stage="decided"' in page
    assert "San Ysidro" in page
    assert "16 desanm 2030 a 9:00, lè lokal San Ysidro (PST)" in page
    assert "dokiman idantite" in page  # what to bring
    screenshot(phone_page, "status-decision-ht")

    # Every text went to the enrollee's phone, carried only the case number and the address.
    texts = sms_provider.texts()
    assert {text["phone_number"] for text in texts} == {PHONE}
    for text in texts:
        assert not [w for w in ("Nadège", "Saint-Fleur", "1991", "Tijuana") if w in text["message"]]
    assert not Communication.objects.filter(case=case, channel="email").exists()


def test_the_status_page_is_accessible_and_works_without_javascript(
    browser, live_server, staff, settings
):
    from tests import factories

    case = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, language="es", email="", phone="+526561234567"
    )
    casework.request_information(
        case=case, actor=staff.cbp, message="Envíe la carta de la clínica.", base_url="x"
    )
    born = {"birth_month": "4", "birth_day": "12", "birth_year": "1990"}

    # Its weight over the wire, as Chromium receives it: test_browser_page_weight.py.
    cold = browser.new_context(viewport={"width": 320, "height": 640})
    page = cold.new_page()
    page.goto(f"{live_server.url}/es/status/")
    _check(page)
    with page.expect_navigation():
        page.click("button[type=submit]")  # empty: the errors, linked to their fields
    assert page.locator("#error-summary").is_visible()
    _check(page)
    page.fill('[name="case_number"]', case.case_number)
    for name, value in {**born, "birth_day": "13"}.items():
        page.fill(f'[name="{name}"]', value)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "No pudimos abrir una solicitud" in page.content()
    _check(page)
    screenshot(page, "status-lookup-es")
    cold.close()

    # No JavaScript at all, on the smallest screen: open the case and answer.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}/es/status/")
    page.fill('[name="case_number"]', case.case_number)
    for name, value in born.items():
        page.fill(f'[name="{name}"]', value)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert_fits_small_screen(page)
    assert "Envíe la carta de la clínica." in page.content()
    page.fill('[name="answer"]', "Adjunto la carta.")
    with page.expect_navigation():
        page.click("button:has-text('Enviar mi respuesta')")
    assert "Respuesta recibida" in page.content()
    assert Case.objects.get(pk=case.pk).status == Status.CBP_REVIEW
    context.close()
