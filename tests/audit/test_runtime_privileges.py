"""The role web and workers run as may append to the audit trail but never rewrite it.

A real second PostgreSQL role, signed in on its own connection after the owner ran the grant
command: what it is refused is refused by PostgreSQL's privileges, not by our triggers alone.
"""

import secrets
import uuid
from contextlib import contextmanager
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import Action
from audit.services import record_event
from cases.models import Status
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def runtime_role():
    if connection.vendor != "postgresql":
        pytest.skip("privilege separation is a PostgreSQL feature")
    name, password = f"mpp_runtime_{uuid.uuid4().hex[:8]}", secrets.token_hex(16)
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {quoted} LOGIN PASSWORD %s", [password])
    yield name, password
    with connection.cursor() as cursor:
        for kind in ("TABLES", "SEQUENCES"):
            cursor.execute(f"REVOKE ALL ON ALL {kind} IN SCHEMA public FROM {quoted}")
        cursor.execute(f"REVOKE ALL ON SCHEMA public FROM {quoted}")
        cursor.execute(f"DROP ROLE {quoted}")


def _connect(name, password):
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"], dbname=db["NAME"], user=name, password=password
    )


def _refused(runtime, statement, params=()):
    # Refused by PostgreSQL's privileges, not only by our trigger (same error code, own text).
    denied = "permission denied|must be owner"
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=denied), runtime.transaction():
        runtime.execute(statement, params)


def test_it_lets_the_runtime_role_work_cases_and_only_append_audit_events(runtime_role, staff):
    case = factories.case_in(Status.TRIAGE)
    event = record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=case.pk)
    call_command("grant_runtime_privileges", runtime_role[0], stdout=None)

    with _connect(*runtime_role) as runtime:
        runtime.autocommit = True
        with runtime.transaction():
            runtime.execute("UPDATE cases_case SET description = 'edited' WHERE id = %s", [case.pk])
        count = runtime.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
        assert count >= 1

        _refused(runtime, "UPDATE audit_auditevent SET case_id = 0 WHERE id = %s", [event.pk])
        _refused(runtime, "DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
        # The session setting that lets the test suite's flush through does not help it.
        runtime.execute("SET mpp.allow_audit_truncate = 'on'")
        _refused(runtime, "TRUNCATE audit_auditevent")
        _refused(runtime, "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL")
        _refused(runtime, "DROP TABLE audit_auditevent")

    case.refresh_from_db()
    assert case.description == "edited"
    assert list(type(event).objects.filter(pk=event.pk).values_list("case_id", flat=True)) == [
        case.pk
    ]


@contextmanager
def application_signed_in_as(name, password):
    """Django's own connection, reopened as another role for the length of the block."""
    owner = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update(USER=name, PASSWORD=password)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(owner)


def test_the_application_records_events_as_the_runtime_role(runtime_role, staff):
    record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=1)
    call_command("grant_runtime_privileges", runtime_role[0], stdout=None)

    with application_signed_in_as(*runtime_role):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == runtime_role[0]
        record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=2)
        record_event(action=Action.VIEW_HISTORY, actor=staff.cbp, case_id=2)

    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "3 rows verified" in out.getvalue()


def test_it_names_a_role_that_does_not_exist(db):
    if connection.vendor != "postgresql":
        pytest.skip("privilege separation is a PostgreSQL feature")
    with pytest.raises(CommandError, match="no such database role: nobody_here"):
        call_command("grant_runtime_privileges", "nobody_here")
