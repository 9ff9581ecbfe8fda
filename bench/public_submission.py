"""Benchmark (not a test): the public request form through gunicorn, 20 clients at once.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp_scale_100k \
        python bench/public_submission.py --clients 20 --submissions 5

Starts gunicorn on 127.0.0.1 (its own port) with this project's settings, the submission rate
limit off (every client comes from 127.0.0.1), database connections kept for 60 s as in
production's .env.example, and the floor view on. Each client walks the real form as a person
would (GET and POST every step, CSRF and session cookies, two 1 MB PDF files on the documents
step) --submissions times, each time as a different person. Prints, in milliseconds:

- form steps: p50/p95 of every GET and POST of a step before the last;
- final submission: p50/p95 of the review POST plus the request that opens the case;
- sustained submissions per second over the whole run;
- the floor: the same 20 clients POSTing the same two files to a bare Django view that inserts
  one row, served by the same gunicorn, and each figure's ratio to it.

Bounded: every request has a 30 s timeout and the run stops after --max-seconds.
"""

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
PDF = b"%PDF-1.4\n%" + b"0" * (MB - 64) + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ENROLLEE = {
    "full_name": "María José Hernández López",
    "birth_month": "4",
    "birth_day": "12",
    "birth_year": "1990",
    "citizenship": "HN",
    "current_location": "Ciudad Juárez, Chihuahua",
    "a_number": "",
    "country_of_birth": "",
    "phone": "",
    "email": "",
}
CONCERN = {
    "condition_physical_health": "on",
    "concern_vulnerability_at_enrollment": "on",
    "description": "Tengo una condición médica crónica y no hay medicinas en el albergue.",
}
GIVEN_NAMES = ["María José", "Juan Carlos", "Wilner", "Ana Lucía", "Jean Robert", "Yesenia", "Rosa"]
FAMILY_NAMES = ["Hernández López", "Pierre", "García Ramos", "Joseph", "Mejía", "Da Silva"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port, workers, threads):
    # The production static storage needs its manifest, as on a real server.
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], check=True
    )
    env = {
        # Database connections kept between requests, as production's .env.example sets them.
        "DATABASE_CONN_MAX_AGE": "60",
        **os.environ,
        "RATELIMIT_ENABLE": "false",
        "MPP_BENCH_FLOOR_VIEW": "true",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=5)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not start")


def someone():
    """A different person each time, as in real traffic: the same name and birth date every
    time would flag each new case against every earlier one as a possible duplicate."""
    return {
        **ENROLLEE,
        "full_name": f"{random.choice(GIVEN_NAMES)} {random.choice(FAMILY_NAMES)} "  # noqa: S311
        f"{random.choice(FAMILY_NAMES)}",  # noqa: S311
        "birth_month": str(random.randint(1, 12)),  # noqa: S311
        "birth_day": str(random.randint(1, 28)),  # noqa: S311
        "birth_year": str(random.randint(1950, 2008)),  # noqa: S311
    }


class Client:
    """One person filling in the form; records how long each request took."""

    def __init__(self, base):
        self.base = base
        self.session = requests.Session()
        self.steps = []
        self.finals = []

    def _timed(self, bucket, method, url, **kwargs):
        started = time.perf_counter()
        response = self.session.request(method, url, timeout=30, allow_redirects=False, **kwargs)
        bucket.append((time.perf_counter() - started) * 1000)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {url}: {response.status_code}")
        return response

    def step(self, name, data, files=None, final=False):
        url = f"{self.base}/request/{name}/"
        page = self._timed(self.steps, "GET", url)
        token = CSRF.search(page.text).group(1)
        payload = {f"{name}-{key}": value for key, value in data.items()}
        payload.update({"csrfmiddlewaretoken": token, "intake-current_step": name})
        bucket = self.finals if final else self.steps
        return self._timed(bucket, "POST", url, data=payload, files=files)

    def submit(self):
        self.session.cookies.clear()
        self.step("privacy", {"language": "en", "acknowledge": "on"})
        self.step("submitter", {"submitter_type": "enrollee"})
        self.step("enrollee", someone())
        self.step("concern", CONCERN)
        files = [
            ("documents-files", ("informe-1.pdf", PDF, "application/pdf")),
            ("documents-files", ("informe-2.pdf", PDF, "application/pdf")),
        ]
        self.step("documents", {}, files=files)
        started = time.perf_counter()
        response = self.step("review", {"attest": "on", "website": ""}, final=True)
        opened = self.session.get(
            self.base + response.headers["Location"], timeout=30, allow_redirects=False
        )
        self.finals[-1] = (time.perf_counter() - started) * 1000
        if opened.status_code != 302 or "confirmation" not in opened.headers.get("Location", ""):
            raise RuntimeError(f"submission not accepted: {opened.status_code}")


def floor_post(base, times):
    files = [
        ("files", ("informe-1.pdf", PDF, "application/pdf")),
        ("files", ("informe-2.pdf", PDF, "application/pdf")),
    ]
    started = time.perf_counter()
    response = requests.post(f"{base}/bench/floor/", files=files, timeout=30)
    times.append((time.perf_counter() - started) * 1000)
    response.raise_for_status()


def percentiles(values):
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--submissions", type=int, default=5, help="per client")
    # As config/gunicorn.py, which production uses: a process per core, two threads each.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-seconds", type=int, default=300)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL benchmark database (submissions are added).")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, args.workers, args.threads)
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads on {base}; "
        f"{args.clients} clients x {args.submissions} submissions, two 1 MB files each"
    )
    print(
        "reproduce: DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/DB "
        f"python bench/public_submission.py --clients {args.clients} "
        f"--submissions {args.submissions} --workers {args.workers} --threads {args.threads}"
    )
    try:
        clients = [Client(base) for _number in range(args.clients)]
        clients[0].submit()  # warm-up: every worker's first request loads the templates
        for client in clients:
            client.steps.clear()
            client.finals.clear()
        deadline = time.monotonic() + args.max_seconds

        def run(client):
            for _number in range(args.submissions):
                if time.monotonic() > deadline:
                    break
                client.submit()

        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(run, clients))
        elapsed = time.perf_counter() - started
        steps = [t for c in clients for t in c.steps]
        finals = [t for c in clients for t in c.finals]

        floor_times = []
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda _n: floor_post(base, floor_times), range(len(finals))))
        f50, f95 = percentiles(floor_times)
        s50, s95 = percentiles(steps)
        d50, d95 = percentiles(finals)
        print(
            f"form steps ({len(steps)} requests)      p50 {s50:7.1f} ms  p95 {s95:7.1f} ms  "
            f"| floor p95 {f95:6.1f} ms  ratio {s95 / f95:5.1f}x"
        )
        print(
            f"final submission ({len(finals)})          p50 {d50:7.1f} ms  p95 {d95:7.1f} ms  "
            f"| floor p95 {f95:6.1f} ms  ratio {d95 / f95:5.1f}x"
        )
        print(
            f"sustained: {len(finals) / elapsed:.2f} complete submissions/s "
            f"({len(finals)} in {elapsed:.1f} s, every step and both uploads included)"
        )
        print(f"floor (bare view inserting one row, same two files) p50 {f50:.1f} ms p95 {f95:.1f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
