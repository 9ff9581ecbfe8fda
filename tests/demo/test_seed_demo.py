from django.contrib.auth import get_user_model
from django.core.management import call_command

from cases.models import Case, Language, Status


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
