"""In the embedded mode (SQLite, no broker) Celery beat runs the periodic jobs itself, as
`./scripts/run` starts it: a due job is run in beat's own process and its result logged."""

import os
import subprocess  # noqa: S404 - the real beat under test
import sys
import time

import pytest

from tests.faults.services import ROOT

pytestmark = pytest.mark.services


def test_beat_runs_a_due_job_in_the_embedded_mode(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        "DOCUMENTS_ROOT": str(tmp_path / "documents"),
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=180)  # noqa: S603
    probe = (
        "from django_celery_beat.models import IntervalSchedule, PeriodicTask;"
        "every, _ = IntervalSchedule.objects.get_or_create(every=1, period='seconds');"
        "PeriodicTask.objects.create(name='probe', interval=every,"
        " task='routing.remind_and_expire_information_requests')"
    )
    subprocess.run([*manage, "shell", "-c", probe], cwd=ROOT, env=env, check=True, timeout=60)  # noqa: S603
    log = tmp_path / "beat.log"
    with log.open("w") as out:
        beat = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "-l",
                "info",
                "--max-interval",
                "1",
                "-s",
                str(tmp_path / "schedule"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and "succeeded" not in log.read_text():
                assert beat.poll() is None, log.read_text()[-2000:]
                time.sleep(0.5)
        finally:
            beat.terminate()
            beat.wait(timeout=15)

    assert (
        "Task routing.remind_and_expire_information_requests" in log.read_text()
        and "succeeded" in log.read_text()
    )
