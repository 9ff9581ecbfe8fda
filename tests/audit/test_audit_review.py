"""Administrators review the audit trail: filters, an export that is itself audited."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from audit.models import Action, AuditEvent
from audit.services import record_event

LIST = "/staff/audit/auditevent/"


@pytest.fixture
def administrator(staff):
    return staff.admin


@pytest.fixture
def trail(staff):
    record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=11)
    record_event(action=Action.VIEW_CASE, actor=staff.uscis, case_id=12)
    record_event(action=Action.VIEW_HISTORY, actor=staff.cbp, case_id=12)
    record_event(
        action=Action.SEARCH, actor=staff.cbp, detail={"terms": "=HYPERLINK(1)", "hits": 2}
    )


def listed(response):
    return list(response.context["cl"].result_list)


def test_it_filters_by_user_case_action_and_period(verified_client, administrator, trail):
    client = verified_client(administrator)
    assert {
        e.actor_username for e in listed(client.get(LIST, {"actor_username": "cbp.officer"}))
    } == {"cbp.officer"}
    assert {e.case_id for e in listed(client.get(LIST, {"case_id": 12}))} == {12}
    by_action = listed(client.get(LIST, {"action": "view_history"}))
    assert [(e.actor_username, e.case_id) for e in by_action] == [("cbp.officer", 12)]
    period = client.get(LIST, {"occurred_at__gte": "2000-01-01", "occurred_at__lt": "2000-01-02"})
    assert listed(period) == []


def test_reviewing_the_log_is_itself_recorded(verified_client, administrator, trail):
    verified_client(administrator).get(LIST, {"case_id": 12})
    review = AuditEvent.objects.filter(action=Action.SEARCH, actor_username="admin.officer").get()
    assert review.detail == {"audit_log": True, "filters": {"case_id": ["12"]}, "hits": 2}


def test_the_export_is_a_csv_and_is_itself_audited(verified_client, administrator, trail):
    client = verified_client(administrator)
    response = client.get(LIST + "export/", {"actor_username": "cbp.officer"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["actor_username"] for row in rows} == {"cbp.officer"}
    assert len(rows) == 3
    search = next(row for row in rows if row["action"] == "search")
    assert not search["detail"].startswith("=")  # no spreadsheet formula
    export = AuditEvent.objects.get(action=Action.EXPORT)
    assert export.actor_username == "admin.officer"
    assert export.detail["rows"] == 3


@pytest.mark.parametrize("role", ["program", "cbp", "uscis", "crcl", "developers", "leadership"])
def test_only_administrators_see_the_audit_log(verified_client, staff, trail, role):
    client = verified_client(getattr(staff, role))
    assert client.get(LIST).status_code == 403
    assert client.get(LIST + "export/").status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_nobody_can_change_or_delete_an_event_from_the_staff_site(
    verified_client, administrator, trail
):
    administrator.is_superuser = True
    administrator.save()
    client = verified_client(administrator)
    event = AuditEvent.objects.first()
    assert client.get(f"{LIST}{event.pk}/delete/").status_code == 403
    assert client.post(f"{LIST}{event.pk}/change/", {"case_id": 999}).status_code == 403
    event.refresh_from_db()
    assert event.case_id == 11
    assert Group.objects.filter(name="admin").exists()
