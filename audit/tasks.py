"""Periodic checks on the audit trail."""

import logging

from celery import shared_task
from django.core.mail import mail_admins

from audit.integrity import ChainBroken, sign_checkpoint
from audit.services import alert_unusual_access as _alert_unusual_access

logger = logging.getLogger(__name__)


@shared_task(name="audit.tasks.alert_unusual_access")
def alert_unusual_access():
    """Every 15 minutes (beat): counts only."""
    return len(_alert_unusual_access())


@shared_task(name="audit.tasks.sign_audit_checkpoint")
def sign_audit_checkpoint():
    """Every 15 minutes (beat): sign the chain's head once the rows since the last checkpoint
    verify. A chain that does not verify is not signed; the operators are told."""
    try:
        checkpoint = sign_checkpoint()
    except ChainBroken as broken:
        logger.error("audit chain does not verify; no checkpoint signed")
        mail_admins("Audit log chain broken", f"No checkpoint was signed: {broken}")
        return {"signed": False, "broken": True}
    if checkpoint is None:
        return {"signed": False}
    return {"signed": True, "rows": checkpoint.rows}
