from django.core.management.base import BaseCommand, CommandError

from reporting import services
from reporting.periods import last_complete_week, parse_week


class Command(BaseCommand):
    help = "Build (and with --send, e-mail) the weekly leadership report for an ISO week."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week such as 2026-W47; default: last full week")
        parser.add_argument("--send", action="store_true", help="e-mail it to the recipients")
        parser.add_argument(
            "--force", action="store_true", help="rebuild, and send again if already sent"
        )

    def handle(self, *args, week=None, send=False, force=False, **options):
        try:
            target = parse_week(week) if week else last_complete_week()
            report = services.build_weekly_report(week=target, force=force)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{report.week}: built {report.generated_at:%Y-%m-%d %H:%M:%S %Z}, "
            f"{report.figures['received']['week']['total']} requests received this week"
        )
        if not send:
            return
        try:
            sent = services.send_weekly_report(report=report, force=force)
        except services.SMTP_ERRORS as error:
            raise CommandError(f"{report.week}: sending failed: {error}") from error
        if sent:
            self.stdout.write(f"{report.week}: sent to {len(report.recipients)} recipients")
        else:
            self.stdout.write(f"{report.week}: already sent; use --force to send again")
