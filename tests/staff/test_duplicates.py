"""A case closed as a duplicate links the original and says why."""

import pytest

from cases.models import Case, Status
from tests import factories
from tests.staff.conftest import act_url, case_page_url, confirmed

pytestmark = pytest.mark.django_db


def test_a_duplicate_links_its_original_and_shows_the_reason(staff, signed_in):
    original = factories.routed_case_in(Status.TRIAGE, staff=staff)
    again = factories.routed_case_in(Status.TRIAGE, staff=staff)
    client = signed_in(staff.program)

    confirmed(
        client,
        act_url(again, "close_duplicate"),
        {"original": original.case_number, "reason": "Same person wrote twice"},
    )

    assert Case.objects.get(pk=again.pk).duplicate_of == original
    page = client.get(case_page_url(again)).content.decode()
    assert f'href="/staff/queues/casefile/{original.pk}/change/" id="duplicate-of"' in page
    assert "Same person wrote twice" in page


def test_a_duplicate_needs_its_reason(staff, signed_in):
    original = factories.routed_case_in(Status.TRIAGE, staff=staff)
    again = factories.routed_case_in(Status.TRIAGE, staff=staff)

    page = confirmed(
        signed_in(staff.program),
        act_url(again, "close_duplicate"),
        {"original": original.case_number, "reason": ""},
    ).content.decode()

    assert "Give the reason" in page
    assert Case.objects.get(pk=again.pk).status == Status.TRIAGE
