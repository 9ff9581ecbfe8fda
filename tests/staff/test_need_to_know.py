"""A component never reaches the other's cases, nor the other's unshared notes."""

import pytest

from audit.models import AuditEvent
from cases.models import Status
from routing import casework
from tests import factories
from tests.staff.conftest import act_url, case_page_url

pytestmark = pytest.mark.django_db


def test_it_answers_404_to_cbp_for_a_uscis_only_case_page(staff, signed_in, uscis_only_case):
    client = signed_in(staff.cbp)

    assert client.get(case_page_url(uscis_only_case)).status_code == 404
    assert client.get(f"/staff/queues/casefile/{uscis_only_case.pk}/history/").status_code == 404
    assert not AuditEvent.objects.filter(action="view_case", case_id=uscis_only_case.pk).exists()


def test_it_answers_404_to_cbp_for_a_uscis_only_document(staff, signed_in):
    case = factories.routed_case_in(Status.TRIAGE, staff=staff, documents=[factories.g28_upload()])
    from routing import services as routing

    routing.route_to_uscis(case=case, actor=staff.program)
    document = case.documents.get()

    response = signed_in(staff.cbp).get(
        f"/staff/queues/casefile/{case.pk}/documents/{document.pk}/"
    )

    assert response.status_code == 404


def test_it_refuses_cbp_an_action_on_a_uscis_only_case(staff, signed_in, uscis_only_case):
    response = signed_in(staff.cbp).post(act_url(uscis_only_case, "note"), {"text": "mine now"})

    assert response.status_code == 404
    assert not uscis_only_case.analysis_notes.exists()


def test_it_never_shows_cbp_an_unshared_uscis_note(staff, signed_in):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
    casework.record_analysis_note(
        case=case, actor=staff.uscis, component="uscis", text="USCIS eyes only"
    )
    casework.record_analysis_note(
        case=case, actor=staff.uscis, component="uscis", text="For CBP too", shared=True
    )

    cbp_page = signed_in(staff.cbp).get(case_page_url(case)).content.decode()
    uscis_page = signed_in(staff.uscis).get(case_page_url(case)).content.decode()

    assert "For CBP too" in cbp_page
    assert "USCIS eyes only" not in cbp_page
    assert "USCIS eyes only" in uscis_page


def test_it_lets_neither_component_find_the_others_cases_by_search(
    staff, signed_in, uscis_only_case, cbp_case
):
    cbp_hits = signed_in(staff.cbp).get(
        "/staff/queues/casefile/", {"q": uscis_only_case.case_number}
    )
    uscis_hits = signed_in(staff.uscis).get("/staff/queues/casefile/", {"q": cbp_case.case_number})
    cbp_by_name = signed_in(staff.cbp).get("/staff/queues/casefile/", {"q": "jean pierre"})

    uscis_by_name = signed_in(staff.uscis).get("/staff/queues/casefile/", {"q": "jean pierre"})

    assert list(cbp_hits.context["queue_page"].cases) == []
    assert list(uscis_hits.context["queue_page"].cases) == []
    assert list(cbp_by_name.context["queue_page"].cases) == []
    assert list(uscis_by_name.context["queue_page"].cases) == [uscis_only_case]


def test_it_keeps_developers_and_leadership_out_of_the_queues(staff, signed_in, cbp_case):
    for user in (staff.developers, staff.leadership):
        client = signed_in(user)
        assert client.get("/staff/queues/mycase/").status_code == 403
        assert client.get(case_page_url(cbp_case)).status_code in (403, 404)
