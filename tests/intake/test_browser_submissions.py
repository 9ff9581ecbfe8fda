"""Complete submissions in Chromium, as people make them: each ends with exactly one case."""

import os

import pytest

from cases.models import Case, DocumentKind, SubmitterType
from tests.intake.browser import SCREENSHOTS
from tests.intake.conftest import PDF, jpeg_with_gps, png
from tests.intake.form_driver import FormDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENROLLEE = {
    "full_name": "Yesenia Castillo Mejía",
    "birth_month": "7",
    "birth_day": "3",
    "birth_year": "1994",
    "citizenship": "HN",
    "current_location": "Matamoros, Tamaulipas",
    "a_number": "212345678",
    "phone": "868 123 4567",
    "email": "yesenia@example.org",
}
HAITIAN = {
    **ENROLLEE,
    "full_name": "Nadège Saint-Fleur",
    "citizenship": "HT",
    "a_number": "",
    "phone": "+1 305 555 0199",
    "email": "",
}
BRAZILIAN = {**ENROLLEE, "full_name": "Luana Ferreira Costa", "citizenship": "BR", "email": ""}


def file_payload(name, mime, data):
    return {"name": name, "mimeType": mime, "buffer": data}


@pytest.fixture
def driver(browser, live_server):
    def make(*, javascript=True, width=375):
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": 800}
        )
        return FormDriver(context.new_page(), live_server.url, javascript=javascript)

    return make


def screenshot(page, name):
    """Taken on every run; written over the README's copy only when asked to or missing,
    so a test run leaves the working tree clean (UPDATE_SCREENSHOTS=1 to refresh them)."""
    target = SCREENSHOTS / f"{name}.jpeg"
    image = page.screenshot(type="jpeg", quality=55)
    assert len(image) < 150_000  # small enough for the README
    if os.environ.get("UPDATE_SCREENSHOTS") or not target.exists():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)


def assert_consent_recorded(case):
    assert case.privacy_notice_version and case.attestation_version
    assert case.privacy_notice_acknowledged_at < case.attested_at <= case.received_at


def test_it_takes_an_enrollees_request_in_spanish(driver):
    form = driver()
    form.start("es")
    form.who("enrollee")
    form.submit()
    screenshot(form.page, "errors-es")
    form.enrollee(ENROLLEE)
    form.concern(["condition_pregnancy"], ["concern_new_fear_no_interview"], "Tengo miedo.")
    form.documents()
    number = form.review_and_submit()
    screenshot(form.page, "confirmation-es")

    case = Case.objects.get()
    assert case.case_number == number
    assert case.language == "es"
    assert case.submitter_type == SubmitterType.ENROLLEE
    assert case.enrollee.full_name == "Yesenia Castillo Mejía"
    assert str(case.enrollee.date_of_birth) == "1994-07-03"
    assert case.condition_pregnancy and case.concern_new_fear_no_interview
    assert not case.concern_vulnerability_at_enrollment
    assert_consent_recorded(case)


def test_it_takes_a_representatives_request_with_a_g28_in_english(driver):
    form = driver()
    form.start("en")
    screenshot(form.page, "privacy-en")
    form.who("representative")
    form.enrollee(ENROLLEE)
    form.contact(
        "representative",
        {"full_name": "Ana Attorney", "email": "ana@law.example", "relationship": "Attorney"},
        g28=file_payload("G-28.pdf", "application/pdf", PDF),
    )
    form.concern([], ["concern_vulnerability_at_enrollment"], "Chronic illness untreated.")
    form.documents()
    form.review_and_submit(screenshot=screenshot)

    case = Case.objects.get()
    assert case.language == "en"
    assert case.representative.full_name == "Ana Attorney"
    assert case.g28_document.display_name == "G-28.pdf"
    assert case.g28_document.kind == DocumentKind.G28
    assert_consent_recorded(case)


def test_it_takes_a_preparers_request_in_haitian_creole(driver):
    form = driver()
    form.start("ht")
    form.who("preparer")
    form.enrollee(HAITIAN)
    form.contact("preparer", {"full_name": "Jocelyn Pierre", "relationship": "Vwazen"})
    form.concern(["condition_safety_need"], ["concern_something_else"], "Mwen bezwen èd.")
    form.documents()
    form.review_and_submit()

    case = Case.objects.get()
    assert case.language == "ht"
    assert case.submitter_type == SubmitterType.PREPARER
    assert case.preparer.full_name == "Jocelyn Pierre"
    assert case.concern_something_else and not case.is_disenrollment_request
    assert str(case.enrollee.phone) == "+13055550199"
    assert_consent_recorded(case)


def test_it_takes_a_request_in_portuguese_with_two_uploads(driver):
    form = driver()
    form.start("pt-br")
    form.who("enrollee")
    form.enrollee(BRAZILIAN)
    form.concern([], ["concern_fear_changed_since_interview"], "Fui ameaçado.")
    form.documents(
        [
            file_payload("laudo médico.jpg", "image/jpeg", jpeg_with_gps()),
            file_payload("boletim.png", "image/png", png()),
        ]
    )
    form.review_and_submit()

    case = Case.objects.get()
    assert case.language == "pt-br"
    names = sorted(doc.display_name for doc in case.documents.all())
    assert names == ["boletim.png", "laudo médico.jpg"]
    assert_consent_recorded(case)


def test_it_works_with_javascript_switched_off(driver):
    form = driver(javascript=False, width=320)
    form.start("en")
    form.who("enrollee")
    form.enrollee(ENROLLEE)
    form.concern(["condition_disability"], ["concern_vulnerability_changed"], "Wheelchair.")
    form.documents([file_payload("letter.pdf", "application/pdf", PDF)])
    form.review_and_submit()

    case = Case.objects.get()
    assert case.condition_disability and case.concern_vulnerability_changed
    assert [doc.display_name for doc in case.documents.all()] == ["letter.pdf"]
    assert_consent_recorded(case)
