"""The Celery application: Redis broker, JSON only, time limits on every task."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("mpp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_soft_time_limit=120,
    task_time_limit=180,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    # Reliability: a broker outage costs a request under a second, never the submission;
    # the row stays queued in the database and the outbox sweeper dispatches it later.
    task_publish_retry_policy={
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    },
    broker_connection_timeout=2,
    timezone="UTC",
)
app.autodiscover_tasks()
