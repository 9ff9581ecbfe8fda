"""Need-to-know for every role, in every situation a case can be in, for every action.

The expected results are the table below; each (role, situation) is one test that performs
every action through the access layer the staff views use, and expects allow or 404.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone

from cases.models import DocumentKind
from cases.services import documents, reviews
from routing import access, crcl_audits
from routing import services as routing
from staff import selectors
from tests import factories

SITUATIONS = ("triage", "at_cbp", "referred", "returned", "decided", "sampled", "not_sampled")
ACTIONS = (
    "list",
    "view",
    "download",
    "history",
    "search",
    "edit_program_module",
    "edit_cbp_module",
    "edit_uscis_module",
    "edit_crcl_module",
)
READING = ("list", "view", "download", "history", "search")

# Y: allowed, -: 404.          triage at_cbp referred returned decided sampled not_sampled
TABLE = """
program  reading               Y      Y      Y        Y        Y       Y       Y
program  edit_program_module   Y      Y      Y        Y        Y       Y       Y
program  edit_cbp_module       -      -      -        -        -       -       -
program  edit_uscis_module     -      -      -        -        -       -       -
program  edit_crcl_module      -      -      -        -        -       -       -
cbp      reading               -      Y      Y        Y        Y       Y       Y
cbp      edit_program_module   -      -      -        -        -       -       -
cbp      edit_cbp_module       -      Y      -        Y        Y       Y       Y
cbp      edit_uscis_module     -      -      -        -        -       -       -
cbp      edit_crcl_module      -      -      -        -        -       -       -
uscis    reading               -      -      Y        Y        -       -       -
uscis    edit_program_module   -      -      -        -        -       -       -
uscis    edit_cbp_module       -      -      -        -        -       -       -
uscis    edit_uscis_module     -      -      Y        -        -       -       -
uscis    edit_crcl_module      -      -      -        -        -       -       -
crcl     reading               -      -      -        -        -       Y       -
crcl     edit_program_module   -      -      -        -        -       -       -
crcl     edit_cbp_module       -      -      -        -        -       -       -
crcl     edit_uscis_module     -      -      -        -        -       -       -
crcl     edit_crcl_module      -      -      -        -        -       Y       -
admin    reading               Y      Y      Y        Y        Y       Y       Y
admin    edit_program_module   -      -      -        -        -       -       -
admin    edit_cbp_module       -      -      -        -        -       -       -
admin    edit_uscis_module     -      -      -        -        -       -       -
admin    edit_crcl_module      -      -      -        -        -       -       -
"""
# Developers and leadership never see a case: every cell is 404.
NO_CASE_DATA = ("developers", "leadership")


def _expected():
    table = {}
    for line in TABLE.strip().splitlines():
        role, what, *cells = line.split()
        actions = READING if what == "reading" else (what,)
        for situation, cell in zip(SITUATIONS, cells, strict=True):
            for action in actions:
                table[(role, situation, action)] = cell == "Y"
    for role in NO_CASE_DATA:
        for situation in SITUATIONS:
            for action in ACTIONS:
                table[(role, situation, action)] = False
    return table


EXPECTED = _expected()
ROLES = ("program", "cbp", "uscis", "crcl", "admin", *NO_CASE_DATA)


def test_it_has_a_cell_for_every_role_situation_and_action():
    assert len(EXPECTED) == len(ROLES) * len(SITUATIONS) * len(ACTIONS)


def _supporting_document():
    return documents.UploadedDocument(
        file=ContentFile(factories.PDF, name="informe.pdf"),
        display_name="informe médico.pdf",
        content_type="application/pdf",
    )


def _decided(staff):
    case = _at_cbp(staff)
    return reviews.record_cbp_outcome(case=case, outcome="disenroll", actor=staff.cbp)


def _at_cbp(staff):
    case = factories.placed_case(**factories.TRIAGE_ANSWERS, documents=[_supporting_document()])
    return routing.route_to_cbp(case=case, actor=staff.program)


def _referred(staff):
    return routing.refer_to_uscis(case=_at_cbp(staff), actor=staff.cbp)


def _sample_pair(staff):
    # Two decisions in one stratum with a 10% share: exactly one is drawn.
    first, second = _decided(staff), _decided(staff)
    sample = crcl_audits.sample_decided_cases_for_audit(
        now=timezone.now() + timedelta(seconds=1), share=0.1, seed=7
    )
    picked = {entry.case_id for entry in sample.entries.all()}
    assert len(picked) == 1
    return (first, second) if first.pk in picked else (second, first)


BUILD = {
    "triage": lambda staff: factories.placed_case(
        **factories.TRIAGE_ANSWERS, documents=[_supporting_document()]
    ),
    "at_cbp": _at_cbp,
    "referred": _referred,
    "returned": lambda staff: routing.return_to_cbp(case=_referred(staff), actor=staff.uscis),
    "decided": _decided,
    "sampled": lambda staff: _sample_pair(staff)[0],
    "not_sampled": lambda staff: _sample_pair(staff)[1],
}


def _attempt(action, user, case):
    """Perform one action as the staff views do; True if allowed, False on 404."""
    try:
        if action == "list":
            # The list the staff site serves every role: all cases the user may see.
            return case in selectors.staff_queue(user=user, name="all")
        if action == "view":
            access.case_for_user(user, case.case_number)
        elif action == "history":
            access.case_for_user(user, case.pk, purpose=access.Purpose.HISTORY)
        elif action == "download":
            document = case.documents.get(kind=DocumentKind.SUPPORTING)
            access.document_for_user(user, document.pk)
        elif action == "search":
            by_number = selectors.find_cases(user=user, text=case.case_number.lower())
            by_a_number = selectors.find_cases(user=user, text="A212-345-678")
            by_name = selectors.find_cases(user=user, text="lopez hernandez maria")
            found = [case in hits for hits in (by_number, by_a_number, by_name)]
            assert len(set(found)) == 1, f"search ways disagree: {found}"
            return found[0]
        else:
            access.case_for_user(user, case, purpose=action)
    except Http404:
        return False
    return True


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_it_allows_or_hides_each_action_as_the_table_says(staff, role, situation):
    case = BUILD[situation](staff)
    case.refresh_from_db()
    user = type(staff.program).objects.get(pk=getattr(staff, role).pk)

    wrong = {
        action: ("allowed" if allowed else "404")
        for action in ACTIONS
        if (allowed := _attempt(action, user, case)) != EXPECTED[(role, situation, action)]
    }

    assert wrong == {}, f"{role} on a case {situation}: unexpected {wrong}"


def test_it_answers_404_for_a_case_that_does_not_exist_exactly_as_for_a_hidden_one(staff):
    hidden = factories.placed_case(**factories.TRIAGE_ANSWERS)

    with pytest.raises(Http404) as missing:
        access.case_for_user(staff.cbp, "MPP-00000-00000")
    with pytest.raises(Http404) as refused:
        access.case_for_user(staff.cbp, hidden.case_number)

    assert str(missing.value) == str(refused.value)


def test_it_shows_nothing_to_an_inactive_or_anonymous_user(staff):
    from django.contrib.auth.models import AnonymousUser

    case = factories.placed_case(**factories.TRIAGE_ANSWERS)
    staff.program.is_active = False
    staff.program.save()

    assert not access.cases_visible_to(staff.program).exists()
    assert not access.cases_visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        access.case_for_user(AnonymousUser(), case.pk)


def test_a_grant_to_one_person_opens_that_case_to_that_person_only(staff, django_user_model):
    from guardian.shortcuts import assign_perm

    case = factories.placed_case(**factories.TRIAGE_ANSWERS)
    other = factories.placed_case(**factories.TRIAGE_ANSWERS)
    colleague = django_user_model.objects.create_user(username="cbp.colleague")
    # Routing grants to groups only; a grant to one person (say, by an administrator in the
    # shell) must still be honoured by the one access check.
    assign_perm("cases.view_case", staff.cbp, case)

    assert list(access.cases_visible_to(staff.cbp)) == [case]
    assert access.case_for_user(staff.cbp, case.case_number) == case
    with pytest.raises(Http404):
        access.case_for_user(staff.cbp, other.pk)
    assert not access.cases_visible_to(colleague).exists()
