"""Separate the owner that migrates from the role the application runs as (PostgreSQL)."""

from django.core.management.base import BaseCommand, CommandError

from audit.services import grant_runtime_privileges


class Command(BaseCommand):
    help = (
        "Grant the runtime database role read and write on case tables and only read and "
        "append on the audit trail. Run as the owner role after every migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role DATABASE_URL of web and worker signs in as")

    def handle(self, *args, role, **options):
        try:
            statements = grant_runtime_privileges(role=role)
        except ValueError as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(self.style.SUCCESS(f"{len(statements)} grants applied to {role}."))
