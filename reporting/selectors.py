"""The weekly figures, computed in the database.

Every figure is an aggregate query: seven queries whatever the number of cases, and no Python
loop over cases. The same SQL runs on PostgreSQL and on the embedded SQLite, but for two
things: how each spells "seconds between two timestamps", and percentiles, which PostgreSQL
computes with percentile_cont and SQLite with window functions (same definition, tested to
agree).

"This week" counts events inside [starts_at, ends_at); "cumulative" counts events before
ends_at. Pending figures are the queue as it stood at ends_at, reconstructed from the case
transitions for cases that have moved since, so a report built late is still about its week.
"""

import datetime

from django.db import connection, transaction
from django.db.models import Case as CaseWhen
from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from cases.components import COMPONENTS
from cases.models import (
    CONCERN_FIELDS,
    Case,
    CaseTransition,
    Component,
    CRCLAudit,
    CRCLOutcome,
    Language,
    Status,
    SubmitterType,
)

CONCERNS = (*CONCERN_FIELDS, "concern_something_else")

# Where a pending case waits, by the status it is in.
PENDING_GROUPS = {
    "triage": (Status.SUBMITTED, Status.TRIAGE),
    "program": (Status.PROGRAM_HANDLING,),
    "cbp": (Status.CBP_REVIEW,),
    "uscis": (Status.USCIS_REVIEW,),
    "awaiting_information": (Status.AWAITING_INFORMATION,),
}
# Age of a pending request since receipt, in elapsed days: [from, to).
AGE_BUCKETS = {
    "under_7": (0, 7),
    "7_to_29": (7, 30),
    "30_to_59": (30, 60),
    "60_to_89": (60, 90),
    "90_or_more": (90, None),
}
# Each deciding component's module and the outcomes that are decisions (a return to CBP is a
# referral), in the report's order.
DECIDING_COMPONENTS = {
    component: (COMPONENTS[component].module_model, COMPONENTS[component].decisions)
    for component in (Component.PROGRAM, Component.CBP, Component.USCIS)
}
TIMEFRAMES = {
    "receipt_to_referral": ("received_at", "first_referred_at"),
    "referral_to_decision": ("first_referred_at", "decided_at"),
    "decision_to_communication": ("decided_at", "communicated_at"),
    "receipt_to_communication": ("received_at", "communicated_at"),
}
SCOPES = ("week", "cumulative")
DAY = 86400.0


def weekly_figures(*, starts_at: datetime.datetime, ends_at: datetime.datetime) -> dict:
    """Every figure of the weekly report, unsuppressed. Counts and durations only."""
    return {
        "received": requests_received(starts_at=starts_at, ends_at=ends_at),
        "pending": pending_at(ends_at=ends_at),
        "decisions": decisions_by_component(starts_at=starts_at, ends_at=ends_at),
        "timeframes": timeframes(starts_at=starts_at, ends_at=ends_at),
        "crcl_audits": crcl_audits(starts_at=starts_at, ends_at=ends_at),
    }


def _week_and_cumulative(name, condition, *, field, starts_at, ends_at):
    """Two counts of one condition: events in the week and events before its end."""
    before_end = Q(**{f"{field}__lt": ends_at})
    return {
        f"week__{name}": Count(
            "pk", filter=condition & before_end & Q(**{f"{field}__gte": starts_at})
        ),
        f"cumulative__{name}": Count("pk", filter=condition & before_end),
    }


def _split_scopes(row: dict, names) -> dict:
    return {scope: {name: row[f"{scope}__{name}"] for name in names} for scope in SCOPES}


def requests_received(*, starts_at, ends_at) -> dict:
    """Requests received by submitter type, language and concern; decisions communicated."""
    dimensions = {
        "submitter_type": {value: Q(submitter_type=value) for value in SubmitterType.values},
        "language": {value: Q(language=value) for value in Language.values},
        "concern": {name: Q(**{name: True}) for name in CONCERNS},
    }
    window = {"starts_at": starts_at, "ends_at": ends_at}
    aggregates = _week_and_cumulative("total", Q(), field="received_at", **window)
    for dimension, cells in dimensions.items():
        for value, condition in cells.items():
            aggregates |= _week_and_cumulative(
                f"{dimension}.{value}", condition, field="received_at", **window
            )
    aggregates |= _week_and_cumulative("communicated", Q(), field="communicated_at", **window)
    row = Case.objects.filter(received_at__isnull=False).aggregate(**aggregates)
    figures = {}
    for scope in SCOPES:
        figures[scope] = {
            "total": row[f"{scope}__total"],
            "communicated": row[f"{scope}__communicated"],
            **{
                dimension: {value: row[f"{scope}__{dimension}.{value}"] for value in cells}
                for dimension, cells in dimensions.items()
            },
        }
    return figures


