"""The weekly CRCL sample, run by a real Celery worker through the Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from cases.models import Status
from cases.services import reviews
from config.celery import app
from routing.models import AuditSample
from routing.tasks import sample_decided_cases_for_audit
from tests import factories


def test_it_is_scheduled_weekly_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["crcl-audit-weekly-sample"]

    assert entry["task"] == sample_decided_cases_for_audit.name
    assert entry["schedule"].day_of_week == {1}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_draws_the_sample(staff):
    if app.conf.task_always_eager or settings.CELERY_BROKER_URL.startswith("memory"):
        pytest.skip("needs a real broker (CELERY_BROKER_URL)")
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    # The default rules are back although an earlier transactional test flushed them.
    assert case.placement.rule is not None
    reviews.record_cbp_outcome(case=case, outcome="disenroll", actor=staff.cbp)

    with start_worker(app, perform_ping_check=False, shutdown_timeout=20):
        sample_decided_cases_for_audit.delay()
        deadline = time.monotonic() + 30
        while not AuditSample.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.2)

    sample = AuditSample.objects.get()
    assert list(sample.entries.values_list("case_id", flat=True)) == [case.pk]
