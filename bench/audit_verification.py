"""Benchmark (not a test): verify the audit trail of N events, fully and from a checkpoint.

    DATABASE_URL=postgres://... python bench/audit_verification.py --events 1000000

Uses its own database (the DATABASE_URL name + "_auditbench", created if missing), fills the
trail through the real append path (audit.services.record_events, in batches) with events shaped
like a busy day's (case views, searches with hashed terms), signs a checkpoint into a temporary
directory, appends 10,000 more, and prints how long a full walk, the signing task and the
default incremental verification take. The goal: the 15-minute signing task stays far under its
period at a million events, and the incremental check takes seconds.
"""

import argparse
import base64
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.weekly_report import ensure_database  # noqa: E402

BATCH = 5000


def database_url() -> str:
    from urllib.parse import urlsplit, urlunsplit

    base = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not base.scheme.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    return urlunsplit(base._replace(path=base.path + "_auditbench"))


def fill(count: int) -> None:
    from django.db import transaction

    from audit.models import Action
    from audit.search_terms import hashed_terms
    from audit.services import record_events

    made = 0
    while made < count:
        size = min(BATCH, count - made)
        events = [
            {"action": Action.VIEW_CASE, "case_id": 1 + (made + n) % 50_000}
            if n % 10
            else {
                "action": Action.SEARCH,
                "detail": {"model": "queues.casefile", "search": hashed_terms({"q": f"x {n}"})},
            }
            for n in range(size)
        ]
        with transaction.atomic():
            record_events(events)
        made += size


def timed(label, function):
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.2f} s")
    return result, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    url = database_url()
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    os.environ["AUDIT_SIGNING_KEY"] = base64.b64encode(key).decode()
    os.environ["AUDIT_CHECKPOINT_DIR"] = tempfile.mkdtemp(prefix="audit-checkpoints-")
    os.environ["AUDIT_CHECKPOINT_STORE"] = "directory"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from audit.integrity import sign_checkpoint, verify
    from audit.models import AuditEvent

    call_command("migrate", verbosity=0)
    existing = AuditEvent.objects.count()
    if existing < args.events:
        timed(f"appended {args.events - existing:,} events", lambda: fill(args.events - existing))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditevent")
    rows = AuditEvent.objects.count()
    result, elapsed = timed(f"full walk of {rows:,} rows", lambda: verify(full=True))
    assert result.intact, result.problem
    print(f"  {rows / elapsed:,.0f} rows/s")
    timed("signing task (first checkpoint: walks every row)", sign_checkpoint)
    fill(10_000)
    timed("signing task (10,000 rows since the last checkpoint)", sign_checkpoint)
    fill(10_000)
    result, _elapsed = timed("default verification (from the checkpoint)", verify)
    assert result.intact and result.rows_verified == 10_000, result


if __name__ == "__main__":
    main()
