"""axe-core on the pages the complete submissions do not reach in every language."""

import pytest

from tests.intake.browser import assert_accessible, assert_fits_small_screen
from tests.intake.form_driver import FormDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["en", "es", "ht", "pt-br"])
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


def test_it_notices_a_page_that_is_not_accessible(page):
    page.set_content('<html lang="en"><body><input type="text"><img src="x.png"></body></html>')

    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
