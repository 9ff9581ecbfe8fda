"""The mail server refuses for a while: every message arrives after it recovers, none twice."""

import time

import pytest
from django.utils import timezone

from cases.models import Communication, CommunicationKind, DeliveryStatus, Recipient
from cases.services import communications
from cases.tasks import redispatch_stuck_work, send_communication
from tests import factories
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
MESSAGES = 10


def test_every_message_arrives_once_after_the_server_stops_refusing(broker, inbox, worker_for):
    case = factories.placed_case()
    ids = [
        communications.record_communication(
            case=case,
            kind=CommunicationKind.CONFIRMATION,
            recipient=Recipient.ENROLLEE,
            to_address=f"person{n}@example.org",
            subject="Case received",
            body=f"Your case number is {case.case_number}.",
        ).pk
        for n in range(MESSAGES)
    ]
    broker.start()
    worker_for(broker, inbox)
    inbox.refusing = True
    for communication_id in ids:
        send_communication.delay(communication_id)
    wait_until(
        lambda: Communication.objects.filter(attempts__gte=1).count() == MESSAGES,
        timeout=30,
        what="a refused attempt at every message",
    )
    assert inbox.messages == []
    assert not Communication.objects.exclude(status=DeliveryStatus.QUEUED).exists()

    inbox.refusing = False
    redispatch_stuck_work.delay(older_than_minutes=0)
    wait_until(
        lambda: Communication.objects.filter(status=DeliveryStatus.SENT).count() == MESSAGES,
        timeout=30,
        what="every message to be sent",
    )
    # The worker's own retries (scheduled before recovery) and another sweep come too late
    # to send anything again.
    for communication_id in ids:
        send_communication.delay(communication_id)
    redispatch_stuck_work.delay(older_than_minutes=0)
    time.sleep(2)
    assert sorted(inbox.recipients()) == sorted(f"person{n}@example.org" for n in range(MESSAGES))
    assert all(c.sent_at <= timezone.now() for c in Communication.objects.all())
