"""What the form costs on a weak phone connection, compressed as whitenoise serves it."""

import pytest

from tests.intake.browser import compressed_size
from tests.intake.form_driver import FormDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_PAGE_BUDGET = 300 * 1024
LATER_STEP_BUDGET = 40 * 1024


def test_it_keeps_the_form_within_its_page_weight_budget(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{live_server.url}/request/privacy/", wait_until="networkidle")
    sizes = [compressed_size(r.body()) for r in responses if r.status == 200]
    print(f"first page, cold cache: {sum(sizes) / 1024:.1f} KB in {len(sizes)} files")
    assert len(sizes) >= 4  # the page, USWDS's style sheet and script, and a font at least
    assert sum(sizes) <= FIRST_PAGE_BUDGET

    # Later steps: the browser has the style sheet, script and fonts; only the page travels.
    form = FormDriver(page, live_server.url)
    form.tick("privacy-language", "en")
    form.tick("privacy-acknowledge")
    form.submit()
    for step in ("submitter", "enrollee"):
        response = page.goto(f"{live_server.url}/request/{step}/", wait_until="networkidle")
        size = compressed_size(response.body())
        print(f"step {step}: {size / 1024:.1f} KB")
        assert size <= LATER_STEP_BUDGET
    context.close()
