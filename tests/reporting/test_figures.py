"""The figures, against hand-computed expectations, over a week with a daylight-saving change.

Week 2026-W44 runs from Monday 26 October 00:00 EDT (04:00 UTC) to Monday 2 November 00:00 EST
(05:00 UTC): 169 hours, because clocks fall back on Sunday 1 November. Cases sit at the
edges: the first and last half hour of the week, and the half hours just outside it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Status, SubmitterType
from cases.services import lifecycle, reviews
from reporting.periods import parse_week
from reporting.selectors import timeframes, weekly_figures
from tests import factories
from tests.reporting.timeline import backdate, ny

W44 = parse_week("2026-W44", time_zone="America/New_York")


def _decided(path_status, record, outcome, **overrides):
    case = factories.case_in(path_status, **overrides)
    record(case=case, outcome=outcome, actor=None)
    return case


@pytest.fixture
def week_44(db):
    """The cases of the module docstring; each comment gives what it contributes."""
    # A: decided and communicated in the week. referral->decision 2 d, decision->comm 1 d,
    # receipt->comm 9 d; receipt->referral 6 d (before the week).
    a = factories.case_in(Status.COMMUNICATED)
    backdate(
        a,
        received=ny(2026, 10, 19, 9),
        referred=ny(2026, 10, 25, 9),
        decided=ny(2026, 10, 27, 9),
        communicated=ny(2026, 10, 28, 9),
    )
    # B: received in the first half hour of the week, referred a day later; pending with CBP.
    b = factories.case_in(Status.CBP_REVIEW, language="en")
    backdate(
        b,
        received=ny(2026, 10, 26, 0, 30),
        referred=ny(2026, 10, 27, 0, 30),
        moves=[ny(2026, 10, 26, 0, 30), ny(2026, 10, 27, 0, 30)],
    )
    # C: a preparer's request, referred after 3 days; pending with CBP.
    c = factories.case_in(Status.CBP_REVIEW, language="ht", submitter_type=SubmitterType.PREPARER)
    backdate(
        c,
        received=ny(2026, 10, 28, 12),
        referred=ny(2026, 10, 31, 12),
        moves=[ny(2026, 10, 28, 12), ny(2026, 10, 31, 12)],
    )
    # D: USCIS decision in the week, 1 day after referral.
    d = _decided(Status.USCIS_REVIEW, reviews.record_uscis_outcome, "fear_established")
    backdate(
        d,
        received=ny(2026, 10, 24, 12),
        referred=ny(2026, 10, 25, 12),
        decided=ny(2026, 10, 26, 12),
    )
    # E: CBP disenrolls, 2 days after referral (a tie with A).
    e = _decided(Status.CBP_REVIEW, reviews.record_cbp_outcome, "disenroll")
    backdate(
        e,
        received=ny(2026, 10, 23, 12),
        referred=ny(2026, 10, 24, 12),
        decided=ny(2026, 10, 26, 12),
    )
    # F: decided in the last hour of the week, after clocks fell back: 11 elapsed days.
    f = factories.case_in(Status.DECIDED)
    backdate(f, received=ny(2026, 10, 21), referred=ny(2026, 10, 22), decided=ny(2026, 11, 1, 23))
    # G: a representative's request in the last half hour of the week (04:30 UTC on Monday).
    g = factories.case_in(
        Status.TRIAGE,
        language="pt-br",
        submitter_type=SubmitterType.REPRESENTATIVE,
        concerns={"concern_new_fear_no_interview": True},
    )
    backdate(g, received=ny(2026, 11, 1, 23, 30))
    # H: the first half hour of the next week: in no figure of W44.
    h = factories.case_in(Status.TRIAGE)
    backdate(h, received=ny(2026, 11, 2, 0, 30))
    # I: the last half hour of the week before: cumulative only; pending in triage.
    i = factories.case_in(Status.TRIAGE)
    backdate(i, received=ny(2026, 10, 25, 23, 30))
    # J: with USCIS now, but referred there after the week: pending with CBP at its end.
    j = factories.case_in(Status.CBP_REVIEW)
    lifecycle.refer_to_uscis(case=j, actor=None)
    backdate(
        j,
        received=ny(2026, 10, 10, 12),
        referred=ny(2026, 10, 11, 12),
        moves=[ny(2026, 10, 10, 12), ny(2026, 10, 11, 12), ny(2026, 11, 5, 12)],
    )
    # K: waiting for information since September.
    k = factories.case_in(Status.AWAITING_INFORMATION)
    backdate(
        k,
        received=ny(2026, 9, 1, 12),
        referred=ny(2026, 9, 2, 12),
        moves=[ny(2026, 9, 1, 12), ny(2026, 9, 2, 12), ny(2026, 9, 10, 12)],
    )
    # L: with program personnel at the week's end, decided the week after.
    l_case = _decided(Status.PROGRAM_HANDLING, reviews.record_program_outcome, "no_action")
    backdate(
        l_case,
        received=ny(2026, 10, 30, 12),
        decided=ny(2026, 11, 3, 12),
        moves=[ny(2026, 10, 30, 12), ny(2026, 10, 30, 13), ny(2026, 11, 3, 12)],
    )
    # CRCL: A's audit completed in the week, E's after it.
    for case, outcome, completed in (
        (a, "consistent", ny(2026, 10, 29)),
        (e, "follow_up", ny(2026, 11, 4)),
    ):
        reviews.open_crcl_audit(case=case)
        audit = reviews.record_crcl_audit_outcome(case=case, outcome=outcome, actor=None)
        type(audit).objects.filter(pk=audit.pk).update(completed_at=completed)


def test_it_bounds_the_week_at_local_midnights_across_the_clock_change():
    assert W44.starts_at == ny(2026, 10, 26)
    assert W44.starts_at.isoformat() == "2026-10-26T04:00:00+00:00"
    assert W44.ends_at.isoformat() == "2026-11-02T05:00:00+00:00"
    assert (W44.ends_at - W44.starts_at).total_seconds() == 169 * 3600


def test_it_counts_requests_received_in_the_week_and_before_its_end(week_44):
    received = weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)["received"]
    week, cumulative = received["week"], received["cumulative"]
    assert week["total"] == 4  # B, C, G, L; not H (next week) nor I (week before)
    assert week["submitter_type"] == {"enrollee": 2, "representative": 1, "preparer": 1}
    assert week["language"] == {"en": 1, "es": 1, "ht": 1, "pt-br": 1}
    assert week["concern"]["concern_vulnerability_at_enrollment"] == 3
    assert week["concern"]["concern_new_fear_no_interview"] == 1
    assert cumulative["total"] == 11  # everything but H
    assert (week["communicated"], cumulative["communicated"]) == (1, 1)


def test_it_reconstructs_the_queues_as_they_stood_at_the_end_of_the_week(week_44):
    pending = weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)["pending"]
    groups = pending["groups"]
    assert pending["total"] == 7
    assert groups["triage"] == {
        "count": 2,  # G and I
        "oldest_days": 7.1,  # I: 7 days and 90 minutes
        "buckets": {"under_7": 1, "7_to_29": 1, "30_to_59": 0, "60_to_89": 0, "90_or_more": 0},
    }
    assert groups["cbp"]["count"] == 3  # B, C, and J, which moved to USCIS after the week
    assert groups["cbp"]["oldest_days"] == 22.5  # J
    assert groups["cbp"]["buckets"]["7_to_29"] == 2  # B (7 days 30 minutes) and J
    assert groups["uscis"]["count"] == 0
    assert groups["uscis"]["oldest_days"] is None
    assert groups["program"]["count"] == 1  # L, decided only the week after
    assert groups["awaiting_information"]["count"] == 1
    assert groups["awaiting_information"]["oldest_days"] == 61.5
    assert groups["awaiting_information"]["buckets"]["60_to_89"] == 1


def test_it_counts_decisions_by_component_and_outcome(week_44):
    decisions = weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)["decisions"]
    assert decisions["week"]["cbp"] == {
        "disenroll": 1,
        "nonrefoulement_interview": 0,
        "remain_enrolled": 2,  # A, and F in the last hour
        "not_identified": 0,
    }
    assert decisions["week"]["uscis"] == {"fear_established": 1, "fear_not_established": 0}
    assert decisions["week"]["program"] == {"answered": 0, "no_action": 0}  # L is next week
    assert decisions["cumulative"]["program"]["no_action"] == 0


def test_it_computes_timeframes_with_interpolated_percentiles(week_44):
    week = weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)["timeframes"]["week"]
    # Two values, 1 and 3 days: the median between them, p90 at 1 + 0.9 * (3 - 1).
    assert week["receipt_to_referral"] == {
        "count": 2,
        "median_days": 2.0,
        "p90_days": 2.8,
        "max_days": 3.0,
    }
    # Four values with a tie, 1, 2, 2, 11: p90 at rank 3.7 = 2 + 0.7 * 9.
    assert week["referral_to_decision"] == {
        "count": 4,
        "median_days": 2.0,
        "p90_days": 8.3,
        "max_days": 11.0,
    }
    # One value: every statistic is that value.
    assert week["decision_to_communication"] == {
        "count": 1,
        "median_days": 1.0,
        "p90_days": 1.0,
        "max_days": 1.0,
    }
    assert week["receipt_to_communication"]["median_days"] == 9.0


def test_it_computes_cumulative_timeframes(week_44):
    cumulative = weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)["timeframes"][
        "cumulative"
    ]
    # A 6, B 1, C 3, D 1, E 1, F 1, J 1, K 1: rank 7.3 of eight = 3 + 0.3 * (6 - 3).
    assert cumulative["receipt_to_referral"] == {
        "count": 8,
        "median_days": 1.0,
        "p90_days": 3.9,
        "max_days": 6.0,
    }


def test_it_reports_no_statistic_over_no_values(week_44):
    empty = parse_week("2026-W46", time_zone="America/New_York")
    week = weekly_figures(starts_at=empty.starts_at, ends_at=empty.ends_at)["timeframes"]["week"]
    for measure in week.values():
        assert measure == {"count": 0, "median_days": None, "p90_days": None, "max_days": None}


def test_it_counts_crcl_audits_completed_by_finding(week_44):
    audits = weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)["crcl_audits"]
    assert audits["week"] == {"consistent": 1, "inconsistent": 0, "follow_up": 0}
    assert audits["cumulative"] == audits["week"]


def _queries_for_figures():
    with CaptureQueriesContext(connection) as queries:
        weekly_figures(starts_at=W44.starts_at, ends_at=W44.ends_at)
    return len(queries)


@pytest.mark.django_db
def test_it_runs_the_same_few_queries_whatever_the_number_of_cases():
    factories.case_in(Status.COMMUNICATED)
    few = _queries_for_figures()
    for status in (
        Status.TRIAGE,
        Status.CBP_REVIEW,
        Status.DECIDED,
        Status.AWAITING_INFORMATION,
    ) * 3:
        factories.case_in(status)
    # Seven aggregate queries; PostgreSQL adds a savepoint and a work_mem setting around one.
    assert _queries_for_figures() == few <= 10


def test_the_portable_percentiles_agree_with_postgresqls(week_44):
    if connection.vendor != "postgresql":
        pytest.skip("compares the embedded mode's SQL with PostgreSQL's percentile_cont")
    window = {"starts_at": W44.starts_at, "ends_at": W44.ends_at}
    assert timeframes(**window, portable=True) == timeframes(**window, portable=False)
