"""PostgreSQL restarts during a stream of submissions to a real server (gunicorn, over HTTP).

Every submission that showed a case number exists; every other one got the 503 page.
A throwaway cluster on its own port is restarted, never the shared one.
"""

import os
import re
import subprocess  # noqa: S404 - the server under test
import sys

import psycopg
import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.faults.postgres import ThrowawayPostgres
from tests.faults.services import ROOT, free_port, wait_until
from tests.intake.walk import CONCERN, ENROLLEE

pytestmark = pytest.mark.faults
STEPS = [
    ("privacy", {"language": "en", "acknowledge": "on"}),
    ("submitter", {"submitter_type": "enrollee"}),
    ("enrollee", ENROLLEE),
    ("concern", CONCERN),
    ("documents", {}),
    ("review", {"attest": "on", "website": ""}),
]


class FromAddress(HTTPAdapter):
    """Each person from their own loopback address, as the rate limit expects of people."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pg = ThrowawayPostgres()
    pg.create()
    env = {
        **os.environ,
        "DATABASE_URL": pg.url,
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing there: rows wait
        "REDIS_URL": "",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path_factory.mktemp("mail")),
        "DOCUMENTS_ROOT": str(tmp_path_factory.mktemp("documents")),
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def answers():
        # Ready when it answers; a server that died will never answer, so say so at once.
        assert gunicorn.poll() is None, "gunicorn exited"
        try:
            return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code > 0
        except requests.RequestException:
            # Refused, or accepted by gunicorn's socket while no worker has loaded the app yet
            # (a read that times out on a busy machine): not ready.
            return False

    # Generous: two workers importing Django on a loaded two-core machine; a dead server fails
    # at once above rather than after the whole wait.
    wait_until(answers, timeout=120, what="gunicorn")
    yield pg, f"http://127.0.0.1:{port}"
    gunicorn.terminate()
    gunicorn.wait(timeout=15)
    pg.destroy()


def _submit(base, n):
    """Walk the form over HTTP; the case number shown, or "503" if a page said try again."""
    session = requests.Session()
    session.mount("http://", FromAddress(f"127.0.{n // 250}.{n % 250 + 2}"))
    first = session.get(f"{base}/request/privacy/", timeout=10)
    if first.status_code == 503:
        return "503", first
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first.text).group(1)
    for step, data in STEPS:
        payload = {f"{step}-{name}": value for name, value in data.items()}
        payload |= {"intake-current_step": step, "csrfmiddlewaretoken": token}
        response = session.post(
            f"{base}/request/{step}/", data=payload, timeout=10, allow_redirects=False
        )
        if response.status_code == 503:
            return "503", response
        assert response.status_code == 302, (
            step,
            re.findall(r"usa-error-message[^>]*>([^<]+)", response.text),
        )
    page = session.get(f"{base}{response.headers['Location']}", timeout=10)
    if page.status_code == 503:
        return "503", page
    number = re.search(r'id="case-number">([^<]+)<', page.text)
    assert number, page.status_code
    return number.group(1), page


def test_every_submission_shown_a_number_is_stored_and_every_other_got_503(server):
    pg, base = server
    shown, unavailable = [], 0
    for n in range(24):
        if n == 8:
            pg.stop()
        if n == 14:
            pg.start()
        outcome, response = _submit(base, n)
        if outcome == "503":
            assert "Please try again shortly" in response.text
            assert "Traceback" not in response.text
            unavailable += 1
        else:
            shown.append(outcome)

    with psycopg.connect(pg.url.replace("postgres://", "postgresql://")) as conn:
        stored = {row[0] for row in conn.execute("SELECT case_number FROM cases_case")}
    assert unavailable == 6  # every attempt while the database was down
    assert len(shown) == 18
    assert stored == set(shown)  # nothing half-written, nothing shown and lost
