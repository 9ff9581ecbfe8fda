"""The beat entry that signs checkpoints, run by a real Celery worker on real Redis."""

import base64
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import connection
from django_celery_beat.models import PeriodicTask

from audit import tasks
from audit.models import Action
from audit.services import record_event
from config.beat import DefaultsDatabaseScheduler
from config.celery import app
from tests.celery_worker import database_url, worker_command

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "sign-audit-checkpoint"


@pytest.mark.django_db(transaction=True)
def test_beat_installs_the_checkpoint_entry_every_quarter_hour():
    DefaultsDatabaseScheduler(app=app)
    entry = PeriodicTask.objects.get(name=ENTRY)
    assert entry.task == "audit.tasks.sign_audit_checkpoint"
    assert tasks.sign_audit_checkpoint.name == entry.task
    assert (entry.interval.every, entry.interval.period) == (900, "seconds")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_signs_the_head_into_the_checkpoint_directory(staff, signing_key, tmp_path):
    if connection.vendor != "postgresql" or settings.CELERY_BROKER_URL.startswith("memory"):
        pytest.skip("needs PostgreSQL and a Redis broker (run through scripts/test)")
    for n in range(3):
        record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=n)
    raw = signing_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    directory = tmp_path / "worker-checkpoints"
    queue = f"audit-test-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "REDIS_URL": settings.REDIS_URL,
        "AUDIT_SIGNING_KEY": base64.b64encode(raw).decode(),
        "AUDIT_CHECKPOINT_DIR": str(directory),
    }
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            worker_command("--pool=solo", "--loglevel=INFO", "-Q", queue),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        app.send_task("audit.tasks.sign_audit_checkpoint", queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(directory.glob("*.json")):
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    names = [path.name for path in directory.glob("*.json")]
    assert len(names) == 1, log.read_text()[-3000:]
    assert names[0].startswith("000000000000003-")
