"""Draw CRCL's audit sample of one week's decisions, as the Monday beat job does."""

import datetime
import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from routing.crcl_audits import sample_week

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class Command(BaseCommand):
    help = (
        "Sample a share of one ISO week's decisions for CRCL audit (by default the last "
        "complete week). Prints the sample's id, seed and size; never a name."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", help="an ISO week such as 2026-W47")
        parser.add_argument(
            "--share",
            type=float,
            help=f"default CRCL_AUDIT_SAMPLE_SHARE ({settings.CRCL_AUDIT_SAMPLE_SHARE})",
        )
        parser.add_argument("--seed", type=int, help="repeat an earlier draw exactly")

    def handle(self, *args, week, share, seed, **options):
        if week:
            match = ISO_WEEK.match(week)
            if not match:
                raise CommandError(f"--week must look like 2026-W47, not {week!r}")
            year, number = int(match.group(1)), int(match.group(2))
            try:
                datetime.date.fromisocalendar(year, number, 1)
            except ValueError as error:
                raise CommandError(f"{week} is not a week of {year}") from error
        else:
            last_week = timezone.localdate() - datetime.timedelta(days=7)
            year, number, _day = last_week.isocalendar()
        try:
            sample = sample_week(year=year, week=number, share=share, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sample {sample.pk} of {year}-W{number:02d}: {sample.entries.count()} case(s), "
            f"seed {sample.seed}"
        )
