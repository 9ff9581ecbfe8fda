"""Which week the Monday job reports on, checked against a calendar written out by hand (ISO
weeks; Monday 00:00 to Monday 00:00 on the report zone's wall clock), not against the code's
own week arithmetic."""

from datetime import UTC, datetime

import pytest

from reporting.periods import last_complete_week

NY, LA = "America/New_York", "America/Los_Angeles"

# (the moment the job runs, in UTC; the report zone) -> (week reported, its start, its end: UTC)
CALENDAR = [
    # The scheduled run, Monday 30 November 2026 07:00 New York (EST, UTC-5): week 48, 23-29 Nov.
    (datetime(2026, 11, 30, 12, 0, tzinfo=UTC), NY, "2026-W48",
     datetime(2026, 11, 23, 5, 0, tzinfo=UTC), datetime(2026, 11, 30, 5, 0, tzinfo=UTC)),
    # Half an hour after midnight on that Monday, New York: week 48 is complete already.
    (datetime(2026, 11, 30, 5, 30, tzinfo=UTC), NY, "2026-W48",
     datetime(2026, 11, 23, 5, 0, tzinfo=UTC), datetime(2026, 11, 30, 5, 0, tzinfo=UTC)),
    # Sunday 29 November 23:30 New York: week 48 is still running; week 47 is the last complete.
    (datetime(2026, 11, 30, 4, 30, tzinfo=UTC), NY, "2026-W47",
     datetime(2026, 11, 16, 5, 0, tzinfo=UTC), datetime(2026, 11, 23, 5, 0, tzinfo=UTC)),
    # The same instant in Los Angeles is Sunday 20:30: week 47 there too...
    (datetime(2026, 11, 30, 4, 30, tzinfo=UTC), LA, "2026-W47",
     datetime(2026, 11, 16, 8, 0, tzinfo=UTC), datetime(2026, 11, 23, 8, 0, tzinfo=UTC)),
    # ...and at 07:30 UTC Monday it is still Sunday 23:30 in Los Angeles.
    (datetime(2026, 11, 30, 7, 30, tzinfo=UTC), LA, "2026-W47",
     datetime(2026, 11, 16, 8, 0, tzinfo=UTC), datetime(2026, 11, 23, 8, 0, tzinfo=UTC)),
    # Week 44 holds the autumn clock change (Sunday 1 November): 169 hours, EDT to EST.
    (datetime(2026, 11, 2, 12, 0, tzinfo=UTC), NY, "2026-W44",
     datetime(2026, 10, 26, 4, 0, tzinfo=UTC), datetime(2026, 11, 2, 5, 0, tzinfo=UTC)),
    # 2026 has 53 ISO weeks: on Monday 4 January 2027 the last complete week is 2026-W53.
    (datetime(2027, 1, 4, 12, 0, tzinfo=UTC), NY, "2026-W53",
     datetime(2026, 12, 28, 5, 0, tzinfo=UTC), datetime(2027, 1, 4, 5, 0, tzinfo=UTC)),
    # The first Monday of 2027's second week reports 2027-W01 (4-10 January).
    (datetime(2027, 1, 11, 12, 0, tzinfo=UTC), NY, "2027-W01",
     datetime(2027, 1, 4, 5, 0, tzinfo=UTC), datetime(2027, 1, 11, 5, 0, tzinfo=UTC)),
    # 2020 had 53 weeks as well.
    (datetime(2021, 1, 4, 12, 0, tzinfo=UTC), NY, "2020-W53",
     datetime(2020, 12, 28, 5, 0, tzinfo=UTC), datetime(2021, 1, 4, 5, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize(("now", "zone", "label", "starts_at", "ends_at"), CALENDAR)
def test_the_job_reports_the_week_the_calendar_says(now, zone, label, starts_at, ends_at):
    week = last_complete_week(now=now, time_zone=zone)

    assert (week.label, week.starts_at, week.ends_at) == (label, starts_at, ends_at)
