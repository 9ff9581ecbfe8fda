"""Walk the audit hash chain and name the first row that was altered, removed or reordered."""

from django.core.management.base import BaseCommand, CommandError

from audit.chain import first_break
from audit.selectors import chain_rows, sequence_exists


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exits non-zero at the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--progress-every", type=int, default=100_000)

    def handle(self, *args, progress_every, **options):
        counted = 0

        def counting(rows):
            nonlocal counted
            for row in rows:
                counted += 1
                if progress_every and counted % progress_every == 0:
                    self.stderr.write(f"{counted} rows verified")
                yield row

        broken = first_break(counting(chain_rows()), sequence_exists)
        if broken:
            raise CommandError(f"Audit log chain broken: {broken.message}")
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {counted} rows verified."))