def _status_at(ends_at):
    """A case's status at ends_at: its current one, unless it has moved since."""
    moved_since = CaseTransition.objects.filter(occurred_at__gte=ends_at).values("case_id")
    last_before = (
        CaseTransition.objects.filter(case=OuterRef("pk"), occurred_at__lt=ends_at)
        .order_by("-occurred_at", "-pk")
        .values("to_status")[:1]
    )
    return CaseWhen(
        When(pk__in=moved_since, then=Coalesce(Subquery(last_before), Value(Status.SUBMITTED))),
        default=F("status"),
    )


def pending_at(*, ends_at) -> dict:
    """Pending requests by where they wait at ends_at, in age buckets, with the oldest age."""
    # Ages are elapsed time: subtract days in UTC, not on a wall clock that may fall back.
    end = ends_at.astimezone(datetime.UTC)
    buckets = {}
    for name, (low, high) in AGE_BUCKETS.items():
        received = Q(received_at__lte=end - datetime.timedelta(days=low))
        if high is not None:
            received &= Q(received_at__gt=end - datetime.timedelta(days=high))
        buckets[name] = Count("pk", filter=received)
    # Grouped by status (at most nine rows); statuses are folded into groups below, so the
    # status-at-end expression is evaluated once per case.
    rows = (
        Case.objects.filter(received_at__lt=end)
        .annotate(status_then=_status_at(end))
        .values("status_then")
        .annotate(count=Count("pk"), oldest=Min("received_at"), **buckets)
        .order_by()
    )
    group_of = {status: group for group, statuses in PENDING_GROUPS.items() for status in statuses}
    groups = {
        group: {"count": 0, "oldest": None, "buckets": dict.fromkeys(AGE_BUCKETS, 0)}
        for group in PENDING_GROUPS
    }
    for row in rows:
        group = groups.get(group_of.get(row["status_then"]))
        if group is None:
            continue  # decided, communicated or closed: not pending
        group["count"] += row["count"]
        group["oldest"] = min(filter(None, (group["oldest"], row["oldest"])))
        for name in AGE_BUCKETS:
            group["buckets"][name] += row[name]
    for group in groups.values():
        oldest = group.pop("oldest")
        group["oldest_days"] = oldest and round((end - oldest).total_seconds() / DAY, 1)
    return {"total": sum(group["count"] for group in groups.values()), "groups": groups}


def decisions_by_component(*, starts_at, ends_at) -> dict:
    """Decisions recorded by each component, by outcome: one query per component module."""
    window = {"starts_at": starts_at, "ends_at": ends_at}
    figures = {scope: {} for scope in SCOPES}
    for component, (model, outcomes) in DECIDING_COMPONENTS.items():
        aggregates = {}
        for outcome in outcomes:
            aggregates |= _week_and_cumulative(
                outcome, Q(outcome=outcome), field="decided_at", **window
            )
        by_scope = _split_scopes(model.objects.aggregate(**aggregates), outcomes)
        for scope in SCOPES:
            figures[scope][component] = by_scope[scope]
    return figures


def crcl_audits(*, starts_at, ends_at) -> dict:
    """CRCL audits completed, by finding."""
    window = {"starts_at": starts_at, "ends_at": ends_at}
    aggregates = {}
    for outcome in CRCLOutcome.values:
        aggregates |= _week_and_cumulative(
            outcome, Q(outcome=outcome), field="completed_at", **window
        )
    return _split_scopes(CRCLAudit.objects.aggregate(**aggregates), CRCLOutcome.values)


def _seconds_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        # date_part gives double precision; EXTRACT gives numeric, several times slower to sort.
        return f"date_part('epoch', {later} - {earlier})"
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


def _spans_sql() -> str:
    """One row per completed span before the week's end: measure, seconds, when it ended."""
    table = connection.ops.quote_name(Case._meta.db_table)
    column = {f.name: connection.ops.quote_name(f.column) for f in Case._meta.concrete_fields}
    return " UNION ALL ".join(
        f"SELECT '{measure}' AS measure, "  # noqa: S608 - names from the model, no input
        f"{_seconds_between(column[end], column[start])} AS seconds, "
        f"{column[end]} AS ended_at FROM {table} "
        f"WHERE {column[start]} IS NOT NULL AND {column[end]} IS NOT NULL "
        f"AND {column[end]} < %(ends_at)s"
        for measure, (start, end) in TIMEFRAMES.items()
    )


_SCOPED = """
    SELECT 'cumulative' AS scope, measure, seconds FROM spans
    UNION ALL
    SELECT 'week' AS scope, measure, seconds FROM spans WHERE ended_at >= %(starts_at)s
"""

