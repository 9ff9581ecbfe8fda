"""Periodic checks on the audit trail."""

from celery import shared_task

from audit.services import alert_unusual_access as _alert_unusual_access


@shared_task(name="audit.tasks.alert_unusual_access")
def alert_unusual_access():
    """Every 15 minutes (beat): counts only."""
    return len(_alert_unusual_access())
