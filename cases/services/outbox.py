"""The outbox row: one message to one recipient on one channel, kept as it will be sent."""

import uuid

from django.utils import timezone

from cases.models import Channel, Communication, DeliveryStatus


def record_communication(
    *,
    case,
    kind,
    recipient,
    to_address,
    subject,
    body,
    channel=Channel.EMAIL,
    actor=None,
    information_request=None,
    message_group=None,
    port_of_entry="",
    port_address="",
    present_at=None,
    present_time_zone="",
    supersedes=None,
    amendment_reason="",
) -> Communication:
    """Keep one message to one recipient on one channel as it will be sent; a digital one is
    queued for a worker after commit, a letter waits to be printed."""
    return Communication.objects.create(
        case=case,
        kind=kind,
        recipient=recipient,
        channel=channel,
        to_address=to_address,
        message_group=message_group or uuid.uuid4(),
        language=case.language,
        subject=subject[:200],
        body=body,
        created_at=timezone.now(),
        created_by=actor,
        information_request=information_request,
        port_of_entry=port_of_entry,
        port_address=port_address,
        present_at=present_at,
        present_time_zone=present_time_zone,
        supersedes=supersedes,
        amendment_reason=amendment_reason[:500],
        status=DeliveryStatus.TO_PRINT if channel == Channel.LETTER else DeliveryStatus.QUEUED,
    )
