"""The letter as it prints, in Chromium: on paper only the letter, none of the staff site."""

import pytest

from cases.models import Status
from routing import casework
from tests import factories
from tests.staff.test_walk_browser import _sign_in, browser, officers  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_printed_letter_carries_no_header_navigation_or_buttons(
    live_server,
    browser,  # noqa: F811
    officers,  # noqa: F811
    django_user_model,
):
    program = django_user_model.objects.get(username="program.walker")
    case = factories.placed_case(**factories.TRIAGE_ANSWERS, language="pt-br", email="")
    casework.request_information(
        case=case, actor=program, message="Envie o laudo médico.", base_url=live_server.url
    )
    letter = case.communications.get()
    page = _sign_in(browser, live_server.url, "program", officers["program"])
    page.goto(f"{live_server.url}/staff/queues/lettertoprintcase/")
    page.click(f"text={case.case_number}")
    page.click("text=Open the letter to print")

    assert page.locator("#header").is_visible() and page.locator("#letter-actions").is_visible()
    page.emulate_media(media="print")
    for chrome in ("#header", ".breadcrumbs", "#nav-sidebar", "#letter-actions"):
        assert not page.locator(chrome).first.is_visible(), chrome
    printed = page.locator("#letter").inner_text()
    assert "Departamento de Segurança Interna dos EUA" in printed
    assert case.case_number in printed and "Envie o laudo médico." in printed
    assert "/pt-br/status/" in printed  # not the single-use link

    page.emulate_media(media="screen")
    with page.expect_navigation():
        page.click("#record-printed")
    letter.refresh_from_db()
    assert letter.status == "printed" and letter.printed_by == program
    case.refresh_from_db()
    assert case.status == Status.AWAITING_INFORMATION  # printing moves nothing

