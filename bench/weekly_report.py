"""Benchmark (not a test): build the weekly report over N synthetic cases on PostgreSQL.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp python bench/weekly_report.py --cases 1000000

Uses its own database (the DATABASE_URL name + "_bench", created if missing), fills it in the
database with generate_series (cases in every status over two years, their decisions,
transitions and CRCL audits), then builds the last complete week's report in a fresh process
and prints the time, the number of queries and that process's peak memory (RSS). The goal:
under 10 seconds and 300 MB for 1,000,000 cases on two cores.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES_SQL = """
INSERT INTO cases_case (
    case_number, submitter_type, language, status, resume_status, closure_reason,
    concern_vulnerability_at_enrollment, concern_vulnerability_changed,
    concern_new_fear_no_interview, concern_fear_changed_since_interview, concern_something_else,
    condition_physical_health, condition_mental_health, condition_disability,
    condition_pregnancy, condition_safety_need, description, privacy_notice_version,
    privacy_notice_acknowledged_at, attestation_version, attested_at, received_at,
    first_referred_at, decided_at, communicated_at, closed_at, paused_seconds, waiting_since
)
SELECT
    'BENCH-' || i,
    CASE WHEN i % 3 = 0 THEN 'preparer' ELSE 'enrollee' END,
    (ARRAY['es', 'es', 'es', 'ht', 'pt-br', 'en'])[1 + i % 6],
    status,
    CASE WHEN status = 'awaiting_information' THEN 'cbp_review' ELSE '' END,
    CASE WHEN status = 'closed' THEN 'completed' ELSE '' END,
    i % 2 = 0, i % 5 = 0, i % 7 = 0, i % 11 = 0, i % 13 = 0,
    i % 3 = 0, i % 4 = 0, i % 9 = 0, i % 17 = 0, i % 19 = 0,
    'synthetic', '2026-1', received, '2026-1', received, received,
    CASE WHEN stage >= 1 THEN received + referral END,
    CASE WHEN stage >= 2 THEN received + referral + decision END,
    CASE WHEN stage >= 3 THEN received + referral + decision + communication END,
    CASE WHEN status = 'closed' THEN received + referral + decision + communication END,
    0,
    CASE WHEN status = 'awaiting_information' THEN received + referral END
FROM (
    SELECT i, received, referral, decision, communication, status,
        CASE status WHEN 'triage' THEN 0 WHEN 'program_handling' THEN 0
            WHEN 'decided' THEN 2 WHEN 'communicated' THEN 3 WHEN 'closed' THEN 3
            ELSE 1 END AS stage
    FROM (
        SELECT i,
            now() - interval '730 days' * random() - interval '12 days' AS received,
            interval '3 days' * random() AS referral,
            interval '4 days' * random() AS decision,
            interval '2 days' * random() AS communication,
            CASE
                WHEN i % 100 < 8 THEN 'triage'
                WHEN i % 100 < 20 THEN 'cbp_review'
                WHEN i % 100 < 28 THEN 'uscis_review'
                WHEN i % 100 < 31 THEN 'program_handling'
                WHEN i % 100 < 36 THEN 'awaiting_information'
                WHEN i % 100 < 46 THEN 'decided'
                WHEN i % 100 < 80 THEN 'communicated'
                ELSE 'closed'
            END AS status
        FROM generate_series(1, {n}) AS i
    ) AS drawn
) AS staged
"""
RELATED_SQL = [
    """INSERT INTO cases_cbpreview (case_id, outcome, decided_at)
       SELECT id, (ARRAY['disenroll', 'nonrefoulement_interview', 'remain_enrolled',
                         'not_identified'])[1 + id % 4], decided_at
       FROM cases_case WHERE decided_at IS NOT NULL AND id % 5 <> 0""",
    """INSERT INTO cases_uscisreview (case_id, outcome, decided_at, fig_requested)
       SELECT id, (ARRAY['fear_established', 'fear_not_established'])[1 + id % 2], decided_at,
              false
       FROM cases_case WHERE decided_at IS NOT NULL AND id % 5 = 0""",
    """INSERT INTO cases_crclaudit (case_id, sampled_at, outcome, completed_at)
       SELECT id, decided_at, (ARRAY['consistent', 'inconsistent', 'follow_up'])[1 + id % 3],
              decided_at + interval '3 days'
       FROM cases_case WHERE decided_at IS NOT NULL AND id % 20 = 0""",
    """INSERT INTO cases_casetransition (case_id, from_status, to_status, occurred_at, reason)
       SELECT id, 'submitted', 'triage', received_at, '' FROM cases_case""",
    """INSERT INTO cases_casetransition (case_id, from_status, to_status, occurred_at, reason)
       SELECT id, 'triage', status, COALESCE(first_referred_at, received_at + interval '1 hour'),
              '' FROM cases_case WHERE status <> 'triage'""",
]
TABLES = "cases_crclaudit, cases_uscisreview, cases_cbpreview, cases_casetransition, cases_case"


def bench_database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    base = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not base.scheme.startswith("postgres"):
        sys.exit("Set DATABASE_URL (or BENCH_DATABASE_URL) to a PostgreSQL database.")
    return urlunsplit(base._replace(path=base.path + "_bench"))


def ensure_database(url: str):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def load(n: int):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_case")
        (existing,) = cursor.fetchone()
        if existing == n:
            print(f"{n:,} cases already loaded")
            return
        started = time.perf_counter()
        cursor.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")  # noqa: S608
        cursor.execute(CASES_SQL.format(n=int(n)))
        for statement in RELATED_SQL:
            cursor.execute(statement)
        cursor.execute("ANALYZE")
        print(f"loaded {n:,} cases in {time.perf_counter() - started:.1f} s")


def measure():
    """In a fresh process: build the report once, print time, queries and peak RSS."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting import services
    from reporting.periods import last_complete_week

    week = last_complete_week()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = services.build_weekly_report(week=week, force=True)
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
    print(
        f"week {report.week}: built in {elapsed:.2f} s with {len(queries)} queries; "
        f"peak RSS {peak:.0f} MB (before building {baseline:.0f} MB); "
        f"received so far {report.figures['received']['cumulative']['total']:,}"
    )
    for query in slowest:
        print(f"  {query['time']} s  {query['sql'][:90]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = bench_database_url()
    if args.measure:
        setup_django(url)
        measure()
        return
    ensure_database(url)
    setup_django(url)
    load(args.cases)
    for _run in range(args.runs):
        subprocess.run(  # noqa: S603 - this script, in a fresh interpreter
            [sys.executable, __file__, "--measure"],
            check=True,
            env={**os.environ, "BENCH_DATABASE_URL": url},
        )


if __name__ == "__main__":
    main()
