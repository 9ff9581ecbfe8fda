"""Fill a benchmark database with synthetic cases (see demo.load, docs/performance.md)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.load.writing import generate_cases


class Command(BaseCommand):
    help = "Create N synthetic cases with documents, history, audit and permission rows."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-overlap",
            action="store_true",
            help="Write in this connection only (slower; stays inside the caller's transaction).",
        )
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            help="Required unless DEBUG is on: synthetic cases must never reach a real database.",
        )

    def handle(self, *args, cases, seed, no_overlap, i_know_this_is_not_production, **options):
        if not (settings.DEBUG or i_know_this_is_not_production):
            raise CommandError(
                "Refusing to add synthetic cases: pass --i-know-this-is-not-production."
            )
        started = time.perf_counter()
        name = connection.settings_dict["NAME"]
        self.stderr.write(f"Generating {cases} cases into {connection.vendor} database {name}")

        def progress(made, total):
            elapsed = time.perf_counter() - started
            self.stderr.write(f"{made}/{total} cases, {elapsed:.0f} s, {made / elapsed:.0f}/s")

        written = generate_cases(
            count=cases, seed=seed, progress=progress, overlap=False if no_overlap else None
        )
        elapsed = time.perf_counter() - started
        for label, rows in sorted(written.items()):
            self.stdout.write(f"{label}: {rows} rows")
        self.stdout.write(f"{cases} cases in {elapsed:.1f} s ({cases / elapsed:.0f} cases/s)")
