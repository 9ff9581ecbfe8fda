"""The request that opens a case, statement by statement (issue 19), as production runs it:
outside any test transaction, so each transaction is a BEGIN and COMMIT (not counted), not a
savepoint. A savepoint, a second read of a row or a history row creeping back fails this."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.intake.conftest import PDF
from tests.intake.walk import fill_to_review, post_step, upload

pytestmark = pytest.mark.django_db(transaction=True)


def _what(sql):
    if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
        return sql.split('"')[0].strip().lower()
    if sql.startswith("SELECT pg_advisory_xact_lock"):
        return "audit lock"
    verb = sql.split()[0].lower()
    table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"(?! U\d)', sql)
    return f"{verb} {table.group(1)}" if table else sql[:60]


def _opening_request(client):
    fill_to_review(client, files=[upload("report.pdf", PDF, "application/pdf")])
    review = post_step(client, "review", {"attest": "on", "website": ""})
    with CaptureQueriesContext(connection) as queries:
        page = client.get(review.url)
    assert page.status_code == 302 and page.url.endswith("/confirmation/")
    return [_what(query["sql"]) for query in queries.captured_queries]


OPENING_A_CASE = [
    "select django_session",
    "select cases_submissiontoken",  # exactly once: a twin request finds its case
    "BEGIN",
    "savepoint",  # open_case: a refused document or a case number in use leaves it usable
    "insert cases_case",  # received as written
    "insert cases_historicalcase",
    "insert cases_submissiontoken",
    "insert cases_enrollee",
    "insert cases_historicalenrollee",
    "insert cases_document",
    "insert cases_historicaldocument",
    "release savepoint",
    # The first move: no lock (this transaction wrote the row) and no savepoint of its own.
    "update cases_case",
    "insert cases_historicalcase",
    "insert cases_casetransition",
    "insert cases_cbpreview",  # CBP's module, new with the case
    "insert cases_historicalcbpreview",
    "insert routing_casegroupobjectpermission",  # ids of the group and permissions cached
    "insert routing_placement",
    "select cases_case",  # possible duplicates: the enrollee is not read again
    "insert routing_placement_possible_duplicates",  # the same person's first request
    "insert cases_communication",
    "audit lock",  # the events of the case, appended together
    "select audit_auditevent",
    "insert audit_auditevent",
    "COMMIT",
    "BEGIN",
    "update django_session",  # the answers forgotten, the confirmation's case noted
    "COMMIT",
]


def test_the_request_that_opens_a_case_runs_twenty_five_statements():
    # The same person twice: the first also reads the group and permission ids, the routing
    # rules and the confirmation's template, which the shared cache then holds.
    _opening_request(Client())

    # 25 statements besides BEGIN and COMMIT: issue 19's budget.
    assert _opening_request(Client()) == OPENING_A_CASE
    assert len([s for s in OPENING_A_CASE if s not in ("BEGIN", "COMMIT")]) == 25
