"""The lifecycle of ARCHITECTURE.md: every legal move, and every illegal one refused."""

import pytest

from cases import errors
from cases.models import (
    CaseTransition,
    ClosureReason,
    CRCLAudit,
    Status,
)
from cases.services import lifecycle, reviews
from tests import factories

S = Status


def _outcome(function, outcome):
    def move(**kwargs):
        return function(outcome=outcome, **kwargs)

    move.__name__ = function.__name__
    return move


def _duplicate(**kwargs):
    original = factories.case_in(S.TRIAGE)
    return lifecycle.close_as_duplicate(original=original, **kwargs)


_duplicate.__name__ = "close_as_duplicate"

# move -> (statuses it is legal from, status it leads to; None means "back where it was")
LEGAL = {
    lifecycle.place_in_triage: ([S.SUBMITTED], S.TRIAGE),
    lifecycle.route_to_cbp: ([S.SUBMITTED, S.TRIAGE], S.CBP_REVIEW),
    lifecycle.route_to_uscis: ([S.SUBMITTED, S.TRIAGE], S.USCIS_REVIEW),
    lifecycle.mark_not_disenrollment_request: ([S.SUBMITTED, S.TRIAGE], S.PROGRAM_HANDLING),
    lifecycle.refer_to_uscis: ([S.CBP_REVIEW], S.USCIS_REVIEW),
    lifecycle.return_to_cbp: ([S.USCIS_REVIEW], S.CBP_REVIEW),
    _duplicate: ([S.SUBMITTED, S.TRIAGE], S.CLOSED),
    lifecycle.close_as_withdrawn: (
        [
            S.SUBMITTED,
            S.TRIAGE,
            S.CBP_REVIEW,
            S.USCIS_REVIEW,
            S.PROGRAM_HANDLING,
            S.AWAITING_INFORMATION,
        ],
        S.CLOSED,
    ),
    lifecycle.start_waiting_for_information: (
        [S.TRIAGE, S.CBP_REVIEW, S.USCIS_REVIEW, S.PROGRAM_HANDLING],
        S.AWAITING_INFORMATION,
    ),
    lifecycle.resume_after_information_received: ([S.AWAITING_INFORMATION], S.CBP_REVIEW),
    lifecycle.resume_after_information_request_expired: ([S.AWAITING_INFORMATION], S.CBP_REVIEW),
    _outcome(reviews.record_cbp_outcome, "disenroll"): ([S.CBP_REVIEW], S.DECIDED),
    _outcome(reviews.record_uscis_outcome, "fear_established"): ([S.USCIS_REVIEW], S.DECIDED),
    _outcome(reviews.record_program_outcome, "answered"): ([S.PROGRAM_HANDLING], S.DECIDED),
    lifecycle.record_decision_communicated: ([S.DECIDED], S.COMMUNICATED),
    lifecycle.close_case: ([S.COMMUNICATED], S.CLOSED),
}

LEGAL_CASES = [
    pytest.param(move, start, end, id=f"{move.__name__}-from-{start}")
    for move, (starts, end) in LEGAL.items()
    for start in starts
]
ILLEGAL_CASES = [
    pytest.param(move, start, id=f"{move.__name__}-from-{start}")
    for move, (starts, _end) in LEGAL.items()
    for start in Status.values
    if start not in starts
]


@pytest.mark.parametrize("move, start, end", LEGAL_CASES)
def test_a_legal_move_changes_the_status_and_records_who_and_why(staff, move, start, end):
    case = factories.case_in(start, actor=staff.program)
    before = case.transitions.count()

    move(case=case, actor=staff.cbp, reason="tested")

    case.refresh_from_db()
    assert case.status == end
    last = case.transitions.last()
    assert case.transitions.count() == before + 1
    assert (last.from_status, last.to_status, last.actor, last.reason) == (
        start,
        end,
        staff.cbp,
        "tested",
    )
    assert case.history.first().history_user == staff.cbp


@pytest.mark.parametrize("move, start", ILLEGAL_CASES)
def test_an_illegal_move_raises_and_changes_nothing(staff, move, start):
    case = factories.case_in(start, actor=staff.program)
    snapshot = (case.status, case.transitions.count(), case.history.count())

    with pytest.raises(errors.IllegalTransition):
        move(case=case, actor=staff.cbp, reason="should fail")

    case.refresh_from_db()
    assert (case.status, case.transitions.count(), case.history.count()) == snapshot


def test_first_referral_time_is_kept_across_later_referrals(staff):
    case = factories.case_in(S.CBP_REVIEW, actor=staff.program)
    first = case.first_referred_at
    lifecycle.refer_to_uscis(case=case, actor=staff.cbp)
    lifecycle.return_to_cbp(case=case, actor=staff.uscis)

    case.refresh_from_db()
    assert first is not None and case.first_referred_at == first


def test_waiting_for_information_pauses_the_clock_and_returns_to_the_asking_queue(staff):
    case = factories.case_in(S.USCIS_REVIEW, actor=staff.program)
    lifecycle.start_waiting_for_information(case=case, actor=staff.uscis)
    case.refresh_from_db()
    assert case.resume_status == S.USCIS_REVIEW and case.waiting_since

    lifecycle.resume_after_information_received(case=case)

    case.refresh_from_db()
    assert case.status == S.USCIS_REVIEW
    assert case.resume_status == "" and case.waiting_since is None
    assert case.paused_seconds >= 0


def test_a_decision_records_the_outcome_on_the_component_module(staff):
    case = factories.case_in(S.CBP_REVIEW, actor=staff.program)

    reviews.record_cbp_outcome(case=case, outcome="disenroll", actor=staff.cbp)
    lifecycle.record_decision_communicated(case=case, actor=staff.program)

    case.refresh_from_db()
    review = case.cbpreview
    assert (review.outcome, review.decided_by) == ("disenroll", staff.cbp)
    assert review.decided_at == case.decided_at
    assert review.decision_communicated_on is not None
    assert review.history.first().history_user == staff.program


def test_an_unknown_outcome_is_refused(staff):
    case = factories.case_in(S.CBP_REVIEW)
    with pytest.raises(errors.InvalidCaseData):
        reviews.record_cbp_outcome(case=case, outcome="whatever", actor=staff.cbp)
    case.refresh_from_db()
    assert case.status == S.CBP_REVIEW


def test_closing_as_duplicate_names_the_original(staff):
    original = factories.case_in(S.TRIAGE)
    case = factories.case_in(S.TRIAGE)

    lifecycle.close_as_duplicate(case=case, original=original, actor=staff.program)

    case.refresh_from_db()
    assert (case.closure_reason, case.duplicate_of) == (ClosureReason.DUPLICATE, original)


def test_crcl_audit_runs_beside_the_lifecycle(staff):
    case = factories.case_in(S.COMMUNICATED, actor=staff.cbp)
    count = CaseTransition.objects.filter(case=case).count()

    reviews.open_crcl_audit(case=case)
    reviews.record_crcl_audit_outcome(case=case, outcome="consistent", actor=staff.crcl)

    case.refresh_from_db()
    assert case.status == S.COMMUNICATED
    assert CaseTransition.objects.filter(case=case).count() == count
    assert CRCLAudit.objects.get(case=case).completed_by == staff.crcl


def test_an_undecided_case_cannot_be_audited(staff):
    case = factories.case_in(S.CBP_REVIEW)
    with pytest.raises(errors.IllegalTransition):
        reviews.open_crcl_audit(case=case)
