"""Queue lists and search, as the staff site serves them, cost the same few queries at any size."""

import pytest
from django.contrib.auth import get_user_model

from cases.models import Status
from routing import services as routing
from staff import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def _add_cbp_cases(staff, count):
    for _ in range(count):
        case = factories.placed_case(**factories.TRIAGE_ANSWERS)
        routing.route_to_cbp(case=case, actor=staff.program)


def _list_queue(role_user, status):
    """The cases in this status among all the user may see, with what a queue page shows."""
    # A fresh user object, as each request has: no permission cache carried over.
    user = get_user_model().objects.get(pk=role_user.pk)
    return [
        (case.case_number, case.enrollee.masked_a_number, case.assigned_to)
        for case in selectors.staff_queue(user=user, name="all").filter(status=status)
    ]


@pytest.mark.parametrize("role", ["cbp", "program", "admin"])
def test_a_queue_listing_runs_a_constant_number_of_queries(
    staff, role, django_assert_num_queries
):
    _add_cbp_cases(staff, 2)
    _list_queue(getattr(staff, role), "cbp_review")  # the user's facts, cached between requests
    # The user (read afresh, as each request does), then one query for the page of cases with
    # the enrollee, the officer and the new-answer flag.
    with django_assert_num_queries(2):
        assert len(_list_queue(getattr(staff, role), "cbp_review")) == 2

    _add_cbp_cases(staff, 10)
    with django_assert_num_queries(2):
        assert len(_list_queue(getattr(staff, role), "cbp_review")) == 12


def test_search_runs_a_constant_number_of_queries(staff, django_assert_num_queries):
    _add_cbp_cases(staff, 2)
    list(selectors.find_cases(user=get_user_model().objects.get(pk=staff.cbp.pk), text="x"))
    user = get_user_model().objects.get(pk=staff.cbp.pk)
    with django_assert_num_queries(1):
        assert len(list(selectors.find_cases(user=user, text="maria lopez"))) == 2

    _add_cbp_cases(staff, 10)
    user = get_user_model().objects.get(pk=staff.cbp.pk)
    with django_assert_num_queries(1):
        assert len(list(selectors.find_cases(user=user, text="maria lopez"))) == 12


def test_a_queue_shows_a_component_only_its_cases(staff):
    _add_cbp_cases(staff, 2)
    factories.routed_case_in(Status.TRIAGE, staff=staff)

    assert len(_list_queue(staff.cbp, "cbp_review")) == 2
    assert _list_queue(staff.cbp, "triage") == []
    assert _list_queue(staff.uscis, "cbp_review") == []
    assert len(_list_queue(staff.program, "triage")) == 1
