"""Background jobs of routing: the weekly CRCL audit sample and information-request expiry."""

from celery import shared_task

from cases.services import information
from routing import crcl_audits


@shared_task(name="routing.sample_decided_cases_for_audit")
def sample_decided_cases_for_audit() -> dict:
    """Run by Celery beat (CELERY_BEAT_SCHEDULE); returns ids only, never personal data."""
    sample = crcl_audits.sample_decided_cases_for_audit()
    return {"sample": sample.pk, "seed": sample.seed, "cases": sample.entries.count()}


@shared_task(name="routing.remind_and_expire_information_requests")
def remind_and_expire_information_requests() -> dict:
    """Run by Celery beat: counts only, never personal data."""
    return information.remind_and_expire()
