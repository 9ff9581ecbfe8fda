"""Sending the confirmation after the case is committed, retried when mail is down."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage

from cases.models import Communication, DeliveryStatus
from cases.services import record_delivery_attempt

MAX_RETRIES = 6


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
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
        final = self.request.retries >= MAX_RETRIES
        record_delivery_attempt(communication_id=communication_id, delivered=False, final=final)
        if final:
            return "failed"
        # 30 s, 1 min, 2 min, ... about half an hour in all.
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
    record_delivery_attempt(communication_id=communication_id, delivered=True)
    return "sent"
