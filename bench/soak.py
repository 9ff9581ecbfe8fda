"""Soak (not a test): public submissions and staff work while Redis and the worker restart.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp python bench/soak.py --seconds 600

Everything runs on loopback: its own database (the DATABASE_URL name + "_soak", created and
migrated if missing), a throwaway Redis on its own port (broker and cache, as in production,
restarted every --redis-every seconds and kept down for a few), a real Celery worker process
(SIGKILLed and started again every --worker-every seconds), and an SMTP server in this process.
The outbox sweeper runs every 30 s as beat would. Afterwards the faults stop, the sweeper runs
until nothing is queued, and it prints the three counts that must be equal:

    submissions acknowledged (the confirmation page showed a case number)
    cases stored (of those numbers)
    confirmation e-mails delivered (distinct case numbers at the SMTP server)
"""

import argparse
import email
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _soak_database(url: str) -> str:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_soak"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--redis-every", type=int, default=60)
    parser.add_argument("--redis-down", type=int, default=8)
    parser.add_argument("--worker-every", type=int, default=45)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="mpp-soak-"))
    os.environ["DATABASE_URL"] = _soak_database(os.environ["DATABASE_URL"])
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "DJANGO_LOG_LEVEL": "CRITICAL",
            "DOCUMENTS_ROOT": str(tmp / "documents"),
            "CELERY_TASK_ALWAYS_EAGER": "false",
        }
    )
    # The throwaway services need their ports before Django reads the settings.
    from tests.faults.services import free_port

    redis_port = free_port()
    os.environ["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/1"

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host name; mail still goes out by SMTP
    call_command("migrate", verbosity=0)

    from django.conf import settings
    from django.contrib.auth import get_user_model

    from cases.models import Case, Communication, DeliveryStatus, Status
    from cases.services import lifecycle
    from cases.tasks import redispatch_stuck_work
    from tests.faults.services import Inbox, ThrowawayRedis, Worker
    from tests.intake.walk import submit

    inbox = Inbox()
    inbox.controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
    redis = ThrowawayRedis(tmp)
    redis.port, redis.url = redis_port, os.environ["CELERY_BROKER_URL"]
    redis.start()
    worker = Worker(broker_url=redis.url, smtp_port=inbox.port, log_path=tmp / "worker.log")
    worker.start()
    officer, _ = get_user_model().objects.get_or_create(
        username="soak.program", defaults={"is_staff": True}
    )

    started = time.monotonic()
    first_case_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
    acknowledged, refused, staff_actions, sweeps_missed = [], 0, 0, 0
    next_redis, next_worker, next_sweep = args.redis_every, args.worker_every, 30
    redis_back_at = None
    n = 0
    while (elapsed := time.monotonic() - started) < args.seconds:
        if redis_back_at is None and elapsed >= next_redis:
            redis.stop()
            redis_back_at, next_redis = elapsed + args.redis_down, next_redis + args.redis_every
        if redis_back_at is not None and elapsed >= redis_back_at:
            redis.start()
            redis_back_at = None
        if elapsed >= next_worker:
            worker.process.kill()  # SIGKILL, main process and all
            worker.process.wait()
            worker.stop()
            worker.start()
            next_worker += args.worker_every
        if elapsed >= next_sweep:
            try:
                redispatch_stuck_work.delay(older_than_minutes=0)
            except Exception:  # broker down: beat would try again later too
                sweeps_missed += 1
            next_sweep += 30
        n += 1
        client = Client(REMOTE_ADDR=f"10.{n // 65000 % 250}.{n // 250 % 250}.{n % 250 + 1}")
        try:
            page = client.get(submit(client).url)
            number = page.context["confirmed"]["case_number"]
            acknowledged.append(number)
        except Exception:
            refused += 1
        if n % 3 == 0:  # a staff member takes a case and moves one on
            fresh = Case.objects.filter(pk__gt=first_case_id, assigned_to=None).first()
            if fresh:
                lifecycle.assign_case(case=fresh, assignee=officer, actor=officer)
                staff_actions += 1
            triage = Case.objects.filter(status=Status.TRIAGE, pk__gt=first_case_id).first()
            if triage:
                lifecycle.route_to_cbp(case=triage, actor=officer, reason="soak")
                staff_actions += 1
        time.sleep(random.uniform(0, 0.2))  # noqa: S311 - pacing, not security

    if redis_back_at is not None:
        redis.start()
    print(f"soak: {n} attempts in {args.seconds} s; recovering...", flush=True)
    queued = Communication.objects.filter(
        case__case_number__in=acknowledged, status=DeliveryStatus.QUEUED
    )
    deadline = time.monotonic() + 300
    while queued.exists() and time.monotonic() < deadline:
        redispatch_stuck_work.delay(older_than_minutes=0)
        time.sleep(5)
    time.sleep(3)

    stored = Case.objects.filter(case_number__in=acknowledged).count()
    bodies = [
        email.message_from_bytes(m.content).get_payload(decode=True).decode()
        for m in inbox.messages
    ]
    delivered = {number for number in acknowledged if any(number in body for body in bodies)}
    worker.stop()
    redis.stop()
    inbox.controller.stop()
    print(f"submissions acknowledged: {len(acknowledged)}")
    print(f"cases stored:             {stored}")
    print(f"confirmation e-mails:     {len(delivered)}")
    print(
        f"(e-mails received in all: {len(inbox.messages)}; submissions refused: {refused}; "
        f"staff actions: {staff_actions})"
    )
    return 0 if len(acknowledged) == stored == len(delivered) == len(inbox.messages) else 1


if __name__ == "__main__":
    sys.exit(main())
