"""Filling in the request form in a real browser, checking each page on the way."""

from tests.intake.browser import assert_accessible, assert_fits_small_screen


class FormDriver:
    def __init__(self, page, base_url, *, javascript=True):
        self.page = page
        self.base_url = base_url
        self.javascript = javascript

    def check_page(self):
        assert_fits_small_screen(self.page)
        if self.javascript:
            assert_accessible(self.page)

    def tick(self, name, value=None):
        selector = f'[name="{name}"]' + (f'[value="{value}"]' if value else "")
        element_id = self.page.locator(selector).get_attribute("id")
        self.page.click(f'label[for="{element_id}"]')

    def fill(self, step, values):
        for name, value in values.items():
            field = self.page.locator(f'[name="{step}-{name}"]')
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)

    def proceed(self, *, expect_errors_first=True):
        """Check the page, then (optionally) its error state, then continue."""
        self.check_page()
        if expect_errors_first:
            self.submit()
            assert self.page.locator("#error-summary").is_visible()
            self.check_page()

    def submit(self, action="continue"):
        with self.page.expect_navigation():
            self.page.click(f'main button[name="intake-action"][value="{action}"]')

    def start(self, language):
        prefix = "" if language == "en" else f"/{language}"
        self.page.goto(f"{self.base_url}{prefix}/request/privacy/")
        self.proceed()
        self.tick("privacy-language", language)
        self.tick("privacy-acknowledge")
        self.submit()

    def who(self, submitter_type, *, expect_errors_first=True):
        self.proceed(expect_errors_first=expect_errors_first)
        self.tick("submitter-submitter_type", submitter_type)
        self.submit()

    def enrollee(self, values):
        self.proceed()
        self.fill("enrollee", values)
        self.submit()

    def enrollee_minimum(self):
        self.fill(
            "enrollee",
            {
                "full_name": "Test Person",
                "birth_month": "1",
                "birth_day": "2",
                "birth_year": "1980",
                "citizenship": "GT",
                "current_location": "Tijuana",
            },
        )
        self.submit()

    def contact(self, step, values, g28=None):
        self.proceed()
        self.fill(step, values)
        if g28:
            self.page.set_input_files(f'[name="{step}-g28"]', g28)
        self.submit()

    def concern(self, conditions, concerns, description):
        self.proceed()
        for name in (*conditions, *concerns):
            self.tick(f"concern-{name}")
        self.page.fill('[name="concern-description"]', description)
        self.submit()

    def documents(self, files=()):
        self.proceed(expect_errors_first=False)
        if files:
            self.page.set_input_files('[name="documents-files"]', list(files))
        self.submit()

    def review_and_submit(self, screenshot=None):
        if screenshot:
            screenshot(self.page, "review")
        self.proceed()
        self.tick("review-attest")
        self.submit()
        self.check_page()
        return self.page.locator("#case-number").inner_text().strip()
