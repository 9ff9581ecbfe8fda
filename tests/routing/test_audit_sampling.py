"""CRCL audit sampling: stratified by component and outcome, reproducible from a stored seed."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from guardian.shortcuts import assign_perm

from audit.chain import first_break
from audit.models import Action, AuditEvent
from audit.selectors import chain_rows
from cases import errors
from cases.models import Case, CRCLAudit, Status
from cases.services import reviews
from routing import access, crcl_audits, sampling
from routing.models import AuditSample, AuditSampleKind, CaseGroupObjectPermission
from tests import factories


def test_it_takes_the_share_rounded_up_and_at_least_one_per_non_empty_stratum():
    share = Decimal("0.10")
    assert [sampling.stratum_size(n, share) for n in (0, 1, 9, 10, 11, 25, 100)] == [
        0,
        1,
        1,
        1,
        2,
        3,
        10,
    ]
    assert sampling.stratum_size(3, Decimal("1")) == 3


def _population():
    strata = {("cbp", "disenroll"): 40, ("cbp", "remain_enrolled"): 25, ("uscis", "x"): 3}
    case_id = 0
    decisions = []
    for (component, outcome), size in strata.items():
        for _ in range(size):
            case_id += 1
            decisions.append(sampling.Decision(case_id, component, outcome))
    return decisions


def test_it_draws_the_same_sample_from_the_same_seed_and_a_different_one_otherwise():
    population = _population()

    first = sampling.choose(population, share=Decimal("0.1"), seed=2026)
    again = sampling.choose(list(reversed(population)), share=Decimal("0.1"), seed=2026)
    other_seeds = {
        tuple(sampling.choose(population, share=Decimal("0.1"), seed=seed)) for seed in range(5)
    }

    assert first == again
    assert len(other_seeds) > 1
    assert Counter((d.component, d.outcome) for d in first) == {
        ("cbp", "disenroll"): 4,
        ("cbp", "remain_enrolled"): 3,
        ("uscis", "x"): 1,
    }


def test_a_stratum_draw_does_not_depend_on_the_other_strata():
    population = _population()
    grown = population + [sampling.Decision(1000 + i, "program", "answered") for i in range(50)]

    def cbp_part(decisions):
        return [d for d in decisions if d.component == "cbp"]

    assert cbp_part(sampling.choose(population, share=Decimal("0.1"), seed=9)) == cbp_part(
        sampling.choose(grown, share=Decimal("0.1"), seed=9)
    )


def _decide(staff, how):
    if how == "cbp":
        case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
        return reviews.record_cbp_outcome(case=case, outcome="disenroll", actor=staff.cbp)
    if how == "uscis":
        case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
        return reviews.record_uscis_outcome(
            case=case, outcome="fear_not_established", actor=staff.uscis
        )
    case = factories.routed_case_in(Status.PROGRAM_HANDLING, staff=staff)
    return reviews.record_program_outcome(case=case, outcome="answered", actor=staff.program)


@pytest.fixture
def week_of_decisions(staff):
    """12 CBP, 3 USCIS and 1 program decisions this week; one CBP decision from long ago."""
    old = _decide(staff, "cbp")
    Case.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=30))
    decided = [_decide(staff, "cbp") for _ in range(12)]
    decided += [_decide(staff, "uscis") for _ in range(3)]
    decided += [_decide(staff, "program")]
    return {"old": old, "decided": decided}


@pytest.mark.django_db
def test_the_job_run_twice_with_one_seed_picks_the_same_cases(week_of_decisions):
    now = timezone.now() + timedelta(seconds=1)

    first = crcl_audits.sample_decided_cases_for_audit(now=now, seed=424242)
    second = crcl_audits.sample_decided_cases_for_audit(now=now, seed=first.seed)

    def picked(sample):
        return sorted(sample.entries.values_list("case_id", flat=True))

    assert picked(first) == picked(second)
    assert AuditSample.objects.get(pk=first.pk).seed == 424242


@pytest.mark.django_db
def test_the_job_samples_each_stratum_of_the_past_week_and_opens_crcl_access(
    staff, week_of_decisions
):
    sample = crcl_audits.sample_decided_cases_for_audit(now=timezone.now() + timedelta(seconds=1))

    entries = list(sample.entries.all())
    strata = Counter((entry.component, entry.outcome) for entry in entries)
    assert strata == {
        ("cbp", "disenroll"): 2,  # 10% of 12, rounded up
        ("uscis", "fear_not_established"): 1,
        ("program", "answered"): 1,
    }
    assert sample.kind == AuditSampleKind.WEEKLY
    assert sample.share == Decimal("0.1000")
    assert sample.seed is not None
    sampled = {entry.case_id for entry in entries}
    assert week_of_decisions["old"].pk not in sampled
    assert set(CRCLAudit.objects.values_list("case_id", flat=True)) == sampled
    assert set(access.cases_visible_to(staff.crcl).values_list("pk", flat=True)) == sampled
    for case_id in sampled:
        access.case_for_user(staff.crcl, case_id, purpose=access.Purpose.EDIT_CRCL_MODULE)
    grants = AuditEvent.objects.filter(action=Action.GRANT_ACCESS, detail__group="crcl")
    assert set(grants.values_list("case_id", flat=True)) == sampled


@pytest.mark.django_db
def test_it_reads_the_share_from_settings(settings, week_of_decisions):
    settings.CRCL_AUDIT_SAMPLE_SHARE = 0.5

    sample = crcl_audits.sample_decided_cases_for_audit(now=timezone.now() + timedelta(seconds=1))

    assert sample.share == Decimal("0.5")
    assert sample.entries.filter(component="cbp").count() == 6


@pytest.mark.django_db
def test_program_personnel_add_a_case_to_the_audit_at_crcls_request(staff):
    case = _decide(staff, "cbp")
    undecided = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    sample = crcl_audits.add_case_to_audit(case=case, actor=staff.program, reason="CRCL asked")

    assert sample.kind == AuditSampleKind.ON_REQUEST
    assert sample.created_by == staff.program
    assert access.case_for_user(staff.crcl, case.pk, purpose=access.Purpose.EDIT_CRCL_MODULE)
    with pytest.raises(errors.IllegalTransition):
        crcl_audits.add_case_to_audit(case=undecided, actor=staff.program, reason="CRCL asked")


def _crcl_rows():
    return set(
        CaseGroupObjectPermission.objects.filter(group__name="crcl").values_list(
            "content_object_id", "permission__codename"
        )
    )


@pytest.mark.django_db
def test_the_job_grants_the_same_rows_and_events_as_one_grant_at_a_time(
    staff, week_of_decisions, django_assert_max_num_queries
):
    """Bulk writes must leave what ``assign_perm`` and ``record_event`` per case would."""
    already = week_of_decisions["decided"][0]
    # One case already held by CRCL (asked for earlier): its rows are kept, never doubled.
    assign_perm("cases.view_case", Group.objects.get(name="crcl"), already)

    with django_assert_max_num_queries(30):
        sample = crcl_audits.sample_decided_cases_for_audit(
            now=timezone.now() + timedelta(seconds=1), share=1
        )

    sampled = set(sample.entries.values_list("case_id", flat=True))
    assert len(sampled) == 16
    assert _crcl_rows() == {
        (case_id, codename) for case_id in sampled for codename in ("view_case", "edit_crcl_module")
    }
    assert CaseGroupObjectPermission.objects.filter(group__name="crcl").count() == 2 * 16
    grants = AuditEvent.objects.filter(action=Action.GRANT_ACCESS, detail__group="crcl")
    assert sorted((event.case_id, event.actor_id) for event in grants) == [
        (case_id, None) for case_id in sorted(sampled)
    ]
    assert {
        (event.detail["permissions"][0], event.detail["permissions"][1], event.detail["reason"])
        for event in grants
    } == {("view_case", "edit_crcl_module", "sampled for CRCL audit (Weekly stratified sample)")}
    assert first_break(chain_rows()) is None
    audits = CRCLAudit.objects.filter(case_id__in=sampled)
    assert {audit.history.get().history_type for audit in audits} == {"+"}
