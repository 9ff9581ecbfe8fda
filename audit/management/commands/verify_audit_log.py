"""Verify the audit trail: its hash chain, held against the latest signed checkpoint."""

from django.core.management.base import BaseCommand, CommandError

from audit.integrity import verify


class Command(BaseCommand):
    help = (
        "Verify the audit log: by default from the latest signed checkpoint to the newest row; "
        "with --full, every row from the first. Exits non-zero naming what it found: a row "
        "altered, removed or reordered, a truncation or a consistent rewrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full",
            action="store_true",
            help="walk every row, not only those after the checkpoint",
        )
        parser.add_argument("--progress-every", type=int, default=100_000)

    def handle(self, *args, full, progress_every, **options):
        result = verify(
            full=full,
            progress=lambda rows: self.stderr.write(f"{rows} rows verified"),
            progress_every=progress_every,
        )
        checkpoint = result.checkpoint
        if result.problem is not None:
            raise CommandError(f"Audit log chain broken: {result.problem.message}")
        if checkpoint is None:
            self.stderr.write(
                "No signed checkpoint yet: the chain holds, but a truncation of the newest rows "
                "or a consistent rewrite could not be seen."
            )
            scope = "from the first row"
        elif full:
            scope = (
                f"from the first row; the checkpoint of {checkpoint.payload()['signed_at']} holds"
            )
        else:
            scope = (
                f"after the checkpoint of {checkpoint.payload()['signed_at']} "
                f"(sequence {checkpoint.rows}, head {checkpoint.head_hash[:16]}...)"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit log intact: {result.rows_verified} rows verified {scope}.")
        )
