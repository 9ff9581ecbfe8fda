"""Slow work on cases and documents, after commit: e-mail, virus scanning, retention."""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
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


@shared_task(bind=True, max_retries=len(RETRY_DELAYS), acks_late=True)
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


@shared_task
def rescan_unfinished_documents(older_than_minutes=10):
    """Catch documents whose scan was never queued (broker down) or failed."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    unfinished = Document.objects.filter(
        Q(scan_status=ScanStatus.PENDING, uploaded_at__lt=cutoff) | Q(scan_status=ScanStatus.ERROR)
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


SEND_MAX_RETRIES = 6


@shared_task(bind=True, max_retries=SEND_MAX_RETRIES, acks_late=True)
def send_communication(self, communication_id: int) -> str:
    communication = Communication.objects.get(pk=communication_id)
    if communication.status == DeliveryStatus.SENT:
        return "already sent"
    message = EmailMessage(
        subject=communication.subject,
        body=communication.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[communication.to_address],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        final = self.request.retries >= SEND_MAX_RETRIES
        services.record_delivery_attempt(
            communication_id=communication_id, delivered=False, final=final
        )
        if final:
            return "failed"
        # 30 s, 1 min, 2 min, ... about half an hour in all.
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
    services.record_delivery_attempt(communication_id=communication_id, delivered=True)
    return "sent"
