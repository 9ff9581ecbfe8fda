"""Benchmark (not a test): staff queues, case page reads and search at N cases, beside floors.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp_scale_1m \
        python bench/staff_queries.py --cases 1000000

Runs against the database in DATABASE_URL (loopback PostgreSQL). With --cases N it first fills
an empty database with `manage.py generate_load_data --cases N` (a database holding a different
number of cases is refused, never emptied). Then, with the synthetic officers load.<role>.1:

- each back-office queue's first page (staff.selectors: 50 rows with enrollee and
  assignee), for program personnel (every case) and for a component (permission-filtered),
  beside the raw SQL that fetches the same rows (the floor) and the unfiltered queue;
- the reads of the case page (staff.case_page) on a case with 50 documents and 500
  history rows (transitions and field history), beside raw SQL for what it shows;
- search by case number, A-number and name (staff.selectors.find_cases), beside raw SQL;
- the query count of each.

Each figure is the p50/p95 of --repeat runs after one warm-up, in milliseconds, measured in
this process (the ORM and database; the HTTP layer is bench/staff_pages.py's job).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = 50
PAGE_DOCUMENTS = 50
PAGE_HISTORY = 500


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def ensure_cases(n):
    from cases.models import Case

    existing = Case.objects.count()
    if n is None or existing == n:
        return existing
    if existing:
        sys.exit(f"The database holds {existing:,} cases, not {n:,}: use an empty one.")
    subprocess.run(  # noqa: S603 - our own manage.py
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "generate_load_data",
            "--cases",
            str(n),
            "--i-know-this-is-not-production",
        ],
        check=True,
    )
    with __import__("django.db").db.connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return n


def timed(run, repeat):
    """p50 and p95 in ms, and the query count of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run()
    times = []
    for _number in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, len(queries)


def raw(sql, params):
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


LISTING_SQL = """
SELECT c.*, e.*, u.*, p.* FROM cases_case c
LEFT JOIN cases_enrollee e ON e.case_id = c.id
LEFT JOIN auth_user u ON u.id = c.assigned_to_id
LEFT JOIN routing_placement p ON p.case_id = c.id
WHERE {where} ORDER BY c.received_at, c.id LIMIT 50
"""


def user(role):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=f"load.{role}.1")


def page_of(queryset):
    def run():
        rows = list(queryset[:PAGE])
        for case in rows:
            # What a queue row shows: number, name, last digits of the A-number, assignee.
            _shown = (case.case_number, case.enrollee.full_name, case.enrollee.masked_a_number)
            _shown += (case.assigned_to,)
        return rows

    return run


class Report:
    def __init__(self, repeat):
        self.repeat = repeat
        self.rows = []

    def add(self, name, run, floor=None, floor_name="raw SQL"):
        p50, p95, queries = timed(run, self.repeat)
        line = f"{name:<52} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries:2d} queries"
        if floor is not None:
            f50, f95, _fq = timed(floor, self.repeat)
            line += (
                f"  | floor ({floor_name}) p95 {f95:6.1f} ms  ratio {p95 / max(f95, 0.01):5.1f}x"
            )
        print(line, flush=True)
        self.rows.append((name, p50, p95, queries))
        return p95


