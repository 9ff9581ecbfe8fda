"""Slow work on cases and documents, after commit: e-mail, virus scanning, retention."""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases import demo_scanner, services
from cases.alerts import alert_program_personnel_of_infected_document
from cases.clamd import ClamdUnavailable, scan_stream
from cases.models import Communication, DeliveryStatus, Document, ScanStatus
from cases.retention import dispose_of_eligible_cases

logger = logging.getLogger(__name__)


def _demo():
    return settings.DOCUMENT_SCANNER == "demo"


RETRY_DELAYS = [15, 30, 60, 120, 300, 600, 900, 900]


@shared_task(
    bind=True, max_retries=len(RETRY_DELAYS), acks_late=True, soft_time_limit=120, time_limit=180
)
def scan_document(self, document_id):
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.scan_status in (ScanStatus.CLEAN, ScanStatus.INFECTED):
        return None
    try:
        with document.file.open("rb") as stream:
            verdict = demo_scanner.scan_stream(stream) if _demo() else scan_stream(stream)
    except ClamdUnavailable as error:
        retries = self.request.retries
        if retries >= self.max_retries:
            logger.error("virus scan of document %s gave up: %s", document_id, error)
            services.record_scan_result(
                document_id=document_id, status=ScanStatus.ERROR, message=str(error)
            )
            return ScanStatus.ERROR
        logger.warning("clamd unavailable for document %s, retrying: %s", document_id, error)
        raise self.retry(exc=error, countdown=RETRY_DELAYS[retries]) from error
    document = services.record_scan_result(
        document_id=document_id,
        status=verdict.status,
        signature=verdict.signature,
        message=verdict.message,
    )
    if document.scan_status == ScanStatus.INFECTED:
        services.quarantine_document_file(document=document)
        alert_program_personnel_of_infected_document(document=document, signature=verdict.signature)
    return document.scan_status


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def rescan_unfinished_documents(older_than_minutes=10):
    """Catch documents whose scan was never queued (broker down) or failed."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    unfinished = Document.objects.filter(
        Q(scan_status=ScanStatus.PENDING, uploaded_at__lte=cutoff) | Q(scan_status=ScanStatus.ERROR)
    ).values_list("pk", flat=True)
    count = 0
    for document_id in unfinished.iterator():
        scan_document.delay(document_id)
        count += 1
    return count


@shared_task(acks_late=True, soft_time_limit=3000, time_limit=3600)
def dispose_of_records_past_retention():
    """Nightly: does nothing unless an approved schedule is active."""
    return len(dispose_of_eligible_cases())


# Seven attempts in all, counted on the row so a re-dispatched message keeps its count.
SEND_MAX_ATTEMPTS = 7
SEND_MAX_RETRIES = SEND_MAX_ATTEMPTS - 1
SMTP_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(bind=True, max_retries=None, acks_late=True, soft_time_limit=60, time_limit=90)
def send_communication(self, communication_id: int) -> str:
    """Send one queued message, at most once.

    The row stays locked while the SMTP server takes the message, so a second copy of this
    task (the sweeper's, or a redelivery) skips it instead of sending twice.
    """
    with transaction.atomic():
        communication = (
            Communication.objects.select_for_update(skip_locked=True)
            .filter(pk=communication_id)
            .first()
        )
        if communication is None:
            return "missing or being sent"
        if communication.status != DeliveryStatus.QUEUED:
            return f"already {communication.status}"
        message = EmailMessage(
            subject=communication.subject,
            body=communication.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[communication.to_address],
        )
        error = None
        try:
            message.send()
        except SMTP_ERRORS as refused:
            error = refused
        final = error is not None and communication.attempts + 1 >= SEND_MAX_ATTEMPTS
        services.record_delivery_attempt(
            communication_id=communication_id, delivered=error is None, final=final
        )
    if error is None:
        return "sent"
    if final:
        return "failed"
    # 30 s, 1 min, 2 min, ... about half an hour in all.
    raise self.retry(exc=error, countdown=30 * 2 ** min(self.request.retries, 5)) from error


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def redispatch_stuck_work(older_than_minutes=10):
    """The outbox sweeper: queue again what a broker or worker outage left behind.

    Messages still queued and documents still unscanned after `older_than_minutes` are
    dispatched again; sending and scanning are safe to repeat.
    """
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stuck = Communication.objects.filter(
        status=DeliveryStatus.QUEUED, created_at__lte=cutoff
    ).values_list("pk", flat=True)
    messages = 0
    for communication_id in stuck.iterator():
        send_communication.delay(communication_id)
        messages += 1
    documents = rescan_unfinished_documents(older_than_minutes=older_than_minutes)
    return {"communications": messages, "documents": documents}
