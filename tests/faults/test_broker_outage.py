"""Redis down while people submit: every submission is kept, every confirmation arrives later."""

import time

import pytest
from django.test import Client

from cases.models import Case, Communication, DeliveryStatus
from cases.tasks import redispatch_stuck_work
from tests.faults.services import wait_until
from tests.intake.walk import submit

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
SUBMISSIONS = int(__import__("os").environ.get("FAULT_SUBMISSIONS", 50))


def test_it_keeps_fifty_submissions_and_mails_each_once_after_redis_returns(
    broker, inbox, worker_for
):
    # The broker is down: never started. Each person submits from their own connection.
    started = time.monotonic()
    for n in range(SUBMISSIONS):
        response = submit(Client(REMOTE_ADDR=f"10.9.{n // 200}.{n % 200 + 1}"))
        assert response.status_code == 302 and response.url.endswith("/request/confirmation/")
    outage_seconds = time.monotonic() - started

    assert Case.objects.count() == SUBMISSIONS
    assert Communication.objects.filter(status=DeliveryStatus.QUEUED).count() == SUBMISSIONS
    assert inbox.messages == []

    broker.start()
    worker_for(broker, inbox)
    redispatch_stuck_work.delay(older_than_minutes=0)  # what beat runs every few minutes

    wait_until(
        lambda: Communication.objects.filter(status=DeliveryStatus.SENT).count() == SUBMISSIONS,
        timeout=90,
        what="every confirmation to be sent",
    )
    # A second sweep (beat's next run) and the end of any late redelivery send nothing more.
    redispatch_stuck_work.delay(older_than_minutes=0)
    time.sleep(2)
    assert len(inbox.messages) == SUBMISSIONS
    numbers = {case.case_number for case in Case.objects.all()}
    mailed = {n for m in inbox.messages for n in numbers if n in m.content.decode()}
    assert mailed == numbers
    print(f"{SUBMISSIONS} submissions with the broker down took {outage_seconds:.1f} s")
