"""The outbox: queued e-mail and unscanned documents are dispatched again after an outage."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Communication, CommunicationKind, DeliveryStatus, Recipient
from cases.services import communications
from cases.services.communications import SEND_MAX_ATTEMPTS
from cases.tasks import redispatch_stuck_work, send_communication
from config.celery import app as celery_app
from tests import factories

pytestmark = pytest.mark.django_db


def _queued(case, minutes_ago):
    communication = communications.record_communication(
        case=case,
        kind=CommunicationKind.CONFIRMATION,
        recipient=Recipient.ENROLLEE,
        to_address="maria@example.org",
        subject="Case received",
        body="Your case number is on file.",
    )
    Communication.objects.filter(pk=communication.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return communication


def test_the_beat_schedule_runs_the_sweeper(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["redispatch-stuck-work"]
    assert entry["task"] == "cases.tasks.redispatch_stuck_work"
    assert entry["task"] in celery_app.tasks


def test_it_sends_what_stayed_queued_and_leaves_recent_and_sent_messages(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    case = factories.placed_case()
    stuck = _queued(case, minutes_ago=30)
    recent = _queued(case, minutes_ago=1)
    already = _queued(case, minutes_ago=30)
    Communication.objects.filter(pk=already.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    try:
        result = redispatch_stuck_work.apply(kwargs={"older_than_minutes": 10}).get()
    finally:
        celery_app.conf.task_always_eager = False

    assert result["communications"] == 1
    assert len(mailoutbox) == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == DeliveryStatus.SENT and stuck.attempts == 1
    assert recent.status == DeliveryStatus.QUEUED


def test_sending_twice_delivers_once(mailoutbox):
    communication = _queued(factories.placed_case(), minutes_ago=0)

    assert send_communication.apply(args=[communication.pk]).get() == "sent"
    assert send_communication.apply(args=[communication.pk]).get() == "already sent"
    assert len(mailoutbox) == 1


def test_a_message_refused_on_every_attempt_ends_failed_even_when_swept_again(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard port: refused
    communication = _queued(factories.placed_case(), minutes_ago=0)
    Communication.objects.filter(pk=communication.pk).update(attempts=SEND_MAX_ATTEMPTS - 1)

    assert send_communication.apply(args=[communication.pk]).get() == "failed"
    communication.refresh_from_db()
    assert communication.status == DeliveryStatus.FAILED
    assert communication.attempts == SEND_MAX_ATTEMPTS
