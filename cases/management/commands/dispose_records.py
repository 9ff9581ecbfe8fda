from django.core.management.base import BaseCommand

from cases.services.retention import dispose_of_eligible_cases, disposition_report


class Command(BaseCommand):
    help = "Dispose of closed cases past an active retention schedule (never held ones)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be disposed of; change nothing"
        )

    def handle(self, *args, dry_run, **options):
        if dry_run:
            lines = disposition_report()
            for line in lines:
                self.stdout.write(
                    f"{line.case_number}  {line.record_type}  closed {line.closed_at:%Y-%m-%d}"
                )
            self.stdout.write(f"{len(lines)} case(s) would be disposed of.")
            return

        def progress(record_type, done, total):
            if done == total or done % 100 == 0:
                self.stdout.write(f"  {record_type}: {done}/{total}")

        dispositions = dispose_of_eligible_cases(progress=progress)
        self.stdout.write(f"{len(dispositions)} case(s) disposed of.")
