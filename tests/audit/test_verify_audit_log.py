"""The audit log is tamper-evident: verify_audit_log names the first row someone changed.

Tampering happens "behind the application's back": as the table's owner, inside the test's
transaction, the append-only trigger is disabled, the rows are edited, and the trigger is put
back (all rolled back at the end of the test).
"""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEvent
from audit.services import record_event


@pytest.fixture
def trail(db, staff):
    return [
        record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=100 + n) for n in range(6)
    ]


@contextmanager
def behind_the_applications_back():
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        yield cursor
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")


def verify():
    out = StringIO()
    call_command("verify_audit_log", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_reports_an_intact_log(trail):
    assert "intact: 6 rows verified" in verify()


def test_it_names_a_row_whose_content_was_altered(trail):
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET case_id = 999 WHERE id = %s", [trail[3].pk])

    with pytest.raises(CommandError, match=rf"row id {trail[3].pk} \(sequence 4\) was altered"):
        verify()


def test_it_names_a_row_altered_with_a_recomputed_hash(trail):
    # A careful forger recomputes the row's own hash; the next row's link still gives it away.
    forged = AuditEvent.objects.values().get(pk=trail[2].pk)
    forged["actor_username"] = "someone.else"
    from audit.chain import row_hash

    with behind_the_applications_back() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET actor_username = %s, row_hash = %s WHERE id = %s",
            ["someone.else", row_hash(forged), trail[2].pk],
        )

    with pytest.raises(CommandError, match=rf"row id {trail[3].pk} \(sequence 4\)"):
        verify()


def test_it_names_the_place_where_a_row_was_removed(trail):
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [trail[2].pk])

    with pytest.raises(
        CommandError, match=rf"sequence 3 removed before row id {trail[3].pk} \(sequence 4\)"
    ):
        verify()


def test_it_names_rows_that_were_reordered(trail):
    first, second = trail[1].pk, trail[4].pk
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET id = -1 WHERE id = %s", [first])
        cursor.execute("UPDATE audit_auditevent SET id = %s WHERE id = %s", [first, second])
        cursor.execute("UPDATE audit_auditevent SET id = %s WHERE id = -1", [second])

    with pytest.raises(CommandError, match=rf"row id {first} \(sequence 5\) is out of order"):
        verify()


def test_the_applications_own_connection_is_refused_an_update(trail):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0].pk).update(case_id=999)

    assert AuditEvent.objects.get(pk=trail[0].pk).case_id == 100


def test_the_applications_own_connection_is_refused_a_delete(trail):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0].pk).delete()

    assert AuditEvent.objects.count() == 6


def test_it_streams_with_progress(trail):
    err = StringIO()
    call_command("verify_audit_log", "--progress-every", "2", stdout=StringIO(), stderr=err)
    assert "6 rows verified" in err.getvalue()


def test_the_applications_own_connection_is_refused_a_truncate(trail):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL mpp.allow_audit_truncate = 'off'")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 6
