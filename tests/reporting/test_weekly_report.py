"""Building, storing and sending the report: once per week, to leadership, with charts and CSV."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Status
from reporting import services
from reporting.charts import charts
from reporting.emails import content_id
from reporting.models import Delivery, WeeklyReport
from reporting.periods import parse_week
from tests import factories
from tests.reporting.timeline import backdate, ny

W44 = parse_week("2026-W44", time_zone="America/New_York")


@pytest.fixture
def six_requests(db):
    for _ in range(6):
        case = factories.case_in(Status.TRIAGE)
        backdate(case, received=ny(2026, 10, 27, 10))


def test_it_stores_the_published_figures_and_csv_once_per_week(six_requests):
    report = services.build_weekly_report(week=W44)
    assert report.week == "2026-W44"
    assert report.figures["received"]["week"]["total"] == 6
    assert report.figures["pending"]["groups"]["triage"]["count"] == 6
    rows = list(csv.DictReader(io.StringIO(report.csv)))
    assert {
        "table": "Requests received",
        "row": "Requests received",
        "column": "This week",
        "value": "6",
    } in rows
    factories.case_in(Status.TRIAGE)
    again = services.build_weekly_report(week=W44)
    assert (again.pk, again.generated_at) == (report.pk, report.generated_at)
    assert WeeklyReport.objects.count() == 1


def test_it_rebuilds_only_when_forced(six_requests):
    first = services.build_weekly_report(week=W44)
    backdate(factories.case_in(Status.TRIAGE), received=ny(2026, 10, 28, 10))
    rebuilt = services.build_weekly_report(week=W44, force=True)
    assert rebuilt.pk == first.pk
    assert rebuilt.figures["received"]["week"]["total"] == 7


def test_it_refuses_a_week_that_is_not_over(db):
    with pytest.raises(services.WeekNotOver):
        services.build_weekly_report(week=parse_week("2099-W01"))


def test_it_publishes_small_counts_as_fewer_than_k(six_requests):
    backdate(factories.case_in(Status.CBP_REVIEW, language="ht"), received=ny(2026, 10, 28))
    report = services.build_weekly_report(week=W44)
    language = report.figures["received"]["week"]["language"]
    # 7 - 6 would give "ht" away: "es" is withheld too, and so are the zero cells.
    assert language == {
        "en": "withheld",
        "es": "withheld",
        "ht": "fewer_than_k",
        "pt-br": "withheld",
    }
    assert language["ht"] == "fewer_than_k"
    assert report.figures["received"]["week"]["total"] == 7  # totals always shown
    assert "fewer than 5" in report.csv


def test_it_emails_leadership_and_configured_addresses_once(
    six_requests, leaders, smtp_server, settings
):
    settings.REPORT_RECIPIENTS = ["crcl-desk@dhs.example.gov"]
    report = services.build_weekly_report(week=W44)
    assert services.send_weekly_report(report=report) is True
    assert services.send_weekly_report(report=report) is False  # a rerun does not send again
    assert len(smtp_server.messages) == 1
    assert sorted(smtp_server.envelopes[0].rcpt_tos) == [
        "chief@dhs.example.gov",
        "crcl-desk@dhs.example.gov",
        "deputy@dhs.example.gov",
    ]
    report.refresh_from_db()
    assert report.delivery_status == Delivery.SENT
    assert report.recipients == sorted(smtp_server.envelopes[0].rcpt_tos)
    assert services.send_weekly_report(report=report, force=True) is True
    assert len(smtp_server.messages) == 2


def test_it_sends_html_with_inline_charts_a_text_part_and_the_csv(
    six_requests, leaders, smtp_server
):
    report = services.build_weekly_report(week=W44)
    services.send_weekly_report(report=report)
    message = smtp_server.messages[0]
    assert "2026-W44" in message["Subject"]
    assert message.get_content_type() == "multipart/mixed"
    related, attachment = message.get_payload()
    assert related.get_content_type() == "multipart/related"
    alternative, *images = related.get_payload()
    text, html = alternative.get_payload()
    assert text.get_content_type() == "text/plain"
    assert "Requests received" in text.get_content()
    assert html.get_content_type() == "text/html"
    expected = charts(report.figures)
    assert [image.get_content_type() for image in images] == ["image/png"] * len(expected)
    for image, (name, png) in zip(images, expected.items(), strict=True):
        assert image["Content-ID"] == f"<{content_id(name)}>"
        assert f'src="cid:{content_id(name)}"' in html.get_content()
        assert image.get_content() == png
    assert attachment.get_filename() == "mpp-weekly-report-2026-W44.csv"
    assert attachment.get_content_type() == "text/csv"
    assert attachment.get_content().replace("\n", "\r\n").replace("\r\r", "\r") == report.csv


def test_it_records_an_smtp_failure_and_raises_it_for_a_retry(six_requests, leaders, smtp_server):
    smtp_server.refuse = 1
    report = services.build_weekly_report(week=W44)
    with pytest.raises(services.SMTP_ERRORS):
        services.send_weekly_report(report=report)
    report.refresh_from_db()
    assert report.delivery_status == Delivery.RETRYING
    assert "451" in report.last_error
    assert services.send_weekly_report(report=report) is True
    report.refresh_from_db()
    assert (report.delivery_status, report.send_attempts) == (Delivery.SENT, 2)


def test_the_command_builds_and_sends_a_week(six_requests, leaders, smtp_server, capsys):
    call_command("build_weekly_report", "--week", "2026-W44", "--send")
    call_command("build_weekly_report", "--week", "2026-W44", "--send")
    output = capsys.readouterr().out
    assert "sent to 2 recipients" in output
    assert "already sent" in output
    assert len(smtp_server.messages) == 1
    call_command("build_weekly_report", "--week", "2026-W44", "--send", "--force")
    assert len(smtp_server.messages) == 2


def test_the_command_rejects_a_malformed_week(db):
    with pytest.raises(CommandError):
        call_command("build_weekly_report", "--week", "2026-47")


def test_it_carries_the_audit_trails_latest_checkpoint(
    six_requests, leaders, smtp_server, settings
):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from audit.checkpoints import private_key_pem
    from audit.integrity import sign_checkpoint
    from audit.models import AuditEvent

    settings.AUDIT_SIGNING_KEY = private_key_pem(Ed25519PrivateKey.generate()).decode()
    sign_checkpoint()
    head = AuditEvent.objects.order_by("-id").first()

    report = services.build_weekly_report(week=W44)
    services.send_weekly_report(report=report)

    assert report.audit_checkpoint["rows"] == head.sequence
    assert report.audit_checkpoint["head_hash"] == head.row_hash
    related, _attachment = smtp_server.messages[0].get_payload()
    text, html = related.get_payload()[0].get_payload()
    for part in (text, html):
        assert f"Audit trail: {head.sequence} events" in part.get_content()
        assert head.row_hash in part.get_content()


def test_without_a_checkpoint_the_report_says_nothing_of_one(six_requests):
    assert services.build_weekly_report(week=W44).audit_checkpoint == {}
