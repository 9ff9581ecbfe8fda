"""The text-message provider is down for a while: every text arrives once after it recovers.

A real worker process sends through boto3 to moto's SNS server on loopback
(tests/sms_provider.py), which is not running at first, then comes up on the same address.
"""

import time
from collections import Counter

import pytest
from django.db import transaction

from cases.models import Communication, DeliveryStatus
from cases.services import communications
from cases.tasks import redispatch_stuck_work, send_communication
from tests import factories
from tests.faults.services import wait_until
from tests.sms_provider import SMSProvider

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
TEXTS = 10


def _phone(n):
    return f"+52656123{n:04d}"


def test_every_text_arrives_once_after_the_provider_comes_back(broker, inbox, worker_for):
    provider = SMSProvider()  # its address is known; nothing answers there yet
    ids = []
    for n in range(TEXTS):
        case = factories.placed_case(email="", phone=_phone(n), texts_consent=True, language="es")
        with transaction.atomic():
            ids += [c.pk for c in communications.send_confirmation(case=case)]
    broker.start()
    worker_for(
        broker,
        inbox,
        TEXT_MESSAGE_BACKEND="sns",
        SMS_SNS_ENDPOINT_URL=provider.url,
        SMS_TIMEOUT_SECONDS="2",
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",  # noqa: S106 - moto's
    )
    for communication_id in ids:
        send_communication.delay(communication_id)
    wait_until(
        lambda: Communication.objects.filter(attempts__gte=1).count() == TEXTS,
        timeout=30,
        what="a failed attempt at every text",
    )
    assert not Communication.objects.exclude(status=DeliveryStatus.QUEUED).exists()

    provider.start()
    try:
        redispatch_stuck_work.delay(older_than_minutes=0)  # what beat runs every five minutes
        wait_until(
            lambda: Communication.objects.filter(status=DeliveryStatus.SENT).count() == TEXTS,
            timeout=30,
            what="every text to be sent",
        )
        # The worker's own retries (scheduled during the outage) and another sweep come too
        # late to send anything again.
        for communication_id in ids:
            send_communication.delay(communication_id)
        redispatch_stuck_work.delay(older_than_minutes=0)
        time.sleep(2)
        received = Counter(text["phone_number"] for text in provider.texts())
    finally:
        provider.stop()

    assert received == {_phone(n): 1 for n in range(TEXTS)}
    for text in Communication.objects.all():
        outcomes = list(text.delivery_attempts.values_list("outcome", flat=True))
        assert outcomes[-1] == "accepted" and "unavailable" in outcomes
