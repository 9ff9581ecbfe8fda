"""The weekly job, run by Celery beat (schedule editable in the staff site)."""

from celery import shared_task
from django.conf import settings

from reporting import services
from reporting.periods import last_complete_week, parse_week


@shared_task(bind=True, name="reporting.tasks.send_weekly_report", max_retries=None)
def send_weekly_report(self, week: str | None = None, force: bool = False):
    """Build and e-mail a week's report (by default the last complete week), once.

    A rerun for a week already sent does nothing unless forced. SMTP failures are retried
    with a growing delay; after the last retry the report is marked failed.
    """
    target = parse_week(week) if week else last_complete_week()
    first_attempt = self.request.retries == 0
    report = services.build_weekly_report(week=target, force=force and first_attempt)
    try:
        sent = services.send_weekly_report(report=report, force=force and first_attempt)
    except services.SMTP_ERRORS as error:
        if self.request.retries >= settings.REPORT_SEND_MAX_RETRIES:
            services.record_delivery_failed(report=report)
            raise
        delay = settings.REPORT_SEND_RETRY_SECONDS * 2**self.request.retries
        # Retry the same week even if the task started without one and the calendar moved on.
        raise self.retry(
            exc=error, countdown=delay, kwargs={"week": target.label, "force": force}
        ) from error
    return {"week": report.week, "sent": sent}
