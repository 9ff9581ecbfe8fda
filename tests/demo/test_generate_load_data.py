"""The load-data generator makes cases a real system could hold: every state, the right access."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from audit.models import AuditEvent
from cases.models import Case, Document, DocumentKind, Language, Status, SubmitterType
from routing.access import cases_visible_to
from routing.models import CaseGroupObjectPermission, Placement


@pytest.fixture
def generated(staff):
    # --no-overlap keeps the writes in the test's transaction (no second connection).
    call_command(
        "generate_load_data", cases=600, no_overlap=True, i_know_this_is_not_production=True
    )
    return Case.objects.all()


def test_it_creates_every_state_language_and_submitter(generated):
    assert generated.count() == 600
    assert set(generated.values_list("status", flat=True)) == set(Status.values)
    assert set(generated.values_list("language", flat=True)) == set(Language.values)
    assert set(generated.values_list("submitter_type", flat=True)) == set(SubmitterType.values)


def test_it_gives_each_case_its_people_documents_history_and_placement(generated):
    representative_cases = generated.filter(submitter_type=SubmitterType.REPRESENTATIVE)
    assert not representative_cases.filter(g28_document__isnull=True).exists()
    assert Document.objects.filter(kind=DocumentKind.SUPPORTING).count() > 600
    assert not generated.filter(enrollee__isnull=True).exists()
    assert not generated.exclude(status=Status.SUBMITTED).filter(placement__isnull=True).exists()
    assert not generated.exclude(status=Status.SUBMITTED).filter(transitions__isnull=True).exists()
    assert Case.history.count() == 600


def test_it_appends_an_audit_chain_that_verifies(generated, capsys):
    assert AuditEvent.objects.filter(action="create_case").count() == 600
    call_command("verify_audit_log")
    assert "Audit log intact" in capsys.readouterr().out


def test_it_grants_components_only_the_cases_routed_to_them(generated, staff):
    cbp_sees = cases_visible_to(staff.cbp)
    uscis_sees = cases_visible_to(staff.uscis)
    crcl_sees = cases_visible_to(staff.crcl)
    in_cbp = generated.filter(status=Status.CBP_REVIEW)
    in_uscis = generated.filter(status=Status.USCIS_REVIEW)
    assert set(in_cbp) <= set(cbp_sees)
    assert not set(in_cbp) & set(uscis_sees)
    assert set(in_uscis) <= set(uscis_sees) & set(cbp_sees)
    assert not cbp_sees.filter(status=Status.TRIAGE).exists()
    assert set(crcl_sees) == set(generated.filter(crcl_audit__isnull=False))
    assert cases_visible_to(staff.program).count() == 600
    placed_in_cbp = Placement.objects.filter(placed_in="cbp").count()
    view_grants = CaseGroupObjectPermission.objects.filter(
        group=Group.objects.get(name="cbp"), permission__codename="view_case"
    )
    assert view_grants.count() == placed_in_cbp


def test_it_refuses_without_the_explicit_flag(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("generate_load_data", cases=1)
    assert not Case.objects.exists()
