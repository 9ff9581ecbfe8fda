from celery import shared_task

from cases.retention import dispose_of_eligible_cases


@shared_task(acks_late=True, soft_time_limit=3000, time_limit=3600)
def dispose_of_records_past_retention():
    """Nightly: does nothing unless an approved schedule is active."""
    return len(dispose_of_eligible_cases())
