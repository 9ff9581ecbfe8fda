"""Periodic work of the public form."""

from celery import shared_task

from intake import services


@shared_task(
    name="intake.tasks.discard_abandoned_uploads",
    acks_late=True,
    soft_time_limit=600,
    time_limit=900,
)
def discard_abandoned_uploads():
    """Hourly: remove files held for forms nobody finished (see the service)."""
    return len(services.discard_abandoned_uploads())
