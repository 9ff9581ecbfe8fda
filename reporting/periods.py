"""Report weeks: Monday 00:00 to the next Monday 00:00 on the wall clock of the report's zone.

Bounds are computed from local dates, then made aware, so a week that contains a
daylight-saving change is 167 or 169 hours long and still ends at local midnight.
"""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class Week:
    year: int
    number: int
    time_zone: str

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.number, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.first_day + datetime.timedelta(days=6)

    def _local_midnight(self, day: datetime.date) -> datetime.datetime:
        local = datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(self.time_zone))
        # In UTC: arithmetic on datetimes sharing a ZoneInfo is wall-clock, not elapsed, time.
        return local.astimezone(datetime.UTC)

    @property
    def starts_at(self) -> datetime.datetime:
        return self._local_midnight(self.first_day)

    @property
    def ends_at(self) -> datetime.datetime:
        """Exclusive: the following Monday at local midnight."""
        return self._local_midnight(self.first_day + datetime.timedelta(days=7))


def report_time_zone() -> str:
    return settings.REPORT_TIME_ZONE


def parse_week(text: str, *, time_zone: str | None = None) -> Week:
    """'2026-W47' -> that ISO week. Raises ValueError for anything else."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO week like 2026-W47: {text!r}")
    year, number = int(match.group(1)), int(match.group(2))
    datetime.date.fromisocalendar(year, number, 1)  # raises ValueError for week 53 of short years
    return Week(year, number, time_zone or report_time_zone())


def week_containing(day: datetime.date, *, time_zone: str | None = None) -> Week:
    year, number, _weekday = day.isocalendar()
    return Week(year, number, time_zone or report_time_zone())


def last_complete_week(*, now: datetime.datetime | None = None, time_zone: str | None = None):
    """The Monday-to-Sunday week before the one in progress on the report zone's calendar."""
    zone = time_zone or report_time_zone()
    today = timezone.localtime(now or timezone.now(), ZoneInfo(zone)).date()
    return week_containing(today - datetime.timedelta(days=7), time_zone=zone)
