"""axe-core on every step and state of the form and of the status page, in every language."""

import pytest

from cases.models import Case
from routing import casework
from tests.intake.browser import assert_accessible, assert_fits_small_screen
from tests.intake.form_driver import FormDriver

LANGUAGES = ["en", "es", "ht", "pt-br"]
REFUSED = {"name": "programa.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_has_no_accessibility_violations_on_any_page(page, live_server, language):
    prefix = "" if language == "en" else f"/{language}"
    for path in ("/", "/tear-sheet/"):
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert_fits_small_screen(page)
        assert_accessible(page)
    form = FormDriver(page, live_server.url)
    form.start(language)
    for submitter_type in ("preparer", "representative"):
        form.who(submitter_type, expect_errors_first=submitter_type == "preparer")
        form.proceed(expect_errors_first=False)
        form.enrollee_minimum()
        form.proceed()  # the contact step, then its error state
        page.goto(f"{live_server.url}{prefix}/request/submitter/")
    # Saved, resumed, and a resume code mistyped.
    form.submit("save")
    form.check_page()
    page.goto(f"{live_server.url}{prefix}/request/resume/")
    form.check_page()
    page.fill('[name="code"]', "7K4Q")
    with page.expect_navigation():
        page.click('main button[type="submit"]')
    assert page.locator("#error-summary").is_visible()
    form.check_page()
    # The cookies lost mid-form: the page that says so.
    page.goto(f"{live_server.url}{prefix}/request/submitter/")
    page.context.clear_cookies()
    form.submit()
    assert page.locator('a[href$="/request/resume/"]').count() >= 1
    form.check_page()


def _errors_shown(form):
    assert form.page.locator("#error-summary").is_visible()
    form.check_page()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_state_and_the_status_page_have_no_violations(
    page, live_server, language, staff
):
    prefix = "" if language == "en" else f"/{language}"
    form = FormDriver(page, live_server.url)
    form.start(language)
    form.who("enrollee", expect_errors_first=False)
    form.proceed()  # the enrollee step, then its errors
    form.fill(
        "enrollee",
        {"full_name": "Test Person", "birth_month": "1", "birth_day": "2", "birth_year": "1980"},
    )
    form.fill("enrollee", {"citizenship": "GT", "current_location": "Tijuana"})
    form.tick("enrollee-texts")  # texts wanted, and no phone given: the contact step's error
    form.submit()
    _errors_shown(form)
    form.tick("enrollee-texts")
    form.submit()
    form.proceed()  # the concern step, then its group's error
    form.tick("concern-concern_something_else")
    page.fill('[name="concern-description"]', "0123456789")
    form.submit()
    form.check_page()  # documents, then a refused file
    page.set_input_files('[name="documents-files"]', [REFUSED])
    form.check_page()  # the script's own message about the chosen file
    form.submit()
    _errors_shown(form)
    form.submit()
    assert page.locator("#no-channel").is_visible()  # nobody could be written to
    form.proceed()  # the review page, then its errors
    form.tick("review-attest")
    form.submit()
    form.check_page()  # the confirmation
    number = page.locator("#case-number").inner_text().strip()

    page.goto(f"{live_server.url}{prefix}/status/")
    form.check_page()
    with page.expect_navigation():
        page.click("main button[type=submit]")
    _errors_shown(form)
    page.fill('[name="case_number"]', number)
    for name, value in (("birth_month", "1"), ("birth_day", "2"), ("birth_year", "1980")):
        page.fill(f'[name="{name}"]', value)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator('[data-stage="received"]').count() == 1
    form.check_page()
    casework.request_information(
        case=Case.objects.get(case_number=number),
        actor=staff.program,
        message="¿Dónde vive ahora?",
        base_url=live_server.url,
    )
    page.reload()
    assert page.locator('[data-stage="information"]').count() == 1
    form.check_page()
    page.fill('[name="answer"]', "En Tijuana.")
    page.set_input_files('[name="files"]', [REFUSED])
    with page.expect_navigation():
        page.click('form[action$="/status/answer/"] button')
    _errors_shown(form)
    page.fill('[name="answer"]', "En Tijuana.")
    with page.expect_navigation():
        page.click('form[action$="/status/answer/"] button')
    form.check_page()  # the answer received


def test_it_notices_a_page_that_is_not_accessible(page):
    page.set_content('<html lang="en"><body><input type="text"><img src="x.png"></body></html>')

    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
