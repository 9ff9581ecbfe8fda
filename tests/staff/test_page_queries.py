"""What each staff page reads, statement by statement, whatever the queue or the case holds
(issue 19): three statements of overhead (the session, the user, the second-factor device),
then the page's own. A statement that creeps back (a permission load, a second read of the
case, a session write) fails these tests."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Status
from tests import factories
from tests.staff.conftest import case_page_url

pytestmark = pytest.mark.django_db

OVERHEAD = ["django_session", "auth_user", "otp_totp_totpdevice"]
AUDIT = ["audit lock", "audit_auditevent", "insert audit_auditevent"]


def _what(sql):
    if sql.startswith("SELECT pg_advisory_xact_lock"):
        return "audit lock"
    if sql.startswith("INSERT INTO"):
        return "insert " + re.match(r'INSERT INTO "(\w+)"', sql).group(1)
    # The statement's own table, not a subquery's (Django aliases those U0, U1...).
    return re.search(r'FROM "(\w+)"(?! U\d)', sql).group(1)


def _statements(client, url):
    client.get(url)  # the session's first use renews it; facts get cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [_what(query["sql"]) for query in queries.captured_queries]


QUEUE_PAGE = [
    *OVERHEAD,
    "auth_user",  # the officers: of the "assigned to" filter, and to assign the selected to
    "cases_case",  # the bounded count (at most 1,001 index rows)
    "cases_case",  # the page of 50, with enrollee, officer and new-answer flag
]


@pytest.mark.parametrize("cases", [1, 12])
@pytest.mark.parametrize(
    "url",
    [
        "/staff/queues/teamunassignedcase/",
        "/staff/queues/casefile/",
    ],
)
def test_a_queue_page_reads_the_same_six_statements_whatever_it_holds(
    staff, signed_in, url, cases
):
    for _ in range(cases):
        factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    assert _statements(signed_in(staff.cbp), url) == QUEUE_PAGE


def test_an_empty_queue_reads_no_page_of_cases(staff, signed_in):
    found = _statements(signed_in(staff.cbp), "/staff/queues/mycase/")

    # Counted as empty: no page of cases to read.
    assert found == QUEUE_PAGE[:-1]


def test_a_search_by_case_number_adds_only_its_audit_event(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    found = _statements(signed_in(staff.cbp), f"/staff/queues/casefile/?q={case.case_number}")

    assert found == [*QUEUE_PAGE, *AUDIT]


CASE_PAGE = [
    *OVERHEAD,
    "cases_case",  # the case, need-to-know and the right to edit the module, in one read
    "cases_communication",
    "cases_informationrequest",
    "cases_casetransition",  # the newest page of the timeline
    "cases_document",
    "cases_analysisnote",
    "cases_historicalcase",  # whether the user made the last assignment (to undo it)
    *AUDIT,  # the view of the case
    "auth_user",  # colleagues the case may be assigned to
]


@pytest.mark.parametrize("entries", [1, 7])
def test_the_case_page_reads_the_same_fourteen_statements_whatever_the_case_holds(
    staff, signed_in, entries
):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    factories.cbp_notes_and_scans(case, staff.cbp, entries)

    assert _statements(signed_in(staff.cbp), case_page_url(case)) == CASE_PAGE


def test_program_reads_the_case_page_in_as_many_statements(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    factories.cbp_notes_and_scans(case, staff.cbp, 3)

    found = _statements(signed_in(staff.program), case_page_url(case))

    # Program does not hold a CBP case: no assignment to undo, no colleagues to offer.
    assert found == [*CASE_PAGE[:9], *AUDIT]
