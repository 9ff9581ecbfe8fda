"""Building, storing and sending the weekly leadership report."""

import csv
import io
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts import roles
from audit.integrity import latest_checkpoint
from reporting.emails import weekly_report_email
from reporting.models import Delivery, WeeklyReport
from reporting.periods import Week
from reporting.publication import displayed_tables, publish
from reporting.selectors import weekly_figures

# What a mail server or the network can throw at us; anything else is a bug, not a retry.
SMTP_ERRORS = (smtplib.SMTPException, OSError)


class WeekNotOver(ValueError):
    """A report covers a whole week: it cannot be built before the week ends."""


def report_csv(published: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["table", "row", "column", "value"])
    for table in displayed_tables(published):
        for label, values in table["rows"]:
            for column, value in zip(table["columns"], values, strict=True):
                writer.writerow([table["title"], label, column, value])
    return out.getvalue()


def build_weekly_report(*, week: Week, force: bool = False) -> WeeklyReport:
    """The week's report: built and stored once; rebuilt only when forced."""
    if week.ends_at > timezone.now():
        raise WeekNotOver(f"{week.label} ends at {week.ends_at.isoformat()}")
    existing = WeeklyReport.objects.filter(week=week.label).first()
    if existing is not None and not force:
        return existing
    k = settings.REPORT_MIN_CELL_SIZE
    published = publish(weekly_figures(starts_at=week.starts_at, ends_at=week.ends_at), k=k)
    checkpoint = latest_checkpoint()
    with transaction.atomic():
        report, _created = WeeklyReport.objects.update_or_create(
            week=week.label,
            defaults={
                "starts_at": week.starts_at,
                "ends_at": week.ends_at,
                "time_zone": week.time_zone,
                "min_cell_size": k,
                "figures": published,
                "csv": report_csv(published),
                "generated_at": timezone.now(),
                "audit_checkpoint": checkpoint.summary() if checkpoint else {},
            },
        )
    return report


def report_recipients() -> list[str]:
    """Active members of the leadership group with an address, and the configured addresses."""
    leaders = (
        get_user_model()
        .objects.filter(groups__name=roles.LEADERSHIP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({*leaders, *settings.REPORT_RECIPIENTS})


def send_weekly_report(*, report: WeeklyReport, force: bool = False) -> bool:
    """E-mail the report once. True if sent now; False if it had been sent already.

    The row stays locked while sending, so two runs of the same week cannot both send. An
    SMTP failure is recorded and raised again for the caller to retry.
    """
    failure = None
    with transaction.atomic():
        locked = WeeklyReport.objects.select_for_update().get(pk=report.pk)
        if locked.delivery_status == Delivery.SENT and not force:
            return False
        locked.recipients = report_recipients()
        locked.send_attempts += 1
        try:
            if not locked.recipients:
                raise smtplib.SMTPRecipientsRefused({})
            weekly_report_email(locked).send()
        except SMTP_ERRORS as error:
            failure = error
            locked.delivery_status = Delivery.RETRYING
            locked.last_error = f"{type(error).__name__}: {error}"[:300]
        else:
            locked.delivery_status = Delivery.SENT
            locked.sent_at = timezone.now()
            locked.last_error = ""
        locked.save()
    report.refresh_from_db()
    if failure is not None:
        raise failure
    return True


def record_delivery_failed(*, report: WeeklyReport) -> None:
    """No more retries: leave the report visibly unsent for an operator to force."""
    WeeklyReport.objects.filter(pk=report.pk).exclude(delivery_status=Delivery.SENT).update(
        delivery_status=Delivery.FAILED
    )