# Portable (SQLite, the embedded mode): percentiles interpolate between the two nearest ranks,
# as percentile_cont does. The p-quantile of n sorted values sits at 1-based position
# 1 + p (n - 1); the ranks below and above it are found with integer arithmetic in SQL, and
# Python interpolates between the two values.
_PORTABLE_SQL = """
WITH spans AS ({spans}),
scoped AS ({scoped}),
ranked AS (
    SELECT scope, measure, seconds,
        ROW_NUMBER() OVER (PARTITION BY scope, measure ORDER BY seconds) AS rn,
        COUNT(*) OVER (PARTITION BY scope, measure) AS n
    FROM scoped
)
SELECT scope, measure, MAX(n), MAX(seconds),
    MAX(CASE WHEN rn = 1 + (n - 1) / 2 THEN seconds END),
    MAX(CASE WHEN rn = 1 + n / 2 THEN seconds END),
    MAX(CASE WHEN rn = 1 + (9 * (n - 1)) / 10 THEN seconds END),
    MAX(CASE WHEN rn = 1 + (9 * (n - 1) + 9) / 10 THEN seconds END)
FROM ranked
GROUP BY scope, measure
"""

# PostgreSQL: one scan of the cases; each series is an ordered-set aggregate over a column
# that is NULL outside it (aggregates skip NULLs), so only bare doubles are sorted, per
# series, in memory. About five times faster than the window query at a million cases.
_POSTGRESQL_WORK_MEM = "32MB"


def _postgresql_sql() -> str:
    table = connection.ops.quote_name(Case._meta.db_table)
    column = {f.name: connection.ops.quote_name(f.column) for f in Case._meta.concrete_fields}
    spans, aggregates = [], []
    for measure, (start, end) in TIMEFRAMES.items():
        seconds = f"date_part('epoch', {column[end]} - {column[start]})"
        ended = f"{column[end]} < %(ends_at)s"
        spans.append(f"CASE WHEN {ended} THEN {seconds} END AS cumulative_{measure}")
        spans.append(
            f"CASE WHEN {ended} AND {column[end]} >= %(starts_at)s THEN {seconds} END "
            f"AS week_{measure}"
        )
    for scope in SCOPES:
        for measure in TIMEFRAMES:
            series = f"{scope}_{measure}"
            aggregates.append(
                f"COUNT({series}), MAX({series}), "
                f"percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY {series})"
            )
    return (
        f"SELECT {', '.join(aggregates)} "  # noqa: S608 - names from the model, no input
        f"FROM (SELECT {', '.join(spans)} FROM {table}) AS spans"
    )


def _interpolate(low, high, numerator, denominator):
    return low + (high - low) * numerator / denominator


def _postgresql_rows(params):
    with transaction.atomic(), connection.cursor() as cursor:
        # Enough for each series' sort to stay in memory up to about a million cases.
        cursor.execute(f"SET LOCAL work_mem = '{_POSTGRESQL_WORK_MEM}'")
        cursor.execute(_postgresql_sql(), params)
        values = cursor.fetchone()
    series = [(scope, measure) for scope in SCOPES for measure in TIMEFRAMES]
    rows = []
    for index, (scope, measure) in enumerate(series):
        n, top, quantiles = values[3 * index : 3 * index + 3]
        if n:
            rows.append((scope, measure, n, top, *quantiles))
    return rows


def _timeframe_rows(params, *, portable):
    """(scope, measure, count, max, median, p90) in seconds, for each non-empty series."""
    if not portable:
        return _postgresql_rows(params)
    with connection.cursor() as cursor:
        cursor.execute(_PORTABLE_SQL.format(spans=_spans_sql(), scoped=_SCOPED), params)
        rows = cursor.fetchall()
    return [
        (
            scope,
            measure,
            n,
            top,
            _interpolate(m_low, m_high, (n - 1) % 2, 2),
            _interpolate(p_low, p_high, (9 * (n - 1)) % 10, 10),
        )
        for scope, measure, n, top, m_low, m_high, p_low, p_high in rows
    ]


def timeframes(*, starts_at, ends_at, portable: bool | None = None) -> dict:
    """Median, 90th percentile and maximum in days of each timeframe, in one query.

    A span belongs to the week when it ended in the week (a decision made this week counts
    its referral-to-decision time here).
    """
    if portable is None:
        portable = connection.vendor != "postgresql"
    adapt = connection.ops.adapt_datetimefield_value
    params = {"starts_at": adapt(starts_at), "ends_at": adapt(ends_at)}
    figures = {
        scope: {
            measure: {"count": 0, "median_days": None, "p90_days": None, "max_days": None}
            for measure in TIMEFRAMES
        }
        for scope in SCOPES
    }
    for scope, measure, n, longest, median, p90 in _timeframe_rows(params, portable=portable):
        figures[scope][measure] = {
            "count": n,
            "median_days": _days(median),
            "p90_days": _days(p90),
            "max_days": _days(longest),
        }
    return figures


def _days(seconds):
    return None if seconds is None else round(float(seconds) / DAY, 2)
