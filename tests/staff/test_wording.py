"""The back office speaks its own words, not the admin's, and its error pages look like it."""

import pytest
from django.test import Client

from cases.models import Status
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_queue_page_has_its_own_heading_and_empty_state(staff, signed_in):
    page = signed_in(staff.cbp).get("/staff/queues/teamunassignedcase/").content.decode()

    assert "<h1>My team&#x27;s unassigned cases</h1>" in page
    assert "Select unassigned case of my team to view" not in page
    assert "Every case of your team has an officer." in page


def test_a_queue_with_cases_lists_them_instead_of_the_empty_state(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    page = signed_in(staff.cbp).get("/staff/queues/teamunassignedcase/").content.decode()

    assert case.case_number in page
    assert "Every case of your team has an officer." not in page


def test_the_home_page_has_no_recent_actions_box(staff, signed_in):
    page = signed_in(staff.program).get("/staff/").content.decode()

    assert "Recent actions" not in page
    assert 'id="queue-counts"' in page


def test_the_backup_codes_pages_work_and_offer_no_way_to_switch_the_factor_off(staff, signed_in):
    client = signed_in(staff.cbp)
    security = client.get("/staff/account/two_factor/")
    assert security.status_code == 200
    assert "Disable" not in security.content.decode()

    renewed = client.post("/staff/account/two_factor/backup/tokens/", follow=True)
    page = renewed.content.decode()
    assert renewed.status_code == 200
    assert page.count("<li><code>") == 10  # two_factor's default number of backup codes
    assert 'id="user-tools"' in page  # the staff layout, not the sign-in one


def test_a_case_the_user_may_not_see_is_not_found_in_the_staff_layout(staff, signed_in):
    case = factories.routed_case_in(Status.TRIAGE, staff=staff)

    response = signed_in(staff.cbp).get(f"/staff/queues/casefile/{case.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Back to your work queues" in page
    assert "usa-banner" not in page  # not the public site's layout


def test_a_failed_csrf_check_on_a_staff_page_says_what_happened_in_the_staff_layout(
    staff, verified_client
):
    strict = Client(enforce_csrf_checks=True)
    from tests.staff_sign_in import sign_in_verified

    sign_in_verified(strict, staff.cbp)
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    response = strict.post(f"/staff/queues/casefile/{case.pk}/act/note/", {"text": "x"})

    assert response.status_code == 403
    assert "The form you sent was too old" in response.content.decode()
