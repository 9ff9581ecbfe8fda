"""Search by case number (forgiving), A-number and name, audited with terms and hits."""

import pytest

from audit.models import AuditEvent
from audit.services import searched_for
from cases.models import Status
from tests import factories

pytestmark = pytest.mark.django_db
SEARCH = "/staff/queues/casefile/"


def _hits(response):
    return [case.pk for case in response.context["queue_page"].cases]


def test_it_finds_a_case_number_typed_without_dashes(staff, signed_in, cbp_case):
    typed = cbp_case.case_number.replace("-", "").lower()

    assert _hits(signed_in(staff.cbp).get(SEARCH, {"q": typed})) == [cbp_case.pk]


def test_it_says_so_when_the_check_character_is_wrong(staff, signed_in, cbp_case):
    last = cbp_case.case_number[-1]
    wrong = cbp_case.case_number[:-1] + ("0" if last != "0" else "1")

    response = signed_in(staff.cbp).get(SEARCH, {"q": wrong}, follow=True)

    assert "did you mean" in response.content.decode()
    assert cbp_case.case_number in response.content.decode()
    assert _hits(response) == [cbp_case.pk]


def test_it_does_not_suggest_a_case_the_user_may_not_see(staff, signed_in, uscis_only_case):
    last = uscis_only_case.case_number[-1]
    wrong = uscis_only_case.case_number[:-1] + ("0" if last != "0" else "1")

    response = signed_in(staff.cbp).get(SEARCH, {"q": wrong})

    assert uscis_only_case.case_number[:-1] not in response.content.decode().replace(wrong, "")
    assert _hits(response) == []


def test_it_finds_a_name_without_accents_or_case(staff, signed_in, cbp_case):
    assert _hits(signed_in(staff.cbp).get(SEARCH, {"q": "HERNANDEZ maria"})) == [cbp_case.pk]


def test_it_finds_an_a_number_and_records_the_search(staff, signed_in, cbp_case):
    response = signed_in(staff.cbp).get(SEARCH, {"q": "A212-345-678"})

    assert _hits(response) == [cbp_case.pk]
    event = AuditEvent.objects.get(action="search", actor_id=staff.cbp.pk)
    assert "212" not in str(event.detail)  # the terms are kept only as keyed hashes
    assert event.detail["hits"] == 1
    assert [found["id"] for found in searched_for(term="212345678")] == [event.pk]


def test_it_searches_within_a_queue(staff, signed_in, cbp_case):
    factories.routed_case_in(Status.TRIAGE, staff=staff, full_name="Maria Other")

    response = signed_in(staff.program).get("/staff/queues/teamunassignedcase/", {"q": "maria"})

    assert cbp_case.pk not in _hits(response)
    assert len(_hits(response)) == 1


@pytest.mark.parametrize("typed", ["212345678", "A212345678", "A-212-345-678", "maria lopez"])
def test_an_a_number_or_a_name_is_never_taken_for_a_mistyped_case_number(
    staff, signed_in, cbp_case, typed
):
    response = signed_in(staff.cbp).get(SEARCH, {"q": typed}, follow=True)

    page = response.content.decode()
    assert "check character" not in page
    assert "did you mean" not in page


def test_a_name_search_shows_the_names_of_the_cases_found(staff, signed_in, cbp_case):
    page = signed_in(staff.cbp).get(SEARCH, {"q": "hernandez maria"}).content.decode()

    assert "María José Hernández López" in page


def test_a_number_search_shows_no_names(staff, signed_in, cbp_case):
    page = signed_in(staff.cbp).get(SEARCH, {"q": cbp_case.case_number}).content.decode()

    assert "María José Hernández López" not in page