# The back office's queue pages (staff.selectors), who opens each, and the raw SQL
# floor for the same rows read without the permission check (WHERE clause of LISTING_SQL).
STAFF_QUEUES = (
    # name, role, permission-filtered, floor WHERE
    (
        "team_unassigned",
        "program",
        False,
        "c.assigned_to_id IS NULL AND c.status IN ('triage', 'program_handling')",
    ),
    ("team_unassigned", "cbp", True, "c.assigned_to_id IS NULL AND c.status = 'cbp_review'"),
    ("team_unassigned", "uscis", True, "c.assigned_to_id IS NULL AND c.status = 'uscis_review'"),
    (
        "mine",
        "cbp",
        True,
        "c.assigned_to_id = {me} AND c.status IN ('cbp_review', 'awaiting_information')",
    ),
    (
        "awaiting_information",
        "program",
        False,
        "c.status = 'awaiting_information' AND c.resume_status IN ('triage', 'program_handling')",
    ),
    (
        "awaiting_information",
        "cbp",
        True,
        "c.status = 'awaiting_information' AND c.resume_status = 'cbp_review'",
    ),
    ("decided", "program", False, "c.status = 'decided'"),
    ("decided", "cbp", True, "c.status = 'decided'"),
    ("overdue", "program", False, "c.status IN ('triage', 'program_handling')"),
    ("overdue", "cbp", True, "c.status = 'cbp_review'"),
    ("all", "program", False, "TRUE"),
    ("all", "cbp", True, "TRUE"),
)
# Queues whose rows differ between program and the component only by the permission check
# (the others are each team's own queue): the permission-filtered ÷ unfiltered budget.
SAME_ROWS_FOR_PROGRAM = ("decided", "all")
AUDIT_FLOOR_SQL = """
SELECT c.*, e.*, u.*, a.* FROM cases_crclaudit a
JOIN cases_case c ON c.id = a.case_id
LEFT JOIN cases_enrollee e ON e.case_id = c.id
LEFT JOIN auth_user u ON u.id = c.assigned_to_id
WHERE a.outcome = '' ORDER BY a.sampled_at, c.id LIMIT 50
"""


def bench_queues(report):
    """The real queue pages' reads: each queue's first page for the roles that open it."""
    from staff.selectors import staff_queue

    unfiltered = {}
    for name, role, filtered, where in STAFF_QUEUES:
        officer = user(role)
        floor = raw(LISTING_SQL.format(where=where.format(me=officer.pk)), [])
        kind = "permission-filtered" if filtered else "unfiltered"
        p95 = report.add(
            f"queue {name} ({role}, {kind})",
            page_of(staff_queue(user=officer, name=name)),
            floor,
        )
        if not filtered:
            unfiltered[name] = p95
        elif name in SAME_ROWS_FOR_PROGRAM:
            # The same queue for program personnel (every case): the permission check's cost.
            program_p95 = unfiltered[name]
            print(f"{'':52} filtered / unfiltered p95: {p95 / program_p95:.2f}x")
    report.add(
        "queue audit (crcl, permission-filtered)",
        page_of(staff_queue(user=user("crcl"), name="audit")),
        raw(AUDIT_FLOOR_SQL, []),
    )


def listing(queryset):
    return queryset.select_related("enrollee", "assigned_to", "placement").order_by(
        "received_at", "id"
    )


def bench_listing(report):
    """Every case the user may see, first page: the pure cost of the permission filter."""
    from routing.access import cases_visible_to

    program_p95 = report.add(
        "listing, all visible cases (program, unfiltered)",
        page_of(listing(cases_visible_to(user("program")))),
        raw(LISTING_SQL.format(where="TRUE"), []),
    )
    cbp_p95 = report.add(
        "listing, all visible cases (cbp, permission-filtered)",
        page_of(listing(cases_visible_to(user("cbp")))),
        raw(LISTING_SQL.format(where="TRUE"), []),
    )
    print(f"{'':52} filtered / unfiltered p95: {cbp_p95 / program_p95:.2f}x")


def page_case():
    """A case with 50 documents and 500 history rows, made once per database."""
    from datetime import timedelta

    from cases.models import Case, CaseTransition, Document, Status

    case = Case.objects.filter(status=Status.USCIS_REVIEW).order_by("id").first()
    documents = Document.objects.filter(case=case)
    template = documents.first() or Document(
        kind="supporting",
        file="bench/load-data.pdf",
        display_name="bench.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        scan_status="clean",
        uploaded_at=case.received_at,
    )
    missing = PAGE_DOCUMENTS - documents.count()
    if missing > 0:
        Document.objects.bulk_create(
            Document(
                case=case,
                kind=template.kind,
                file=template.file.name,
                display_name=f"bench-page-{number}.pdf",
                content_type=template.content_type,
                size=template.size,
                sha256=template.sha256,
                scan_status="clean",
                uploaded_at=case.received_at,
            )
            for number in range(missing)
        )
    history = Case.history.model
    missing = PAGE_HISTORY - history.objects.filter(id=case.pk).count()
    if missing > 0:
        base = history.objects.filter(id=case.pk).values().first()
        base.pop("history_id")
        history.objects.bulk_create(
            history(**{**base, "history_date": case.received_at + timedelta(minutes=n)})
            for n in range(missing)
        )
        CaseTransition.objects.bulk_create(
            CaseTransition(
                case=case,
                from_status=case.status,
                to_status=case.status,
                occurred_at=case.received_at + timedelta(minutes=n),
                reason="bench",
            )
            for n in range(missing)
        )
    return case


