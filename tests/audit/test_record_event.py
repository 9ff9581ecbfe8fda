"""Every event is chained to the one before it, even when many are written at once."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import RequestFactory

from audit.chain import GENESIS, first_break
from audit.models import Action, AuditEvent
from audit.selectors import chain_rows
from audit.services import appended_together, record_event, record_events


def test_it_records_who_when_where_and_what(db, staff):
    request = RequestFactory().get(
        "/staff/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox/140"
    )
    event = record_event(
        action=Action.SEARCH,
        actor=staff.program,
        request=request,
        detail={"terms": "Hernández", "hits": 3},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_username, stored.address, stored.user_agent) == (
        "program.officer",
        "203.0.113.9",
        "Firefox/140",
    )
    assert stored.detail == {"terms": "Hernández", "hits": 3}
    assert stored.occurred_at is not None


def test_it_links_each_row_to_the_previous_one(db):
    first = record_event(action=Action.CREATE_CASE, case_id=1)
    second = record_event(action=Action.VIEW_CASE, case_id=1)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.row_hash
    assert (first.sequence, second.sequence) == (1, 2)


def test_a_batch_is_chained_exactly_as_one_event_at_a_time(db, staff):
    record_event(action=Action.CREATE_CASE, case_id=1)
    batch = record_events(
        [
            {"action": Action.GRANT_ACCESS, "case_id": n, "detail": {"group": "crcl"}}
            for n in range(2, 7)
        ],
        actor=staff.program,
    )
    record_event(action=Action.VIEW_CASE, case_id=2)

    stored = list(AuditEvent.objects.order_by("id"))
    assert [event.sequence for event in stored] == [1, 2, 3, 4, 5, 6, 7]
    assert [event.pk for event in batch] == [event.pk for event in stored[1:6]]
    assert all(event.actor_username == "program.officer" for event in stored[1:6])
    assert [event.case_id for event in stored[1:6]] == [2, 3, 4, 5, 6]
    assert first_break(chain_rows()) is None


def test_a_batch_costs_the_same_queries_whatever_its_size(db, django_assert_max_num_queries):
    record_events([{"action": Action.VIEW_CASE, "case_id": 1}])
    with django_assert_max_num_queries(5):
        record_events([{"action": Action.VIEW_CASE, "case_id": n} for n in range(200)])
    assert first_break(chain_rows()) is None
    assert record_events([]) == []


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_chain_whole_under_concurrent_writers():
    errors = []

    def write_many():
        try:
            for n in range(15):
                record_event(action=Action.VIEW_CASE, case_id=n)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write_many) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.count() == 90
    assert first_break(chain_rows()) is None
    assert connection.vendor == "postgresql"


def test_it_takes_the_address_our_proxy_saw_and_ignores_a_forged_one(db, settings):
    settings.AUDIT_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert record_event(action=Action.SIGN_IN, request=request).address == "203.0.113.9"


def test_it_uses_the_connection_address_when_not_behind_a_proxy(db, settings):
    settings.AUDIT_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert record_event(action=Action.SIGN_IN, request=request).address == "10.0.0.2"


def test_it_appends_events_held_together_in_order_at_the_end_of_their_block(db):
    before = record_event(action=Action.VIEW_CASE, case_id=1)

    with transaction.atomic(), appended_together():
        created = record_event(action=Action.CREATE_CASE, case_id=2)
        moved = record_event(action=Action.CHANGE_STATUS, case_id=2, detail={"to": "triage"})
        assert AuditEvent.objects.count() == 1  # held, not yet in the chain

    stored = list(AuditEvent.objects.order_by("id"))
    assert [e.action for e in stored] == ["view_case", "create_case", "change_status"]
    assert [e.sequence for e in stored] == [1, 2, 3]
    assert created.prev_hash == before.row_hash and moved.prev_hash == created.row_hash
    assert first_break(chain_rows()) is None


def test_it_appends_nothing_held_when_the_block_fails(db):
    with pytest.raises(RuntimeError), transaction.atomic(), appended_together():
        record_event(action=Action.CREATE_CASE, case_id=2)
        raise RuntimeError("the submission failed")

    assert not AuditEvent.objects.exists()
    assert record_event(action=Action.VIEW_CASE, case_id=1).sequence == 1  # not held any more
