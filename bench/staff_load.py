"""Benchmark (not a test): the staff pages under load, beside the floor, through gunicorn.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp_bench_100k \
    REDIS_URL=redis://127.0.0.1:6379/8 python bench/staff_load.py --seconds 15

Runs against a database filled by ``manage.py generate_load_data`` (see docs/performance.md).
Starts gunicorn on loopback with the shipped configuration (``config/gunicorn.py``; override
with --workers/--threads/--keepalive to compare), signs officers in as a
person would (system-use warning, password, a TOTP code, the Rules of Behavior), then drives
each page with ``wrk`` (Debian package ``wrk``) for a bounded time, the requests taking turns
among the sessions of --officers officers per role (5, as generate_load_data makes them):

- the floor first, then the page, in the same round: a bare view listing the same 50 rows
  through the ORM and a template (``config/bench_floor.py``, routed only in this server);
- every queue page (first page of 50), the case page (50 documents, 500 history rows) and
  search by case number and A-number (also with one connection: its p95 budget);
- the public status page.

Prints req/s, p50/p95/p99 (ms), the gunicorn workers' CPU per request (from /proc) and the
ratio to the floor of the same round; with --rounds N, each figure's median over the rounds
and its range. The officers' passwords and TOTP secrets are random for each run; the reads
are audited like any staff read (the audit trail grows).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.public_submission import free_port  # noqa: E402
from bench.staff_pages import QUEUE_URLS, search_sample, sign_in  # noqa: E402
from bench.staff_queries import page_case, setup_django  # noqa: E402

FLOOR = "/bench/floor/cases/?status=cbp_review"
# page label, role, path; every queue each role works, the case page, search.
PAGES = [
    ("queue team_unassigned (cbp)", "cbp", QUEUE_URLS["team_unassigned"]),
    ("queue team_unassigned (program)", "program", QUEUE_URLS["team_unassigned"]),
    ("queue mine (cbp)", "cbp", QUEUE_URLS["mine"]),
    ("queue awaiting_information (cbp)", "cbp", QUEUE_URLS["awaiting_information"]),
    ("queue decided (program)", "program", QUEUE_URLS["decided"]),
    ("queue overdue (cbp)", "cbp", QUEUE_URLS["overdue"]),
    ("queue all (cbp)", "cbp", QUEUE_URLS["all"]),
    ("queue audit (crcl)", "crcl", QUEUE_URLS["audit"]),
    ("case page (uscis)", "uscis", "CASE"),
    ("search by case number (cbp)", "cbp", "SEARCH_NUMBER"),
    ("search by A-number (cbp)", "cbp", "SEARCH_A_NUMBER"),
    ("status page (public)", None, "/status/"),
]
ROLES = ("program", "cbp", "uscis", "crcl")

WRK_SCRIPT = """
local cookies = {COOKIES}
local path = "{PATH}"
local n = 0
bad = 0
request = function()
  n = n + 1
  local headers = {{}}
  if #cookies > 0 then headers["Cookie"] = cookies[(n % #cookies) + 1] end
  return wrk.format("GET", path, headers)
