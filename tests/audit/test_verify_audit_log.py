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

from audit.chain import HASHED_FIELDS
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


def verify(*options):
    out = StringIO()
    call_command("verify_audit_log", *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_reports_an_intact_log(trail):
    assert "intact: 6 rows verified" in verify()


def test_it_names_a_row_whose_content_was_altered(trail):
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET case_id = 999 WHERE id = %s", [trail[3].pk])

    with pytest.raises(CommandError, match=rf"row id {trail[3].pk} \(sequence 4\) was altered"):
        verify()


# One forged value per hashed column, each different from what the trail fixture recorded.
FORGERIES = {
    "sequence": ("%s", 40),
    "occurred_at": ("%s", "2001-02-03T04:05:06Z"),
    "action": ("%s", "export"),
    "actor_id": ("%s", 424242),
    "actor_username": ("%s", "someone.else"),
    "case_id": ("%s", 999),
    "document_id": ("%s", 77),
    "address": ("%s::inet", "10.9.8.7"),
    "user_agent": ("%s", "forged agent"),
    "detail": ("%s::jsonb", '{"forged": true}'),
    "prev_hash": ("%s", "f" * 64),
}


def test_every_column_but_the_id_and_its_own_hash_is_in_the_hash():
    columns = {field.column for field in AuditEvent._meta.concrete_fields}

    assert columns - set(HASHED_FIELDS) == {"id", "row_hash"}
    assert set(FORGERIES) == set(HASHED_FIELDS)


@pytest.mark.parametrize("column", sorted(FORGERIES))
def test_it_names_a_row_whose_column_was_changed_in_turn(trail, column):
    placeholder, value = FORGERIES[column]
    with behind_the_applications_back() as cursor:
        cursor.execute(
            f"UPDATE audit_auditevent SET {column} = {placeholder} WHERE id = %s",  # noqa: S608
            [value, trail[3].pk],
        )

    with pytest.raises(CommandError, match=rf"row id {trail[3].pk} \(sequence \d+\) was altered"):
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


# Against the latest signed checkpoint ------------------------------------------------------------


def _recompute_from(cursor, sequence):
    """What a careful database owner does after editing a row: every later hash recomputed,
    so the chain in the table is whole again."""
    from audit.chain import GENESIS, row_hash

    previous = (
        AuditEvent.objects.filter(sequence=sequence - 1).values_list("row_hash", flat=True).first()
        or GENESIS
    )
    for values in AuditEvent.objects.filter(sequence__gte=sequence).order_by("id").values():
        values["prev_hash"] = previous
        previous = row_hash(values)
        cursor.execute(
            "UPDATE audit_auditevent SET prev_hash = %s, row_hash = %s WHERE id = %s",
            [values["prev_hash"], previous, values["id"]],
        )


def _more(staff, count):
    return [
        record_event(action=Action.VIEW_CASE, actor=staff.uscis, case_id=200 + n)
        for n in range(count)
    ]


@pytest.fixture
def signed_trail(trail, signing_key):
    from audit.integrity import sign_checkpoint

    assert sign_checkpoint().rows == 6
    return trail


def test_it_names_the_newest_rows_removed_below_the_checkpoint(signed_trail):
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence >= 5")
    # On its own the chain that is left is whole: only the checkpoint can tell.
    assert "intact: 4 rows" in verify_without_checkpoints()

    with pytest.raises(
        CommandError,
        match=r"truncated: the checkpoint signed at .* vouches for 6 rows but the log ends at "
        r"sequence 4; sequences 5 to 6 were removed",
    ):
        verify()


def test_it_names_a_truncation_hidden_by_newer_rows(signed_trail, staff):
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence >= 4")
    _more(staff, 5)  # the application appends on top of what is left: sequences 4 to 8

    with pytest.raises(CommandError, match=r"rewritten consistently: row id \d+ \(sequence 6\)"):
        verify()


@pytest.mark.parametrize("options", [(), ("--full",)])
def test_it_names_a_row_rewritten_with_every_later_hash_recomputed(signed_trail, options):
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET case_id = 999 WHERE sequence = 3")
        _recompute_from(cursor, 3)
    assert "intact: 6 rows" in verify_without_checkpoints()

    with pytest.raises(
        CommandError,
        match=rf"rewritten consistently: row id {signed_trail[5].pk} \(sequence 6\) no longer "
        r"has the hash signed at .*; the rewrite is at or before sequence 6",
    ):
        verify(*options)


def test_older_checkpoints_bound_where_the_rewrite_lies(signed_trail, staff):
    from audit.integrity import sign_checkpoint

    _more(staff, 3)
    assert sign_checkpoint().rows == 9
    _more(staff, 3)
    assert sign_checkpoint().rows == 12
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_username = 'x' WHERE sequence = 8")
        _recompute_from(cursor, 8)

    with pytest.raises(
        CommandError, match=r"the rewrite lies in sequences 7 to 9 \(the checkpoint"
    ):
        verify()


def test_by_default_it_walks_only_the_rows_after_the_checkpoint(signed_trail, staff):
    _more(staff, 2)

    assert "intact: 2 rows verified after the checkpoint" in verify()
    assert "intact: 8 rows verified from the first row" in verify("--full")


def test_a_full_walk_finds_an_alteration_the_incremental_one_takes_on_trust(signed_trail):
    # Row 2 edited, its own hash left alone: the checkpoint's head (row 6) still matches, so
    # only walking from the first row recomputes row 2's hash.
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET case_id = 5 WHERE sequence = 2")

    assert "intact: 0 rows verified after the checkpoint" in verify()
    with pytest.raises(CommandError, match=rf"row id {signed_trail[1].pk} \(sequence 2\) was"):
        verify("--full")


def test_it_shows_progress_from_the_checkpoint(signed_trail, staff):
    _more(staff, 4)
    err = StringIO()
    call_command("verify_audit_log", "--progress-every", "2", stdout=StringIO(), stderr=err)
    assert err.getvalue().split() == ["2", "rows", "verified", "4", "rows", "verified"]


def test_without_a_checkpoint_it_says_what_it_cannot_see(trail):
    err = StringIO()
    call_command("verify_audit_log", stdout=StringIO(), stderr=err)
    assert "No signed checkpoint yet" in err.getvalue()


def verify_without_checkpoints():
    """The chain alone, as before checkpoints existed: another, empty checkpoint directory."""
    from django.test import override_settings

    with override_settings(AUDIT_CHECKPOINT_DIR="/nonexistent/checkpoints"):
        return verify()
