"""The staff workbench in a real Chromium, as each role uses it: a decision refused for a past
date, previewed, confirmed, sent and then corrected; a closed case reopened; CRCL asking for a
case, program personnel approving, CRCL recording a finding and changing it; bulk assignment
offering no officer who may not hold the cases."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Case, Communication, Status
from routing import casework
from tests import factories
from tests.staff.test_walk_browser import CSP_VIOLATIONS, PASSWORD, _shoot, _sign_in, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WINTER_DAY = date(timezone.localdate().year + 1, 1, 15)


@pytest.fixture
def officers(django_user_model):
    devices = {}
    for role in ("program", "cbp", "uscis", "crcl"):
        user = django_user_model.objects.create_user(
            username=f"{role}.walker", password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        devices[role] = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return devices


def _decided(outcome="disenroll"):
    case = factories.placed_case(**factories.TRIAGE_ANSWERS)
    cbp = Group.objects.get(name="cbp").user_set.first()
    program = Group.objects.get(name="program").user_set.first()
    from routing import services as routing

    routing.route_to_cbp(case=case, actor=program)
    casework.record_outcome(case=case, actor=cbp, component="cbp", outcome=outcome, reason="x")
    return case


def _status(case):
    return Case.objects.get(pk=case.pk).status


def _choose_presentation(page, port, day, time):
    page.select_option("#id_port", label=port)
    page.fill("#id_present_date", day.isoformat())
    page.fill("#id_present_time", time)


def test_program_previews_sends_corrects_closes_and_reopens_a_decision(
    live_server, browser, officers  # noqa: F811
):
    case = _decided()
    factories.placed_case(**factories.TRIAGE_ANSWERS)  # in program's own queue
    base = live_server.url
    case_page = f"{base}/staff/queues/casefile/{case.pk}/change/"
    program = _sign_in(browser, base, "program", officers["program"])

    # Bulk assignment offers program personnel only officers of their own team.
    program.goto(f"{base}/staff/queues/teamunassignedcase/")
    offered = program.eval_on_selector_all(
        "select[name=officer] option", "options => options.map(o => o.textContent)"
    )
    assert "program.walker" in offered and "cbp.walker" not in offered
    assert "uscis.walker" not in offered

    program.goto(case_page)
    _choose_presentation(program, "El Paso (2402)", date(2020, 3, 2), "09:00")
    program.click("button:has-text('Preview the decision')")
    assert "already past" in program.content()
    assert _status(case) == Status.DECIDED

    _choose_presentation(program, "El Paso (2402)", WINTER_DAY, "09:30")
    program.click("button:has-text('Send the decision as shown')")  # shows the new preview
    assert "E-mail to maria@example.org" in program.content()
    assert "09:30" in program.content() and "MST" in program.content()
    _shoot(program, "staff-decision-preview")
    assert _status(case) == Status.DECIDED
    program.click("button:has-text('Send the decision as shown')")
    assert _status(case) == Status.COMMUNICATED

    program.goto(case_page)
    _choose_presentation(program, "Laredo (2304)", WINTER_DAY + timedelta(days=7), "10:00")
    program.fill("#amend-form textarea[name=reason]", "The port asked for another day.")
    program.click("button:has-text('Preview the corrected notice')")
    assert "Este aviso corrige" in program.content()
    program.click("button:has-text('Send the corrected notice')")
    notices = Communication.objects.filter(case=case, kind="decision").order_by("created_at")
    assert [n.superseded_at is not None for n in notices] == [True, False]
    program.goto(case_page)
    assert "superseded by a corrected notice" in program.content()
    assert "corrected notice" in program.inner_text("#timeline")
    _shoot(program, "staff-corrected-notice")

    program.click("button:has-text('Close the case')")
    program.click("button:has-text('Close the case')")  # on the confirmation page
    assert _status(case) == Status.CLOSED
    program.goto(case_page)
    reopen = "form:has(button:has-text('Reopen the case')) input[name=reason]"
    program.fill(reopen, "Closed too early.")
    program.click("button:has-text('Reopen the case')")
    program.click("button:has-text('Reopen the case')")
    assert _status(case) == Status.COMMUNICATED
    assert CSP_VIOLATIONS == []


def test_crcl_asks_program_approves_and_crcl_finds_then_changes_its_finding(
    live_server, browser, officers  # noqa: F811
):
    case = _decided(outcome="remain_enrolled")
    base = live_server.url
    crcl = _sign_in(browser, base, "crcl", officers["crcl"])
    crcl.goto(f"{base}/staff/routing/auditrequest/add/")
    crcl.fill("#id_case_number", case.case_number)
    crcl.fill("#id_reason", "A complaint names this case.")
    crcl.click("input[name=_save]")

    program = _sign_in(browser, base, "program", officers["program"])
    program.goto(f"{base}/staff/routing/auditrequest/")
    program.click("table#result_list tbody th a >> nth=0")
    program.check("input[name=decision][value=approve]")
    program.click("input[name=_save]")

    crcl.goto(f"{base}/staff/queues/auditqueuecase/")
    crcl.click(f"text={case.case_number}")
    crcl.check("#outcome-inconsistent")
    crcl.fill("#outcome-reason", "No interview was offered.")
    crcl.click("button:has-text('Record the finding')")
    crcl.click("button:has-text('Record the finding')")
    crcl.check("#outcome-consistent")
    crcl.fill("#outcome-reason", "The interview record turned up.")
    crcl.click("button:has-text('Record the finding')")
    crcl.click("button:has-text('Record the finding')")

    crcl.goto(f"{base}/staff/queues/casefile/{case.pk}/change/")
    page = crcl.content()
    assert "The interview record turned up." in page
    assert "Earlier CRCL findings" in page and "No interview was offered." in page
    assert CSP_VIOLATIONS == []
