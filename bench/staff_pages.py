"""Benchmark (not a test): the staff back office's pages over HTTP, through gunicorn.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp_scale_1m \
        python bench/staff_pages.py --repeat 20

Runs against a database already filled by `manage.py generate_load_data` (bench/staff_queries.py
--cases N does that). Starts gunicorn on 127.0.0.1 (its own port), signs the synthetic officers
load.<role>.1 in as a person would (system-use warning, password, a TOTP code from a device this
script gives them, the Rules of Behavior), then GETs, one request at a time:

- every queue page each role opens (the first page of 50, oldest first);
- the case page of a case with 50 documents and 500 history rows (made once per database);
- search by case number, A-number and name on "All cases I may see".

For each it prints p50/p95 in milliseconds over --repeat requests after one warm-up; the query
count of one request (a test-client pass in this process with CaptureQueriesContext: same
views, middleware and session checks); and the floor, the raw SQL that fetches the same rows
(bench/staff_queries.py's floors), run in this process, with the ratio of p95 to it.

Bounded: every request has a 30 s timeout and the run stops after --max-seconds. Loopback only.
The officers' passwords and TOTP secrets are random for each run; audit events of the reads are
written as for any staff reads.
"""

import argparse
import os
import re
import secrets
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.public_submission import free_port, percentiles, start_gunicorn  # noqa: E402
from bench.staff_queries import (  # noqa: E402
    AUDIT_FLOOR_SQL,
    LISTING_SQL,
    SAME_ROWS_FOR_PROGRAM,
    STAFF_QUEUES,
    page_case,
    raw,
    setup_django,
    timed,
)

LOGIN = "/staff/account/login/"
STEP = "staff_login_view-current_step"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUEUE_URLS = {
    "mine": "/staff/queues/mycase/",
    "team_unassigned": "/staff/queues/teamunassignedcase/",
    "awaiting_information": "/staff/queues/awaitinginformationcase/",
    "decided": "/staff/queues/decidedcase/",
    "overdue": "/staff/queues/overduecase/",
    "audit": "/staff/queues/auditqueuecase/",
    "all": "/staff/queues/casefile/",
}
ROLES = ("program", "cbp", "uscis", "crcl")


def prepare_officers():
    """load.<role>.1 with a fresh random password and TOTP device: {role: (user, pw, device)}."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    found = {}
    for role in ROLES:
        user = get_user_model().objects.get(username=f"load.{role}.1")
        password = secrets.token_urlsafe(18)
        user.set_password(password)
        user.save(update_fields=["password"])
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        found[role] = (user, password, device)
    return found


def totp_code(device):
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def csrf_of(response):
    return CSRF.search(response.text).group(1)


def sign_in(base, user, password, device):
    """The real sign-in: warning and password, second factor, Rules of Behavior when asked."""
    session = requests.Session()
    page = session.get(base + LOGIN, timeout=30)
    # The wizard answers the password step with the token step (a GET would start it over).
    page = session.post(
        base + LOGIN,
        data={
            "csrfmiddlewaretoken": csrf_of(page),
            STEP: "auth",
            "auth-username": user.get_username(),
            "auth-password": password,
            "auth-accept_warning": "on",
        },
        timeout=30,
    )
    if 'name="token-otp_token"' not in page.text:
        sys.exit(f"{user.get_username()}: the password step was refused")
    done = session.post(
        base + LOGIN,
        data={
            "csrfmiddlewaretoken": csrf_of(page),
            STEP: "token",
            "token-otp_token": totp_code(device),
        },
        timeout=30,
        allow_redirects=False,
    )
    if done.status_code != 302:
        sys.exit(f"{user.get_username()}: the second factor was refused")
    home = session.get(base + "/staff/", timeout=30)
    if 'name="accept_rules"' in home.text:
        session.post(
            home.url,
            data={"csrfmiddlewaretoken": csrf_of(home), "accept_rules": "on"},
            timeout=30,
        )
        home = session.get(base + "/staff/", timeout=30)
    if home.status_code != 200 or "/account/login" in home.url:
        sys.exit(f"{user.get_username()}: not signed in ({home.status_code} {home.url})")
    return session


def query_count(user, path, params=None):
    """Queries of one request to the same view, through Django's test client in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.staff_sign_in import sign_in_verified

    client = Client(HTTP_HOST="127.0.0.1")
    sign_in_verified(client, user, acknowledge_rules=False)
    client.get(path, params)  # warm-up: the session's first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    if response.status_code != 200:
        sys.exit(f"{path}: {response.status_code} in the test-client pass")
    return len(queries)


