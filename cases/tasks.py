"""Slow work on cases and documents, after commit: virus scanning, records retention."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from cases import services
from cases.alerts import alert_program_personnel_of_infected_document
from cases.clamd import ClamdUnavailable, scan_stream
from cases.models import Document, ScanStatus
from cases.retention import dispose_of_eligible_cases

logger = logging.getLogger(__name__)
RETRY_DELAYS = [15, 30, 60, 120, 300, 600, 900, 900]


@shared_task(bind=True, max_retries=len(RETRY_DELAYS), acks_late=True)
def scan_document(self, document_id):
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.scan_status in (ScanStatus.CLEAN, ScanStatus.INFECTED):
        return None
    try:
        with document.file.open("rb") as stream:
            verdict = scan_stream(stream)
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
