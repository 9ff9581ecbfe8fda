"""Placing a new case: by the rules, in the caller's transaction, with its reasons recorded."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import Action, AuditEvent
from cases.models import Case
from cases.services import submissions
from routing import access
from routing.models import Placement, RoutingRule
from routing.services import place_new_case
from staff.selectors import possible_duplicates_for_triage
from tests import factories

pytestmark = pytest.mark.django_db

VULNERABILITY = {"concern_vulnerability_at_enrollment": True}
A_CONDITION = {"condition_mental_health": True}


def test_it_records_which_rule_placed_the_case_and_why():
    case = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)

    placement = case.placement
    assert case.status == "cbp_review"
    assert (placement.rule.name, placement.rule_name, placement.rule_order) == (
        "Vulnerability",
        "Vulnerability",
        40,
    )
    assert placement.reason.startswith("A vulnerability concern with a listed condition")
    assert case.transitions.get().reason == placement.reason


def test_it_gives_cbp_a_case_placed_directly_with_it_and_never_uscis(staff):
    case = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)

    assert access.case_for_user(staff.cbp, case.pk, purpose=access.Purpose.EDIT_CBP_MODULE)
    assert not access.cases_visible_to(staff.uscis).exists()
    grant = AuditEvent.objects.get(action=Action.GRANT_ACCESS, case_id=case.pk)
    assert grant.detail["group"] == "cbp"
    assert grant.actor_id is None


def test_it_leaves_a_suggestion_for_triage_without_granting_anything(staff):
    case = factories.placed_case(concerns={"concern_fear_changed_since_interview": True})

    assert case.status == "triage"
    assert case.placement.suggested_target == "uscis"
    assert not access.cases_visible_to(staff.uscis).exists()
    assert not AuditEvent.objects.filter(action=Action.GRANT_ACCESS).exists()


def test_it_places_in_the_callers_transaction_so_a_failure_leaves_nothing():
    class SubmissionFailed(Exception):
        pass

    with pytest.raises(SubmissionFailed), transaction.atomic():
        case = submissions.open_case(
            submission=factories.submission(concerns=VULNERABILITY, conditions=A_CONDITION)
        )
        place_new_case(case=case)
        raise SubmissionFailed

    assert not Case.objects.exists()
    assert not Placement.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_follows_rules_an_administrator_changed():
    RoutingRule.objects.filter(name="Vulnerability").update(target="uscis")

    case = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)

    assert case.status == "uscis_review"


def test_it_skips_inactive_rules_and_uses_rules_on_submitter_type():
    RoutingRule.objects.filter(name="Vulnerability").update(is_active=False)
    RoutingRule.objects.create(
        order=35,
        name="Preparers go through triage",
        explanation="A preparer filled in the form.",
        submitter_types=["preparer"],
        target="cbp",
        mode="suggest",
    )

    by_preparer = factories.placed_case(
        submitter_type="preparer", concerns=VULNERABILITY, conditions=A_CONDITION
    )
    by_enrollee = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)

    assert by_preparer.placement.rule_name == "Preparers go through triage"
    assert by_enrollee.status == "triage"
    assert by_enrollee.placement.rule is None
    assert "No routing rule matched" in by_enrollee.placement.reason


def test_it_keeps_the_decision_when_the_rule_is_later_deleted():
    case = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)

    RoutingRule.objects.filter(name="Vulnerability").delete()

    case.placement.refresh_from_db()
    assert case.placement.rule is None
    assert case.placement.rule_name == "Vulnerability"


def test_it_refuses_a_rule_that_suggests_triage_to_triage_or_names_unknown_answers():
    rule = RoutingRule(
        order=99,
        name="Bad",
        explanation="-",
        target="triage",
        mode="suggest",
        concerns_any_of=["concern_nonsense"],
    )

    with pytest.raises(ValidationError) as error:
        rule.full_clean()

    assert {"concerns_any_of", "__all__"} <= set(error.value.message_dict)


def test_it_flags_the_same_person_by_a_number_or_by_name_and_birth_date(staff):
    in_triage = factories.TRIAGE_ANSWERS
    by_number = factories.placed_case(**in_triage, full_name="Someone Else", a_number="212345678")
    by_name = factories.placed_case(
        **in_triage, full_name="LOPEZ hernandez, Maria Jose", a_number=""
    )
    born_later = factories.placed_case(
        **in_triage,
        full_name="Maria Jose Hernandez Lopez",
        a_number="",
        date_of_birth=datetime.date(1991, 4, 12),
    )

    newest = factories.placed_case(
        **in_triage, full_name="María José Hernández López", a_number="A212345678"
    )

    flagged = set(newest.placement.possible_duplicates.all())
    assert flagged == {by_number, by_name}
    assert born_later not in flagged
    assert set(possible_duplicates_for_triage(user=staff.program, case=newest)) == flagged
    assert not possible_duplicates_for_triage(user=staff.cbp, case=newest).exists()


def test_a_rule_changed_places_the_very_next_case_by_the_new_rule():
    # The active rules are kept in the shared cache; a change must not wait for it to expire.
    first = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)
    rule = RoutingRule.objects.get(name="Vulnerability")
    rule.is_active = False
    rule.save()
    second = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)
    rule.delete()
    RoutingRule.objects.create(
        name="Vulnerability to USCIS",
        order=40,
        target="uscis",
        mode=rule.mode,
        **{field: getattr(rule, field) for field in _rule_conditions()},
    )
    third = factories.placed_case(concerns=VULNERABILITY, conditions=A_CONDITION)

    assert first.placement.rule_name == "Vulnerability" and first.status == "cbp_review"
    assert second.placement.rule_name != "Vulnerability"
    assert (third.placement.rule_name, third.status) == ("Vulnerability to USCIS", "uscis_review")


def _rule_conditions():
    return [
        field.name
        for field in RoutingRule._meta.concrete_fields
        if field.name not in ("id", "name", "order", "target", "mode", "is_active", "updated_at")
    ]
