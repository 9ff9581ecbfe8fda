"""The report archive in the staff site: leadership, program and components; nobody else."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from cases.models import Status
from reporting import services
from reporting.periods import parse_week
from tests import factories
from tests.reporting.timeline import backdate, ny
from tests.staff_sign_in import sign_in_verified  # staff pages need a verified second factor

# WhiteNoise warns that no collectstatic ran: irrelevant to these pages.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
READERS = ("leadership", "program", "cbp", "uscis", "crcl")
OTHERS = ("admin", "developers")


@pytest.fixture
def report(db):
    for _ in range(5):
        backdate(factories.case_in(Status.TRIAGE), received=ny(2026, 10, 27, 10))
    return services.build_weekly_report(week=parse_week("2026-W44"))


@pytest.mark.parametrize("role", READERS)
def test_it_shows_each_week_with_its_charts_and_csv(client, staff, report, role):
    sign_in_verified(client, getattr(staff, role))
    listing = client.get(reverse("admin:reporting_weeklyreport_changelist"))
    assert listing.status_code == 200
    assert "2026-W44" in listing.text
    page = client.get(reverse("admin:reporting_weeklyreport_change", args=[report.pk]))
    assert page.status_code == 200
    assert "Requests received" in page.text
    chart_url = reverse("admin:reporting_weeklyreport_chart", args=[report.pk, "pending"])
    csv_url = reverse("admin:reporting_weeklyreport_csv", args=[report.pk])
    assert chart_url in page.text and csv_url in page.text
    chart = client.get(chart_url)
    assert chart["Content-Type"] == "image/png"
    assert chart.content.startswith(b"\x89PNG")


def test_it_serves_the_stored_csv_and_records_the_export(client, staff, report):
    sign_in_verified(client, staff.leadership)
    response = client.get(reverse("admin:reporting_weeklyreport_csv", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="mpp-weekly-report-2026-W44.csv"'
    )
    assert response.content.decode() == report.csv
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert (event.actor_id, event.detail) == (staff.leadership.pk, {"weekly_report": "2026-W44"})


@pytest.mark.parametrize("role", OTHERS)
def test_it_hides_reports_from_administrators_and_developers(client, staff, report, role):
    sign_in_verified(client, getattr(staff, role))
    assert client.get(reverse("admin:reporting_weeklyreport_changelist")).status_code == 403
    for url in (
        reverse("admin:reporting_weeklyreport_change", args=[report.pk]),
        reverse("admin:reporting_weeklyreport_chart", args=[report.pk, "pending"]),
        reverse("admin:reporting_weeklyreport_csv", args=[report.pk]),
    ):
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_no_one_edits_or_deletes_a_report_in_the_staff_site(client, staff, report):
    sign_in_verified(client, staff.leadership)
    delete = reverse("admin:reporting_weeklyreport_delete", args=[report.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:reporting_weeklyreport_add")).status_code == 403
