"""Periodic checks on the audit trail."""

from celery import shared_task

from audit.services import alert_unusual_access as _alert_unusual_access


@shared_task
def alert_unusual_access():
    return len(_alert_unusual_access())
