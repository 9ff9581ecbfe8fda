"""Benchmark (not a test): each step of the public form on an emulated slow 3G connection.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp_bench python bench/slow_3g.py --language es

Starts gunicorn on 127.0.0.1 as production runs it (collected, compressed static files served by
WhiteNoise, pages compressed by the application), then walks the form in Debian's Chromium with
the DevTools protocol's Network.emulateNetworkConditions set to DevTools' "Slow 3G" preset
(2 s round trip, 400 kbit/s each way) and a cold cache, then follows the request on the status
page from the confirmation's button (the look-up, then the case's page). Prints, for each page,
the time from pressing the button (or typing the address) to the page's load event, and the
bytes Chromium received for it. Bounded: one walk, a 120 s limit on every page.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from public_submission import free_port, start_gunicorn  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# DevTools' "Slow 3G": 500 kbit/s at 80 % goodput, 400 ms latency times its 5x RTT factor.
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 500 * 1000 / 8 * 0.8,
    "uploadThroughput": 500 * 1000 / 8 * 0.8,
}
PERSON = {
    "full_name": "Wilner Joseph",
    "birth_month": "7",
    "birth_day": "3",
    "birth_year": "1994",
    "citizenship": "HT",
    "current_location": "Tijuana, Baja California",
}


class Timed:
    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        self.received = 0
        self.cdp.on("Network.loadingFinished", self._finished)
        self.rows = []

    def _finished(self, event):
        self.received += event["encodedDataLength"]

    def step(self, name, action):
        self.received = 0
        started = time.perf_counter()
        with self.page.expect_navigation(wait_until="load", timeout=120_000):
            action()
        seconds = time.perf_counter() - started
        self.rows.append((name, seconds, self.received))
        print(f"{name:<14} {seconds:6.2f} s {self.received / 1024:7.1f} KB", flush=True)


def walk(base, language):
    prefix = "" if language == "en" else f"/{language}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
        timed = Timed(page)

        def press(action="continue"):
            page.click(f'main button[name="intake-action"][value="{action}"]')

        def tick(selector):
            page.click(f'label[for="{page.locator(selector).get_attribute("id")}"]')

        timed.step("privacy (cold)", lambda: page.goto(f"{base}{prefix}/request/privacy/"))
        tick(f'[name="privacy-language"][value="{language}"]')
        tick('[name="privacy-acknowledge"]')
        timed.step("submitter", press)
        tick('[name="submitter-submitter_type"][value="enrollee"]')
        timed.step("enrollee", press)
        for name, value in PERSON.items():
            field = page.locator(f'[name="enrollee-{name}"]')
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        timed.step("concern", press)
        tick('[name="concern-concern_vulnerability_at_enrollment"]')
        page.fill('[name="concern-description"]', "Pa gen medikaman nan abri a.")
        timed.step("documents", press)
        timed.step("review", press)
        tick('[name="review-attest"]')
        timed.step("confirmation", press)
        form_rows = list(timed.rows)
        number = page.locator("#case-number").inner_text().strip()
        timed.step("status look-up", lambda: page.click(f'main a[href="{prefix}/status/"]'))
        page.fill('[name="case_number"]', number)
        for name in ("birth_month", "birth_day", "birth_year"):
            page.fill(f'[name="{name}"]', PERSON[name])
        timed.step("status page", lambda: page.click("main button[type=submit]"))
        browser.close()
    total = sum(seconds for _name, seconds, _bytes in form_rows)
    print(f"{'whole form':<14} {total:6.2f} s (page loads only, no typing)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="es", choices=["en", "es", "ht", "pt-br"])
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a migrated PostgreSQL database (one case is added).")
    # Collected for this run only: a STATIC_ROOT left in the tree slows every test server.
    static_root = tempfile.mkdtemp(prefix="mpp-static-")
    os.environ["DJANGO_STATIC_ROOT"] = static_root
    port = free_port()
    server = start_gunicorn(port, workers=1, threads=4)
    try:
        print(f"slow 3G: {SLOW_3G['latency']} ms round trip, 400 kbit/s; language {args.language}")
        walk(f"http://127.0.0.1:{port}", args.language)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
