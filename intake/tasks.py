"""Periodic and after-commit work of the public form."""

from celery import shared_task
from django.conf import settings

from intake import drafts, services


@shared_task(
    name="intake.tasks.discard_abandoned_uploads",
    acks_late=True,
    soft_time_limit=600,
    time_limit=900,
)
def discard_abandoned_uploads():
    """Hourly: remove saved requests past their time and files held for forms nobody finished
    (see the service)."""
    return len(services.discard_abandoned_uploads())


@shared_task(
    bind=True,
    name=drafts.SEND_DRAFT_MESSAGE,
    max_retries=None,
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
)
def send_draft_message(self, message_id: int) -> str:
    """Send one resume code, at most once; retry while the server refuses."""
    outcome = drafts.deliver_draft_message(message_id=message_id)
    if outcome == "retry":
        raise self.retry(countdown=30 * 2 ** min(self.request.retries, 5))
    return outcome


@shared_task(
    name="intake.tasks.redispatch_stuck_draft_messages",
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
)
def redispatch_stuck_draft_messages():
    """Every few minutes: wake a worker again for resume codes still queued (broker down)."""
    return drafts.redispatch_stuck_draft_messages(
        older_than_minutes=settings.OUTBOX_STUCK_MINUTES
    )
