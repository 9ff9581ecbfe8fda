"""Search terms reach the audit trail only as keyed hashes; an auditor can still ask "was X
searched?" through the audit log's lookup page or the command."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import Action, AuditEvent
from audit.services import record_event, searched_for
from cases.models import Status
from tests import factories

SEARCH = "/staff/queues/casefile/"
LOOKUP = "/staff/audit/auditevent/searched-for/"


@pytest.fixture
def searched(staff, verified_client, settings):
    """Three searches by a CBP officer, through the real queue page, and one audit-log review."""
    settings.AUDIT_SEARCH_HMAC_KEYS = ["search-key-2026"]
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client = verified_client(staff.cbp)
    for term in ("María José Hernández", "A-212 345 678", case.case_number):
        assert client.get(SEARCH, {"q": term}).status_code == 200
    verified_client(staff.admin).get("/staff/audit/auditevent/", {"actor_username": "cbp.officer"})
    return case


def _audit_table_as_text() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT t::text FROM audit_auditevent AS t")
        return "\n".join(row[0] for row in cursor.fetchall()).casefold()


def test_no_search_term_appears_in_clear_in_the_audit_table(searched):
    table = _audit_table_as_text()

    assert AuditEvent.objects.filter(action=Action.SEARCH).count() == 4
    for clear in (
        "maría",
        "maria",
        "hernández",
        "hernandez",
        "212 345 678",
        "212345678",
        "a212345678",
        searched.case_number.casefold(),
        searched.case_number.replace("-", "").casefold(),
    ):
        assert clear not in table, clear


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("maría josé hernández", ["María José Hernández"]),
        ("HERNANDEZ", ["María José Hernández"]),  # one word of what was typed
        ("Jose Maria", ["María José Hernández"]),  # every word, in any order
        ("212345678", ["A-212 345 678"]),  # the A-number's digits, however it was typed
        ("A212-345-678", ["A-212 345 678"]),
        ("Hernández Pérez", []),  # not every word was searched
        ("María Hernández López", []),
    ],
)
def test_an_auditor_finds_the_searches_that_used_a_term(searched, staff, asked, expected):
    events = {
        e.pk: e for e in AuditEvent.objects.filter(action=Action.SEARCH, actor_id=staff.cbp.pk)
    }
    typed = {pk: term for pk, term in zip(sorted(events), TYPED, strict=True)}

    found = searched_for(term=asked)

    assert [typed[e["id"]] for e in found if e["id"] in typed] == expected


TYPED = ["María José Hernández", "A-212 345 678", "the case number"]


def test_the_lookup_page_shows_who_searched_and_is_itself_audited(searched, staff, verified_client):
    client = verified_client(staff.admin)

    page = client.get(LOOKUP, {"term": searched.case_number})

    assert page.status_code == 200
    assert [(e["actor_username"], e["detail"]["hits"]) for e in page.context["found"]] == [
        ("cbp.officer", 1)
    ]
    lookup = AuditEvent.objects.filter(action=Action.SEARCH, actor_id=staff.admin.pk).last()
    assert lookup.detail["audit_log"] and lookup.detail["hits"] == 1
    assert searched.case_number.casefold() not in str(lookup.detail).casefold()


@pytest.mark.parametrize("role", ["program", "cbp", "uscis", "crcl", "developers", "leadership"])
def test_only_audit_reviewers_reach_the_lookup(searched, staff, verified_client, role):
    assert verified_client(getattr(staff, role)).get(LOOKUP, {"term": "x"}).status_code == 403


def test_the_command_answers_the_same_question(searched):
    out = StringIO()
    call_command("audit_searched_for", "Hernández", stdout=out)

    assert "cbp.officer" in out.getvalue()
    assert out.getvalue().strip().endswith("1 matching searches.")


def test_without_the_key_the_same_term_hashes_to_something_else(searched, settings):
    settings.AUDIT_SEARCH_HMAC_KEYS = ["another-key"]
    assert searched_for(term="María José Hernández") == []


def test_after_a_key_rotation_older_searches_stay_findable(searched, staff, settings, client):
    settings.AUDIT_SEARCH_HMAC_KEYS = ["search-key-2027", "search-key-2026"]
    record_event(
        action=Action.SEARCH,
        actor=staff.cbp,
        detail={"model": "queues.casefile", "search": _hashed_now("Hernández"), "hits": 0},
    )

    found = searched_for(term="hernandez")

    assert len(found) == 2
    keys = [e["detail"]["search"]["q"]["key"] for e in found]
    assert len(set(keys)) == 2  # one hashed under each key


def _hashed_now(term):
    from audit.search_terms import hashed_terms

    return hashed_terms({"q": term})


def test_searches_recorded_in_clear_before_hashing_are_found_too(db, staff):
    # How the trail recorded searches before: the chain keeps them as they were.
    record_event(
        action=Action.SEARCH,
        actor=staff.cbp,
        detail={"model": "x", "terms": "Hernández", "hits": 1},
    )
    record_event(
        action=Action.SEARCH,
        actor=staff.admin,
        detail={"audit_log": True, "terms": {"actor_username": ["cbp.officer"]}, "hits": 3},
    )

    assert [e["actor_username"] for e in searched_for(term="HERNANDEZ")] == ["cbp.officer"]
    assert [e["actor_username"] for e in searched_for(term="cbp.officer")] == ["admin.officer"]


def _legacy_hash(key: str, words: list[str]) -> dict:
    """A search as the trail hashed it until 2026-12-02: only a-z and 0-9 kept, so "Bjørn
    Ødegård" was the words "bj", "rn", "degard" (computed here by hand, HMAC-SHA256)."""
    import hashlib
    import hmac

    def mac(text):
        return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()

    ident = hashlib.sha256(b"mpp search key id:" + key.encode()).hexdigest()[:8]
    return {"q": {"key": ident, "whole": [mac("".join(words))], "words": sorted(map(mac, words))}}


def test_a_search_in_another_script_is_recorded_and_found(staff, verified_client, settings):
    settings.AUDIT_SEARCH_HMAC_KEYS = ["search-key-2026"]
    factories.routed_case_in(Status.CBP_REVIEW, staff=staff, full_name="Иван Петров")
    client = verified_client(staff.cbp)

    page = client.get(SEARCH, {"q": "иван"})

    assert [case.enrollee.full_name for case in page.context["queue_page"].cases] == ["Иван Петров"]
    (event,) = AuditEvent.objects.filter(action=Action.SEARCH)
    assert event.detail["hits"] == 1
    assert "иван" not in str(event.detail).casefold()
    assert [e["id"] for e in searched_for(term="ИВАН")] == [event.pk]
    assert searched_for(term="Пётр") == []


def test_a_search_hashed_the_old_way_is_still_found(db, staff, settings):
    settings.AUDIT_SEARCH_HMAC_KEYS = ["search-key-2026"]
    old = record_event(
        action=Action.SEARCH,
        actor=staff.cbp,
        detail={
            "model": "queues.casefile",
            "search": _legacy_hash("search-key-2026", ["bj", "rn", "degard"]),
            "hits": 1,
        },
    )

    assert [e["id"] for e in searched_for(term="Bjørn Ødegård")] == [old.pk]
    assert [e["id"] for e in searched_for(term="bjorn odegard")] == []  # read differently
