"""CRCL's audit work: a finding keeps its reason and its history; a week's sample by command;
cases added at CRCL's request once program personnel approve."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Case, CRCLAudit, Status
from routing import casework, crcl_audits
from routing.access import cases_visible_to
from routing.models import AuditRequest, AuditRequestStatus, AuditSampleEntry
from tests import factories

pytestmark = pytest.mark.django_db


def _decided_on(staff, moment, outcome="remain_enrolled"):
    """A case CBP decided at a given moment (moved there after the fact, for the calendar)."""
    case = factories.routed_case_in(Status.DECIDED, staff=staff)
    case.cbpreview.outcome = outcome
    case.cbpreview.save()
    Case.objects.filter(pk=case.pk).update(decided_at=moment)
    type(case.cbpreview).objects.filter(case=case).update(decided_at=moment)
    return case


def test_a_finding_keeps_its_reason_and_a_change_keeps_the_earlier_one(staff):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)
    crcl_audits.add_case_to_audit(case=case, actor=staff.program, reason="CRCL asked")

    casework.record_outcome(
        case=case,
        actor=staff.crcl,
        component="crcl",
        outcome="inconsistent",
        reason="No interview was offered.",
    )
    casework.record_outcome(
        case=case,
        actor=staff.crcl,
        component="crcl",
        outcome="consistent",
        reason="The interview record turned up.",
    )

    audit = CRCLAudit.objects.get(case=case)
    assert (audit.outcome, audit.finding_reason) == (
        "consistent",
        "The interview record turned up.",
    )
    findings = list(
        audit.history.exclude(outcome="")
        .order_by("history_date")
        .values_list("outcome", "finding_reason", "history_user_id")
    )
    assert findings == [
        ("inconsistent", "No interview was offered.", staff.crcl.pk),
        ("consistent", "The interview record turned up.", staff.crcl.pk),
    ]


def test_the_command_samples_the_decisions_of_the_week_it_names(staff, settings):
    settings.TIME_ZONE = "America/New_York"
    # ISO week 2026-W10 runs from Monday 2 March to Sunday 8 March, New York time; the clocks
    # move forward on that Sunday, so the week ends at 04:00 UTC (midnight EDT), not 05:00.
    inside = [
        _decided_on(staff, datetime(2026, 3, 2, 5, 30, tzinfo=UTC)),  # 00:30 EST Monday
        _decided_on(staff, datetime(2026, 3, 9, 3, 30, tzinfo=UTC)),  # 23:30 EDT Sunday
    ]
    _decided_on(staff, datetime(2026, 3, 2, 4, 30, tzinfo=UTC))  # 23:30 EST, the Sunday before
    _decided_on(staff, datetime(2026, 3, 9, 4, 30, tzinfo=UTC))  # 00:30 EDT, the next Monday
    out = StringIO()

    call_command("sample_decided_cases_for_audit", "--week", "2026-W10", "--share", "1", stdout=out)

    sampled = set(AuditSampleEntry.objects.values_list("case_id", flat=True))
    assert sampled == {case.pk for case in inside}
    assert "2 case(s)" in out.getvalue()


def test_crcl_asks_for_a_component_outcome_and_period_and_program_approves(staff):
    asked = [
        _decided_on(staff, datetime(2026, 5, 4, 15, tzinfo=UTC), "disenroll"),
        _decided_on(staff, datetime(2026, 5, 8, 15, tzinfo=UTC), "disenroll"),
    ]
    _decided_on(staff, datetime(2026, 5, 6, 15, tzinfo=UTC), "remain_enrolled")  # other outcome
    _decided_on(staff, datetime(2026, 6, 1, 15, tzinfo=UTC), "disenroll")  # outside the period

    request = crcl_audits.request_audit(
        actor=staff.crcl,
        reason="Disenrollments in early May, by our own procedure",
        component="cbp",
        outcome="disenroll",
        decided_from=date(2026, 5, 1),
        decided_until=date(2026, 5, 31),
    )
    assert not cases_visible_to(staff.crcl).exists()  # nothing before program approves

    crcl_audits.approve_audit_request(request=request, actor=staff.program)

    request.refresh_from_db()
    assert request.status == AuditRequestStatus.APPROVED
    assert set(cases_visible_to(staff.crcl)) == set(asked)
    assert set(CRCLAudit.objects.values_list("case_id", flat=True)) == {c.pk for c in asked}


def test_crcl_asks_for_one_case_by_number_and_a_refusal_adds_nothing(staff):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)
    request = crcl_audits.request_audit(
        actor=staff.crcl, reason="A complaint names this case", case_number=case.case_number
    )

    crcl_audits.refuse_audit_request(
        request=request, actor=staff.program, reason="Already audited last month"
    )

    assert AuditRequest.objects.get(pk=request.pk).status == AuditRequestStatus.REFUSED
    assert not cases_visible_to(staff.crcl).exists()


def test_only_crcl_asks_and_only_program_decides(staff):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)
    from cases.errors import InvalidCaseData

    with pytest.raises(InvalidCaseData):
        crcl_audits.request_audit(actor=staff.cbp, reason="x", case_number=case.case_number)
    request = crcl_audits.request_audit(
        actor=staff.crcl, reason="complaint", case_number=case.case_number
    )
    with pytest.raises(InvalidCaseData):
        crcl_audits.approve_audit_request(request=request, actor=staff.admin)
    assert AuditRequest.objects.get(pk=request.pk).status == AuditRequestStatus.PENDING


def test_the_samples_page_lists_its_cases_to_those_who_may_see_them(staff, verified_client):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)
    sample = crcl_audits.add_case_to_audit(case=case, actor=staff.program, reason="CRCL asked")

    for role in ("program", "crcl"):
        page = verified_client(getattr(staff, role)).get(
            f"/staff/routing/auditsample/{sample.pk}/change/"
        )
        assert case.case_number in page.content.decode(), role
