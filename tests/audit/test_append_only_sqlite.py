"""The embedded mode's SQLite database refuses audit edits too (its own trigger)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_refuses_to_update_or_delete_audit_events(tmp_path):
    database = tmp_path / "embedded.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "audit", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO audit_auditevent (occurred_at, action, actor_username, user_agent,"
            " detail, prev_hash, row_hash) VALUES ('2026-01-01', 'sign_in', '', '', '{}', '', '')"
        )
        for statement in (
            "UPDATE audit_auditevent SET action = 'x'",
            "DELETE FROM audit_auditevent",
        ):
            try:
                db.execute(statement)
            except sqlite3.DatabaseError as error:
                assert "append-only" in str(error)
            else:
                raise AssertionError(f"{statement} was allowed")
        assert db.execute("SELECT action FROM audit_auditevent").fetchall() == [("sign_in",)]
