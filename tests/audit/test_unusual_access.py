"""Administrators are alerted when someone opens far more cases in an hour than usual."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from audit.services import alert_unusual_access, record_event
from audit.tasks import alert_unusual_access as alert_task


def opened(user, count, *, at=None):
    # Events take their time from the clock; history is written with the clock set back.
    with mock.patch("audit.services.timezone.now", return_value=at or timezone.now()):
        for case_id in range(count):
            record_event(action=Action.VIEW_CASE, actor=user, case_id=case_id)


@pytest.fixture
def thresholds(settings):
    settings.UNUSUAL_ACCESS_CASES_PER_HOUR = 20
    settings.UNUSUAL_ACCESS_BASELINE_FACTOR = 3.0
    settings.ADMINS = []


@pytest.fixture
def administrator_with_email(staff):
    staff.admin.email = "admin.officer@example.gov"
    staff.admin.save()
    return staff.admin


def test_it_alerts_administrators_when_someone_opens_many_cases(
    staff, thresholds, administrator_with_email, mailoutbox
):
    opened(staff.cbp, 25)
    opened(staff.uscis, 5)

    assert alert_unusual_access() == [staff.cbp.pk]

    (alert,) = mailoutbox
    assert alert.to == ["admin.officer@example.gov"]
    assert "cbp.officer opened 25 cases" in alert.body
    event = AuditEvent.objects.get(action=Action.UNUSUAL_ACCESS)
    assert event.detail["username"] == "cbp.officer"


def test_it_alerts_once_an_hour_per_person(staff, thresholds, administrator_with_email, mailoutbox):
    opened(staff.cbp, 25)
    assert alert_task() == 1
    assert alert_task() == 0
    assert len(mailoutbox) == 1


def test_it_leaves_alone_someone_whose_usual_pace_is_that_high(staff, thresholds, mailoutbox):
    for days_ago in range(1, 6):
        opened(staff.cbp, 25, at=timezone.now() - timedelta(days=days_ago))
    opened(staff.cbp, 25)
    assert alert_unusual_access() == []
    opened(staff.uscis, 25)
    assert alert_unusual_access() == [staff.uscis.pk]


def test_the_threshold_is_configurable(staff, thresholds, settings, mailoutbox):
    settings.UNUSUAL_ACCESS_CASES_PER_HOUR = 30
    opened(staff.cbp, 25)
    assert alert_unusual_access() == []