def bench_case_page(report):
    """Everything the case page reads (staff.case_page), beside raw SQL for the rows
    it shows: the latest 50 timeline entries of 500, all 50 documents."""
    from staff.case_page import TIMELINE_PAGE, case_file_for

    case = page_case()
    officer = user("uscis")

    def reads():
        # A fresh user object, as each request has.
        return case_file_for(user=type(officer).objects.get(pk=officer.pk), case_id=case.pk)

    floor_sql = """
        SELECT c.*, e.* FROM cases_case c JOIN cases_enrollee e ON e.case_id = c.id
        WHERE c.id = %(id)s;
        SELECT * FROM cases_document WHERE case_id = %(id)s ORDER BY uploaded_at, id;
        SELECT * FROM cases_casetransition WHERE case_id = %(id)s
        ORDER BY occurred_at DESC, id DESC LIMIT %(page)s;
        SELECT * FROM cases_analysisnote WHERE case_id = %(id)s ORDER BY created_at, id;
        SELECT * FROM cases_communication WHERE case_id = %(id)s ORDER BY created_at, id;
        SELECT * FROM cases_informationrequest WHERE case_id = %(id)s ORDER BY created_at, id
    """
    statements = [s for s in floor_sql.split(";") if s.strip()]

    def floor():
        from django.db import connection

        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, {"id": case.pk, "page": TIMELINE_PAGE + 1})
                cursor.fetchall()

    report.add(
        f"case page reads ({PAGE_DOCUMENTS} documents, {PAGE_HISTORY} history rows; uscis)",
        reads,
        floor,
    )


def bench_search(report):
    from cases.models import Enrollee, Status
    from staff.selectors import find_cases

    program, cbp = user("program"), user("cbp")
    sample = (
        Enrollee.objects.filter(case__status=Status.CBP_REVIEW)
        .exclude(a_number="")
        .order_by("id")
        .values("case__case_number", "a_number", "full_name", "name_key")
        .first()
    )

    def search(officer, text):
        return lambda: list(find_cases(user=officer, text=text)[:PAGE])

    number, a_number, name = sample["case__case_number"], sample["a_number"], sample["full_name"]
    for label, text, where, params in (
        ("case number", number, "c.case_number = %s", [number]),
        ("A-number", a_number, "e.a_number = %s", [a_number]),
        (
            "name",
            name,
            " AND ".join(["e.name_key LIKE %s"] * len(sample["name_key"].split())),
            [f"%{word}%" for word in sample["name_key"].split()],
        ),
    ):
        floor = raw(LISTING_SQL.format(where=where), params)
        report.add(f"search by {label} (program)", search(program, text), floor)
        report.add(f"search by {label} (cbp, permission-filtered)", search(cbp, text), floor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, help="fill an empty database with N cases first")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    total = ensure_cases(args.cases)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
    print(f"{total:,} cases in {connection.settings_dict['NAME']} (PostgreSQL {version})")
    print(
        "reproduce: DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/"
        f"{connection.settings_dict['NAME']} python bench/staff_queries.py "
        f"--cases {total} --repeat {args.repeat}"
    )
    started = time.perf_counter()
    report = Report(args.repeat)
    bench_queues(report)
    bench_listing(report)
    bench_case_page(report)
    bench_search(report)
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
