"""What the form costs on a weak phone connection, measured as Chromium receives it.

Transfer sizes come from Chromium itself (the DevTools protocol's encodedDataLength: headers
and body as they crossed the wire, compressed by the application), with a cold cache for the
first page and the cache warm for the later steps.
"""

import pytest
from django.test.testcases import LiveServerThread

from tests.intake.form_driver import FormDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_PAGE_BUDGET = 100 * 1024
LATER_STEP_BUDGET = 10 * 1024


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


@pytest.mark.parametrize("language", ["en", "es"])
def test_it_keeps_the_form_within_its_page_weight_budget(browser, served_as_deployed, language):
    live_server = type("Server", (), {"url": served_as_deployed})
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    wire = Wire(page)
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{live_server.url}{prefix}/request/privacy/", wait_until="networkidle")
    first = wire.take()
    total = sum(size for _url, _headers, size in first)
    for url, headers, size in first:
        encoding = {k.lower(): v for k, v in headers.items()}.get("content-encoding", "-")
        print(f"  {size / 1024:6.1f} KB {encoding:5} {url}")
    print(f"first page, cold cache: {total / 1024:.1f} KB in {len(first)} requests")
    [html] = [h for url, h, _s in first if url.endswith("/request/privacy/")]
    headers = {name.lower(): value for name, value in html.items()}
    assert headers.get("content-encoding") == "gzip"  # compressed by the application
    assert total <= FIRST_PAGE_BUDGET

    # Each later step: sending the page before it (the POST, its redirect) and loading it.
    form = FormDriver(page, live_server.url, javascript=True)

    def arrived_at(step):
        page.wait_for_load_state("networkidle")
        seen = wire.take()
        size = sum(s for _u, _h, s in seen)
        print(f"step {step}: {size / 1024:.1f} KB")
        for url, _headers, part in seen:
            print(f"  {part / 1024:6.1f} KB {url}")
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