def case_page_floor(case):
    from staff.case_page import TIMELINE_PAGE

    statements = [
        "SELECT c.*, e.* FROM cases_case c JOIN cases_enrollee e ON e.case_id = c.id"
        " WHERE c.id = %(id)s",
        "SELECT * FROM cases_document WHERE case_id = %(id)s ORDER BY uploaded_at, id",
        "SELECT * FROM cases_casetransition WHERE case_id = %(id)s"
        " ORDER BY occurred_at DESC, id DESC LIMIT %(page)s",
        "SELECT * FROM cases_analysisnote WHERE case_id = %(id)s ORDER BY created_at, id",
        "SELECT * FROM cases_communication WHERE case_id = %(id)s ORDER BY created_at, id",
        "SELECT * FROM cases_informationrequest WHERE case_id = %(id)s ORDER BY created_at, id",
    ]

    def floor():
        from django.db import connection

        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, {"id": case.pk, "page": TIMELINE_PAGE + 1})
                cursor.fetchall()

    return floor


def search_sample():
    from cases.models import Enrollee, Status

    return (
        Enrollee.objects.filter(case__status=Status.CBP_REVIEW)
        .exclude(a_number="")
        .order_by("id")
        .values("case__case_number", "a_number", "full_name", "name_key")
        .first()
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--max-seconds", type=int, default=600)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL benchmark database filled by generate_load_data."
        )
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")  # the figures, not the request log
    setup_django()
    from django.db import connection

    from cases.models import Case

    total = Case.objects.count()
    if not total:
        sys.exit("The database holds no cases: run bench/staff_queries.py --cases N first.")
    officers = prepare_officers()
    case = page_case()
    sample = search_sample()
    connection.close()  # gunicorn's workers fork their own

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, args.workers, 1)
    print(
        f"{total:,} cases in {connection.settings_dict['NAME']}; "
        f"gunicorn {args.workers} workers on {base}"
    )
    print(
        "reproduce: DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/"
        f"{connection.settings_dict['NAME']} python bench/staff_pages.py --repeat {args.repeat} "
        f"--workers {args.workers}"
    )
    deadline = time.monotonic() + args.max_seconds
    try:
        sessions = {}
        for role in ROLES:
            user, password, device = officers[role]
            sessions[role] = sign_in(base, user, password, device)

        def http_p(role, path, params=None):
            session = sessions[role]
            session.get(base + path, params=params, timeout=30)  # warm-up
            times = []
            for _number in range(args.repeat):
                if time.monotonic() > deadline:
                    break
                started = time.perf_counter()
                response = session.get(base + path, params=params, timeout=30)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{role} {path}: {response.status_code}")
            return percentiles(times)

        rows = []

        def measure(label, role, path, floor, params=None):
            p50, p95 = http_p(role, path, params)
            _f50, f95, _fq = timed(floor, args.repeat)
            queries = query_count(officers[role][0], path, params)
            rows.append((label, p50, p95, queries, f95))
            print(
                f"{label:<48} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries:3d} queries"
                f"  | floor (raw SQL) p95 {f95:6.1f} ms  ratio {p95 / max(f95, 0.01):6.1f}x",
                flush=True,
            )
            return p95

        unfiltered = {}
        for name, role, filtered, where in STAFF_QUEUES:
            floor = raw(LISTING_SQL.format(where=where.format(me=officers[role][0].pk)), [])
            p95 = measure(f"queue {name} ({role})", role, QUEUE_URLS[name], floor)
            if not filtered:
                unfiltered[name] = p95
            elif name in SAME_ROWS_FOR_PROGRAM:
                print(
                    f"{'':48} permission-filtered / unfiltered p95: {p95 / unfiltered[name]:.2f}x"
                )
        measure("queue audit (crcl)", "crcl", QUEUE_URLS["audit"], raw(AUDIT_FLOOR_SQL, []))
        measure(
            "case page (50 documents, 500 history rows; uscis)",
            "uscis",
            f"/staff/queues/casefile/{case.pk}/change/",
            case_page_floor(case),
        )
        words = sample["name_key"].split()
        for label, text, where, params in (
            (
                "case number",
                sample["case__case_number"],
                "c.case_number = %s",
                [sample["case__case_number"]],
            ),
            ("A-number", sample["a_number"], "e.a_number = %s", [sample["a_number"]]),
            (
                "name",
                sample["full_name"],
                " AND ".join(["e.name_key LIKE %s"] * len(words)),
                [f"%{word}%" for word in words],
            ),
        ):
            floor = raw(LISTING_SQL.format(where=where), params)
            for role in ("program", "cbp"):
                measure(f"search by {label} ({role})", role, QUEUE_URLS["all"], floor, {"q": text})
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
