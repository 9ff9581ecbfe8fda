"""Slow work on cases and documents, after commit: each task fetches, calls a service, retries.

Names are explicit and stable (``cases.services.dispatch`` wakes tasks by name; the beat
schedule stores them).
"""

import logging

from celery import shared_task

from cases.clamd import ClamdUnavailable
from cases.models import ScanStatus
from cases.services import communications, dispatch, documents, information, retention

logger = logging.getLogger(__name__)

SCAN_RETRY_DELAYS = [15, 30, 60, 120, 300, 600, 900, 900]


@shared_task(
    bind=True,
    name=dispatch.SCAN_DOCUMENT,
    max_retries=len(SCAN_RETRY_DELAYS),
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
)
def scan_document(self, document_id):
    try:
        return documents.scan_document(document_id=document_id)
    except ClamdUnavailable as error:
        retries = self.request.retries
        if retries >= self.max_retries:
            logger.error("virus scan of document %s gave up: %s", document_id, error)
            documents.record_scan_result(
                document_id=document_id, status=ScanStatus.ERROR, message=str(error)
            )
            return ScanStatus.ERROR
        logger.warning("clamd unavailable for document %s, retrying: %s", document_id, error)
        raise self.retry(exc=error, countdown=SCAN_RETRY_DELAYS[retries]) from error


@shared_task(
    name="cases.tasks.rescan_unfinished_documents",
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
)
def rescan_unfinished_documents(older_than_minutes=10):
    """Catch documents whose scan was never queued (broker down) or failed."""
    return documents.rescan_unfinished_documents(older_than_minutes=older_than_minutes)


@shared_task(
    name="cases.tasks.dispose_of_records_past_retention",
    acks_late=True,
    soft_time_limit=3000,
    time_limit=3600,
)
def dispose_of_records_past_retention():
    """Nightly: does nothing unless an approved schedule is active."""
    return len(retention.dispose_of_eligible_cases())


@shared_task(
    bind=True,
    name=dispatch.SEND_COMMUNICATION,
    max_retries=None,
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
)
def send_communication(self, communication_id: int) -> str:
    """Send one queued message, at most once; retry while its provider is unavailable."""
    delivery = communications.deliver_communication(communication_id=communication_id)
    if delivery.outcome == "skipped":
        return delivery.detail
    if delivery.outcome != "retry":
        return delivery.outcome
    # 30 s, 1 min, 2 min, ... about half an hour in all.
    countdown = 30 * 2 ** min(self.request.retries, 5)
    raise self.retry(exc=delivery.error, countdown=countdown) from delivery.error


@shared_task(
    name="cases.tasks.redispatch_stuck_work",
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
)
def redispatch_stuck_work(older_than_minutes=10):
    """The outbox sweeper: queue again what a broker or worker outage left behind.

    Messages still queued and documents still unscanned after `older_than_minutes` are
    dispatched again; sending and scanning are safe to repeat.
    """
    return {
        "communications": communications.redispatch_stuck_communications(
            older_than_minutes=older_than_minutes
        ),
        "documents": documents.rescan_unfinished_documents(older_than_minutes=older_than_minutes),
    }


@shared_task(
    name=dispatch.TELL_OFFICER_OF_ANSWER,
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def tell_officer_of_answer(request_id: int) -> bool:
    """The assigned officer learns the requestor answered (the queue flags it meanwhile)."""
    return information.tell_officer_of_answer(request_id=request_id)
