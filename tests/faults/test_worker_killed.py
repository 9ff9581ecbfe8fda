"""The worker is killed in the middle of sending the weekly report: it is sent exactly once."""

import time

import pytest

from reporting.models import WeeklyReport
from reporting.tasks import send_weekly_report
from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
WEEK = "2026-W45"


def test_the_weekly_report_is_sent_once_when_the_worker_dies_mid_send(broker, inbox, worker_for):
    broker.start()
    worker = worker_for(broker, inbox, REPORT_RECIPIENTS="leadership@example.gov")
    inbox.stall_seconds = 3  # the server takes its time over the first message
    first_child = worker.child_pids()

    send_weekly_report.delay(week=WEEK)
    assert inbox.data_started.wait(timeout=60), "the report never reached the mail server"
    worker.kill_child()  # SIGKILL while the message is on the wire
    inbox.stall_seconds = 0

    wait_until(
        lambda: WeeklyReport.objects.filter(week=WEEK, delivery_status="sent").exists(),
        timeout=60,
        what="the report to be sent by the replacement worker process",
    )
    send_weekly_report.delay(week=WEEK)  # beat's next run, or a retried message
    time.sleep(2)
    assert worker.child_pids() != first_child
    assert inbox.recipients() == ["leadership@example.gov"]
    assert WeeklyReport.objects.get(week=WEEK).send_attempts == 1
