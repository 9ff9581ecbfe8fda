"""The actions of the case page, for the right roles in the right states."""

import pytest

from cases.models import AnalysisNote, Case, Document, Status
from tests import factories
from tests.staff.conftest import act_url, case_page_url, confirmed

pytestmark = pytest.mark.django_db


def _status(case):
    return Case.objects.get(pk=case.pk).status


def test_it_lets_program_route_a_triaged_case_to_cbp(staff, signed_in):
    case = factories.routed_case_in(Status.TRIAGE, staff=staff)

    signed_in(staff.program).post(act_url(case, "route_to_cbp"), {"reason": "vulnerability"})

    assert _status(case) == Status.CBP_REVIEW


def test_it_lets_cbp_assign_to_itself_refer_and_uscis_return(staff, signed_in, cbp_case):
    cbp = signed_in(staff.cbp)
    cbp.post(act_url(cbp_case, "assign"), {"to": "me"})
    assert Case.objects.get(pk=cbp_case.pk).assigned_to == staff.cbp

    cbp.post(act_url(cbp_case, "refer_to_uscis"), {"reason": "fear interview"})
    assert _status(cbp_case) == Status.USCIS_REVIEW

    signed_in(staff.uscis).post(act_url(cbp_case, "return_to_cbp"))
    assert _status(cbp_case) == Status.CBP_REVIEW


def test_it_refuses_cbp_a_triage_movement_with_a_message(staff, signed_in, cbp_case):
    response = signed_in(staff.cbp).post(act_url(cbp_case, "route_to_uscis"), follow=True)

    assert _status(cbp_case) == Status.CBP_REVIEW
    assert "You may not move this case." in response.content.decode()


def test_it_records_notes_and_uploads_in_the_own_module(staff, signed_in, cbp_case):
    client = signed_in(staff.cbp)
    client.post(act_url(cbp_case, "note"), {"text": "Spoke with the port.", "shared": "on"})
    with factories.g28_upload().file as upload:
        upload.name = "report.pdf"
        client.post(act_url(cbp_case, "upload"), {"file": upload})

    note = AnalysisNote.objects.get(case=cbp_case)
    assert (note.component, note.author, note.shared_with_other_components) == (
        "cbp",
        staff.cbp,
        True,
    )
    upload = Document.objects.get(case=cbp_case, kind="component_upload")
    assert (upload.component, upload.display_name) == ("cbp", "report.pdf")


def test_it_records_the_cbp_outcome_and_program_closes_after_communication(
    staff, signed_in, cbp_case
):
    confirmed(
        signed_in(staff.cbp),
        act_url(cbp_case, "record_outcome"),
        {"outcome": "disenroll", "reason": "health"},
    )
    assert _status(cbp_case) == Status.DECIDED
    assert Case.objects.get(pk=cbp_case.pk).cbpreview.outcome == "disenroll"

    from cases.services import lifecycle
    lifecycle.record_decision_communicated(case=cbp_case, actor=staff.program)
    confirmed(signed_in(staff.program), act_url(cbp_case, "close_case"))
    assert _status(cbp_case) == Status.CLOSED


def test_it_refuses_an_outcome_that_is_not_listed(staff, signed_in, cbp_case):
    response = confirmed(
        signed_in(staff.cbp),
        act_url(cbp_case, "record_outcome"),
        {"outcome": "fear_established", "reason": "fear"},
    )

    assert _status(cbp_case) == Status.CBP_REVIEW
    assert "Choose one of the listed outcomes." in response.content.decode()


def test_it_lets_uscis_not_edit_the_cbp_module(staff, signed_in):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
    # CBP still sees the case it referred, but its module is no longer editable.
    page = signed_in(staff.cbp).get(case_page_url(case))
    assert page.context["page"].actions == set()

    signed_in(staff.cbp).post(act_url(case, "note"), {"text": "late note"})
    assert not AnalysisNote.objects.filter(case=case).exists()


def test_it_refuses_get_on_an_action(staff, signed_in, cbp_case):
    assert signed_in(staff.cbp).get(act_url(cbp_case, "refer_to_uscis")).status_code == 405
