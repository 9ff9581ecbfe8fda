"""What the form and the status page cost on a weak phone connection, measured as Chromium
receives them.

Transfer sizes come from Chromium itself (the DevTools protocol's encodedDataLength: headers
and body as they crossed the wire, compressed by the application), with a cold cache for the
first page and the cache warm for the later steps. The status page is opened from a text
message, often with an empty cache: everything it loads, cold, within its own budget.
"""

import pytest
from django.test.testcases import LiveServerThread

from cases.models import Status
from routing import casework
from tests import factories
from tests.intake.form_driver import FormDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "es", "ht", "pt-br"]
FIRST_PAGE_BUDGET = 100 * 1024
LATER_STEP_BUDGET = 10 * 1024
STATUS_PAGE_BUDGET = 15 * 1024  # everything the page loads, cold


class Wire:
    """Bytes Chromium received per request, from the DevTools protocol."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.urls, self.bytes = {}, {}
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)

    def _response(self, event):
        self.urls[event["requestId"]] = (event["response"]["url"], event["response"]["headers"])

    def _finished(self, event):
        self.bytes[event["requestId"]] = event["encodedDataLength"]

    def take(self):
        seen = [(self.urls[key][0], self.urls[key][1], size) for key, size in self.bytes.items()]
        self.urls, self.bytes = {}, {}
        return seen


@pytest.fixture
def served_as_deployed(settings, transactional_db):
    """The application alone, as gunicorn runs it: WhiteNoise serves the static files (from
    the finders, as no collectstatic ran) and the middleware compresses what it sends; no test
    static handler in front of it."""
    settings.WHITENOISE_USE_FINDERS = True
    thread = LiveServerThread("localhost", static_handler=lambda application: application)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


def _print(label, seen):
    total = sum(size for _url, _headers, size in seen)
    print(f"{label}: {total / 1024:.1f} KB in {len(seen)} requests")
    for url, headers, size in seen:
        encoding = {k.lower(): v for k, v in headers.items()}.get("content-encoding", "-")
        print(f"  {size / 1024:6.1f} KB {encoding:5} {url}")
    return total


def _encoding(seen, path):
    [headers] = [h for url, h, _s in seen if url.endswith(path)]
    return {name.lower(): value for name, value in headers.items()}.get("content-encoding")


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_the_form_within_its_page_weight_budget(browser, served_as_deployed, language):
    live_server = type("Server", (), {"url": served_as_deployed})
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    wire = Wire(page)
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{live_server.url}{prefix}/request/privacy/", wait_until="networkidle")
    first = wire.take()
    total = _print(f"first page ({language}), cold cache", first)
    assert _encoding(first, "/request/privacy/") == "gzip"  # compressed by the application
    assert total <= FIRST_PAGE_BUDGET

    # Each later step: sending the page before it (the POST, its redirect) and loading it.
    form = FormDriver(page, live_server.url, javascript=True)

    def arrived_at(step):
        page.wait_for_load_state("networkidle")
        size = _print(f"step {step}", wire.take())
        assert f"/{step}/" in page.url
        assert size <= LATER_STEP_BUDGET, step

    form.tick("privacy-language", language)
    form.tick("privacy-acknowledge")
    form.submit()
    arrived_at("submitter")
    form.tick("submitter-submitter_type", "enrollee")
    form.submit()
    arrived_at("enrollee")
    form.enrollee_minimum()
    arrived_at("concern")
    form.tick("concern-concern_vulnerability_at_enrollment")
    page.fill('[name="concern-description"]', "Tengo miedo.")
    form.submit()
    arrived_at("documents")
    form.submit()
    arrived_at("review")
    form.tick("review-attest")
    form.submit()
    arrived_at("confirmation")
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_status_page_stays_within_its_budget_cold(
    browser, served_as_deployed, language, staff
):
    case = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, language=language, email="", phone="+526561234567"
    )
    casework.request_information(
        case=case, actor=staff.cbp, message="Envíe la carta de la clínica.", base_url="x"
    )
    prefix = "" if language == "en" else f"/{language}"
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wire = Wire(page)

    page.goto(f"{served_as_deployed}{prefix}/status/", wait_until="networkidle")
    seen = wire.take()
    assert _print("status look-up, cold cache", seen) <= STATUS_PAGE_BUDGET
    assert _encoding(seen, "/status/") == "gzip"  # compressed by the application

    # The case's page (the look-up sent, its redirect, the page and all it loads), cold too.
    page.fill('[name="case_number"]', case.case_number)
    for name, value in (("birth_month", "4"), ("birth_day", "12"), ("birth_year", "1990")):
        page.fill(f'[name="{name}"]', value)
    wire.session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator('[data-stage="information"]').count() == 1
    assert _print("status page of a case, cold cache", wire.take()) <= STATUS_PAGE_BUDGET
    context.close()
