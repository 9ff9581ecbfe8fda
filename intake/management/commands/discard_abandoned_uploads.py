from django.core.management.base import BaseCommand

from intake.services import discard_abandoned_uploads


class Command(BaseCommand):
    help = "Remove files held for public forms nobody finished (the hourly task does the same)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the files that would go; remove nothing"
        )

    def handle(self, *args, dry_run, **options):
        names = discard_abandoned_uploads(dry_run=dry_run)
        for name in names:
            self.stdout.write(name)
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(f"{len(names)} abandoned upload(s) {verb}.")