end
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
local threads = {{}}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local wrong = 0
  for _, t in ipairs(threads) do wrong = wrong + t:get("bad") end
  io.write(string.format(
    '{{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "errors": %d, ' ..
    '"not_ok": %d}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, wrong))
end
"""


def prepare_officers(count):
    """``count`` officers per role (load.<role>.N, made if missing) with fresh random
    passwords and TOTP devices: one session each."""
    import secrets

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    found = {}
    for role in ROLES:
        group = Group.objects.get(name=role)
        found[role] = []
        for number in range(1, count + 1):
            user, _created = get_user_model().objects.get_or_create(
                username=f"load.{role}.{number}", defaults={"is_staff": True}
            )
            user.groups.add(group)
            password = secrets.token_urlsafe(18)
            user.set_password(password)
            user.save(update_fields=["password"])
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
            found[role].append((user, password, device))
    return found


def start_server(port, args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], check=True
    )
    env = {
        "DATABASE_CONN_MAX_AGE": "60",
        **os.environ,
        "MPP_BENCH_FLOOR_VIEW": "true",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    for name, value in (
        ("GUNICORN_WORKERS", args.workers),
        ("GUNICORN_THREADS", args.threads),
        ("GUNICORN_KEEPALIVE", args.keepalive),
    ):
        if value is not None:
            env[name] = str(value)
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-c",
            "python:config.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    import requests

    for _attempt in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def worker_cpu_seconds(master_pid) -> dict:
    """User + system CPU of each gunicorn worker so far (children of the master, /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    found = {}
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return found


def drive(base, path, cookies, *, connections, seconds, master_pid):
    """One wrk run: its figures, and the workers' CPU per request in ms."""
    script = WRK_SCRIPT.format(
        COOKIES="{" + ", ".join(json.dumps(c) for c in cookies) + "}", PATH=path
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    before = worker_cpu_seconds(master_pid)
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install wrk")
    run = subprocess.run(  # noqa: S603 - wrk on loopback, bounded by --duration
        [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            lua.name,
            base + path,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    after = worker_cpu_seconds(master_pid)
    used = [after[pid] - before.get(pid, 0) for pid in after]
    os.unlink(lua.name)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["cpu_ms"] = 1000 * sum(used) / max(figures["requests"], 1)
    # How evenly the workers shared the work: the busiest one's share of their CPU.
    figures["busiest_share"] = max(used) / sum(used) if sum(used) else 0
    return figures


def cookie_header(session) -> str:
    return "; ".join(f"{name}={value}" for name, value in session.cookies.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15, help="per page and per floor run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--officers", type=int, default=5, help="signed in per role; requests take turns"
    )
    parser.add_argument("--pages", default="", help="only pages whose label contains this")
    parser.add_argument("--workers", type=int, help="default: config/gunicorn.py")
    parser.add_argument("--threads", type=int, help="default: config/gunicorn.py")
    parser.add_argument("--keepalive", type=int, help="default: config/gunicorn.py")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database filled by generate_load_data.")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    setup_django()
    from django.db import connection

    from cases.models import Case

    total = Case.objects.count()
    if not total:
        sys.exit("The database holds no cases: run manage.py generate_load_data first.")
    officers = prepare_officers(max(1, args.officers))
    case = page_case()
    sample = search_sample()
    name = connection.settings_dict["NAME"]
    connection.close()
    paths = {
        "CASE": f"/staff/queues/casefile/{case.pk}/change/",
        "SEARCH_NUMBER": QUEUE_URLS["all"] + "?q=" + sample["case__case_number"],
        "SEARCH_A_NUMBER": QUEUE_URLS["all"] + "?q=" + sample["a_number"],
    }
    pages = [
        (label, role, paths.get(path, path))
        for label, role, path in PAGES
        if args.pages in label
    ]
    if not args.pages or "one connection" in args.pages:
        pages += [
            (f"{label}, one connection", role, path)
            for label, role, path in pages
            if label.startswith("search")
        ]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, args)
    try:
        cookies = {
            role: [cookie_header(sign_in(base, *officer)) for officer in officers[role]]
            for role in {role for _label, role, _path in pages if role}
        }
        print(
            f"{total:,} cases in {name}; gunicorn {base} (config/gunicorn.py"
            f"{'' if args.workers is None else f', workers {args.workers}'}"
            f"{'' if args.threads is None else f', threads {args.threads}'}"
            f"{'' if args.keepalive is None else f', keepalive {args.keepalive}'}); "
            f"{args.connections} connections, {args.seconds} s per run, {args.rounds} round(s); "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(
            f"reproduce: DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/{name} "
            f"python bench/staff_load.py --seconds {args.seconds} --rounds {args.rounds}",
            flush=True,
        )
        results = {label: [] for label, _role, _path in pages}
        for round_number in range(args.rounds):
            for label, role, path in pages:
                connections = 1 if label.endswith("one connection") else args.connections
                drive(base, path, cookies.get(role, []), connections=connections, seconds=1,
                      master_pid=server.pid)  # warm-up
                floor = drive(base, FLOOR, [], connections=connections,
                              seconds=args.seconds, master_pid=server.pid)
                page = drive(base, path, cookies.get(role, []), connections=connections,
                             seconds=args.seconds, master_pid=server.pid)
                page["floor_rps"] = floor["rps"]
                page["floor_p95"] = floor["p95"]
                page["floor_cpu_ms"] = floor["cpu_ms"]
                page["ratio"] = page["rps"] / max(floor["rps"], 0.01)
                results[label].append(page)
                print(
                    f"[{round_number + 1}] {label:<44} {page['rps']:7.1f} req/s  p50 "
                    f"{page['p50']:6.1f}  p95 {page['p95']:6.1f}  p99 {page['p99']:6.1f} ms  "
                    f"cpu {page['cpu_ms']:5.1f} ms/req  | floor {floor['rps']:7.1f} req/s "
                    f"p95 {floor['p95']:6.1f} ms cpu {floor['cpu_ms']:4.1f} ms/req  "
                    f"ratio {page['ratio']:.2f}  (busiest worker "
                    f"{100 * page['busiest_share']:.0f} % of CPU; errors {page['errors']}, "
                    f"not 200 {page['not_ok']})",
                    flush=True,
                )
        if args.rounds > 1:
            print("medians over the rounds (range):")
            for label, runs in results.items():
                def median(key, runs=runs):
                    values = [run[key] for run in runs]
                    return statistics.median(values), min(values), max(values)

                rps, p95, ratio, cpu = (median(k) for k in ("rps", "p95", "ratio", "cpu_ms"))
                print(
                    f"{label:<48} {rps[0]:7.1f} req/s ({rps[1]:.0f}-{rps[2]:.0f})  p95 "
                    f"{p95[0]:6.1f} ms ({p95[1]:.0f}-{p95[2]:.0f})  cpu {cpu[0]:5.1f} ms/req  "
                    f"floor ratio {ratio[0]:.2f} ({ratio[1]:.2f}-{ratio[2]:.2f})",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
