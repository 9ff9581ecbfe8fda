"""Celery beat's entry, run by a real Celery worker on real Redis, mailing a real SMTP server."""

import datetime
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from cases.models import Status
from config.beat import DefaultsDatabaseScheduler
from config.celery import app
from reporting.models import Delivery, WeeklyReport
from reporting.periods import last_complete_week
from tests import factories
from tests.celery_worker import database_url, worker_command
from tests.reporting.timeline import backdate

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "weekly-leadership-report"


def _installed_entry() -> PeriodicTask:
    # What `celery beat` does on start: install the settings' entries.
    assert settings.CELERY_BEAT_SCHEDULER == "config.beat:DefaultsDatabaseScheduler"
    DefaultsDatabaseScheduler(app=app)
    return PeriodicTask.objects.get(name=ENTRY)


# The scheduler closes database connections as beat does: no test transaction can survive it.
@pytest.mark.django_db(transaction=True)
def test_beat_installs_the_weekly_entry_for_monday_0700_in_the_report_zone():
    entry = _installed_entry()
    crontab = entry.crontab
    assert entry.task == "reporting.tasks.send_weekly_report"
    assert entry.enabled
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("0", "7", "mon")
    assert str(crontab.timezone) == "America/New_York"
    # The next run after a Sunday evening is the Monday at 07:00 local time.
    sunday_evening = datetime.datetime(2026, 11, 1, 20, tzinfo=crontab.timezone)
    start, ends_in, _now = crontab.schedule.remaining_delta(sunday_evening)
    next_run = (start + ends_in).astimezone(crontab.timezone)
    assert next_run.replace(tzinfo=None) == datetime.datetime(2026, 11, 2, 7)


@pytest.mark.django_db(transaction=True)
def test_an_administrators_change_of_schedule_survives_a_restart_of_beat():
    entry = _installed_entry()
    entry.crontab = CrontabSchedule.objects.create(
        minute="30", hour="9", day_of_week="tue", timezone="America/Chicago"
    )
    entry.save()
    restarted = _installed_entry()
    assert (restarted.crontab.hour, restarted.crontab.day_of_week) == ("9", "tue")
    assert str(restarted.crontab.timezone) == "America/Chicago"


@pytest.fixture
def worker(smtp_server, tmp_path):
    """`celery worker` as a subprocess on its own queue, on the test database and SMTP server."""
    if connection.vendor != "postgresql" or settings.CELERY_BROKER_URL.startswith("memory"):
        pytest.skip("needs PostgreSQL and a Redis broker (run through scripts/test)")
    queue = f"reporting-test-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "REPORT_SEND_RETRY_SECONDS": "1",
    }
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            worker_command("--pool=solo", "--loglevel=INFO", "-Q", queue),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    yield queue, log
    process.terminate()
    process.wait(timeout=20)


def _wait_for(condition, *, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out; worker log:\n{log.read_text()[-4000:]}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_scheduled_task_retries_smtp_and_mails_once(
    worker, smtp_server, leaders
):
    queue, log = worker
    week = last_complete_week()
    for _ in range(6):
        case = factories.case_in(Status.TRIAGE)
        backdate(case, received=week.starts_at + datetime.timedelta(days=2))
    smtp_server.refuse = 1  # the first delivery fails with a 451: the task must retry
    entry = _installed_entry()
    send = {"args": json.loads(entry.args), "kwargs": json.loads(entry.kwargs), "queue": queue}

    app.send_task(entry.task, **send)
    # The worker records the delivery just after the SMTP server accepts: wait for the record.
    sent = WeeklyReport.objects.filter(week=week.label, delivery_status=Delivery.SENT)
    _wait_for(sent.exists, log=log)
    report = WeeklyReport.objects.get(week=week.label)
    assert len(smtp_server.messages) == 1
    assert (report.delivery_status, report.send_attempts) == (Delivery.SENT, 2)
    message = smtp_server.messages[0]
    assert week.label in message["Subject"]
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 3 and all(p["Content-ID"] for p in images)
    assert [p.get_filename() for p in message.walk() if p.get_content_type() == "text/csv"] == [
        f"mpp-weekly-report-{week.label}.csv"
    ]

    # The same entry again (a second beat, a manual rerun): nothing more is sent.
    app.send_task(entry.task, **send)
    _wait_for(lambda: "'sent': False" in log.read_text(), log=log)
    assert len(smtp_server.messages) == 1
