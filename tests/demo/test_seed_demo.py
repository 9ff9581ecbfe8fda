import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cases.models import Case, Language, Status
from tests.celery_worker import database_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def demo_mode(settings):
    settings.MPP_DEMO_MODE = True


def test_it_creates_a_user_per_role_and_cases_in_every_state_and_language(db):
    call_command("seed_demo", "--cases", "120", stdout=open("/dev/null", "w"))

    users = get_user_model().objects.filter(username__startswith="demo-")
    assert sorted(u.groups.get().name for u in users) == sorted(
        ["program", "cbp", "uscis", "crcl", "admin", "developers", "leadership"]
    )
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values) - {
        Status.SUBMITTED
    }
    assert set(Case.objects.values_list("language", flat=True)) == set(Language.values)


def test_running_it_again_adds_nothing(db):
    call_command("seed_demo", "--cases", "20", stdout=open("/dev/null", "w"))
    call_command("seed_demo", "--cases", "20", stdout=open("/dev/null", "w"))

    assert Case.objects.count() == 20
    assert get_user_model().objects.filter(username__startswith="demo-").count() == 7


def test_demo_staff_see_the_cases_routed_to_them(db):
    from routing.access import cases_visible_to

    call_command("seed_demo", "--cases", "60", stdout=open("/dev/null", "w"))
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")}

    assert cases_visible_to(users["demo-program"]).count() == 60
    assert cases_visible_to(users["demo-cbp"]).exists()
    assert cases_visible_to(users["demo-uscis"]).exists()
    assert cases_visible_to(users["demo-crcl"]).exists()
    assert not cases_visible_to(users["demo-leadership"]).exists()


def test_the_demo_administrator_is_a_plain_member_of_the_admin_group(db, django_user_model):
    # A demo database seeded before made it a superuser: seeding again makes it plain.
    django_user_model.objects.create_user("demo-admin", is_staff=True, is_superuser=True)
    call_command("seed_demo", "--cases", "0", stdout=open("/dev/null", "w"))

    administrator = django_user_model.objects.get(username="demo-admin")
    assert not administrator.is_superuser
    assert list(administrator.groups.values_list("name", flat=True)) == ["admin"]
    assert not django_user_model.objects.filter(is_superuser=True).exists()


def test_it_refuses_outside_demo_mode_and_creates_nobody(db, settings):
    settings.MPP_DEMO_MODE = False

    with pytest.raises(CommandError, match="MPP_DEMO_MODE"):
        call_command("seed_demo", "--cases", "5", stdout=open("/dev/null", "w"))
    assert not get_user_model().objects.exists()
    assert not Case.objects.exists()


def test_the_command_exits_non_zero_with_demo_mode_off(db):
    env = {**os.environ, "MPP_DEMO_MODE": "false", "DATABASE_URL": database_url()}

    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", "seed_demo", "--cases", "5"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "seed_demo works only when MPP_DEMO_MODE is on" in result.stderr
    assert "demo-password" not in result.stdout + result.stderr


def test_the_demo_shows_overdue_work_and_last_weeks_report(db):
    """What `./scripts/run` promises on a fresh database: ageing, overdue, a weekly report."""
    from reporting.models import WeeklyReport
    from reporting.periods import last_complete_week
    from staff.selectors import queue_counts

    call_command("seed_demo", "--cases", "150", stdout=open("/dev/null", "w"))
    cbp = get_user_model().objects.get(username="demo-cbp")

    counts = queue_counts(user=cbp)
    assert counts["overdue"] > 0 and counts["team_unassigned"] > 0
    report = WeeklyReport.objects.get(week=last_complete_week().label)
    assert report.figures["received"]["week"]["total"] > 0
    assert report.delivery_status == "sent"
    received = Case.objects.values_list("received_at", flat=True)
    assert (max(received) - min(received)).days >= 70  # spread over the past twelve weeks


def test_the_demos_history_verifies(db, capsys):
    call_command("seed_demo", "--cases", "40", stdout=open("/dev/null", "w"))
    call_command("verify_audit_log")
    assert "Audit log intact" in capsys.readouterr().out
