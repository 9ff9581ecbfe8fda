"""A queue page's own sorting, pages, filter links and search record (staff.queue_page), and
the bulk action of "all N selected", which acts on exactly the cases the filtered page lists."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from cases.models import Case, Status
from staff.admin import QueueAdmin
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE = "/staff/queues/teamunassignedcase/"


def _received_days_ago(case, days):
    Case.objects.filter(pk=case.pk).update(received_at=timezone.now() - timedelta(days=days))


def _listed(response):
    assert response.status_code == 200
    return [case.pk for case in response.context["queue_page"].cases]


def _links(page: str, text: str) -> list[str]:
    """The query strings of the links whose text is ``text``."""
    return [
        unescape(href)
        for href, label in re.findall(r'<a href="(\?[^"]*)"[^>]*>([^<]*)</a>', page)
        if label.strip() == text
    ]


@pytest.fixture
def three_cases(staff):
    """Received 3, 20 and 40 days ago, in that order of creation."""
    cases = [factories.routed_case_in(Status.CBP_REVIEW, staff=staff) for _ in range(3)]
    for case, days in zip(cases, (3, 20, 40), strict=True):
        _received_days_ago(case, days)
    return cases


def test_it_lists_oldest_first_and_sorts_by_a_column_both_ways(staff, signed_in, three_cases):
    young, middle, old = three_cases
    client = signed_in(staff.cbp)
    by_number = sorted(three_cases, key=lambda case: case.case_number)

    assert _listed(client.get(QUEUE)) == [old.pk, middle.pk, young.pk]
    # Columns as the admin numbered them: 0 the checkbox, 1 the case number, 3 the age.
    assert _listed(client.get(QUEUE, {"o": "1"})) == [case.pk for case in by_number]
    assert _listed(client.get(QUEUE, {"o": "-1"})) == [case.pk for case in reversed(by_number)]
    assert _listed(client.get(QUEUE, {"o": "-3"})) == [young.pk, middle.pk, old.pk]
    # What cannot be read is left out: the queue's own order.
    assert _listed(client.get(QUEUE, {"o": "x.99.-2"})) == [old.pk, middle.pk, young.pk]


def test_a_sorted_header_links_to_turn_it_around_and_to_take_it_out(staff, signed_in, three_cases):
    page = signed_in(staff.cbp).get(QUEUE, {"o": "1"}).content.decode()

    assert _links(page, "Case number") == ["?o=-1"]
    assert 'class="sortremove" href="?o="' in page
    assert _links(page, "Age (days)") == ["?o=3.1"]  # first, the case number after it


def test_it_pages_a_queue_and_an_unknown_page_opens_the_nearest(
    staff, signed_in, three_cases, monkeypatch
):
    monkeypatch.setattr(QueueAdmin, "list_per_page", 2)
    young, middle, old = three_cases
    client = signed_in(staff.cbp)

    first = client.get(QUEUE)
    assert _listed(first) == [old.pk, middle.pk]
    assert _links(first.content.decode(), "2") == ["?p=2"]
    assert "3 cases" in first.content.decode()
    assert _listed(client.get(QUEUE, {"p": "2"})) == [young.pk]
    assert _listed(client.get(QUEUE, {"p": "9"})) == [young.pk]  # a link since outrun
    assert _listed(client.get(QUEUE, {"p": "two"})) == [old.pk, middle.pk]


def test_filter_links_keep_the_search_and_sort_and_start_again_at_page_one(
    staff, signed_in, three_cases
):
    page = signed_in(staff.cbp).get(QUEUE, {"q": "Maria", "o": "1", "p": "1"}).content.decode()

    assert _links(page, "Spanish") == ["?q=Maria&o=1&language__exact=es"]
    assert _links(page, "All")[0] == "?q=Maria&o=1"


def test_it_filters_and_clears_every_filter_in_one_link(staff, signed_in, three_cases):
    young, middle, old = three_cases
    Case.objects.filter(pk=middle.pk).update(language="ht")
    client = signed_in(staff.cbp)

    filtered = client.get(QUEUE, {"language__exact": "es", "age": "gt30", "o": "1"})

    assert _listed(filtered) == [old.pk]
    assert "?o=1" in unescape(filtered.content.decode().split("Clear all filters")[0])


@pytest.mark.parametrize(
    "params",
    [
        {"status__exact": "lost"},
        {"age": "forever"},
        {"assigned_to": "someone"},
        {"q": ["Maria", "Rosa"]},
        {"concern": "description"},
        {"_facets": "True"},
    ],
)
def test_a_filter_value_or_parameter_the_page_does_not_offer_is_a_400(
    staff, signed_in, three_cases, params
):
    assert signed_in(staff.cbp).get(QUEUE, params).status_code == 400


def test_a_search_is_recorded_with_its_filters_and_hits_never_its_words(staff, signed_in):
    factories.routed_case_in(Status.CBP_REVIEW, staff=staff, full_name="Rosa Quispe Mamani")
    client = signed_in(staff.cbp)

    client.get(QUEUE, {"q": "rosa quispe", "language__exact": "es"})

    event = AuditEvent.objects.get(action=Action.SEARCH)
    assert event.actor_id == staff.cbp.pk
    assert event.detail["model"] == "queues.teamunassignedcase"
    assert event.detail["hits"] == 1
    assert event.detail["filters"] == {"language__exact": ["es"]}
    assert "rosa" not in str(event.detail).lower()


def test_a_page_without_a_search_records_no_search(staff, signed_in, three_cases):
    signed_in(staff.cbp).get(QUEUE, {"o": "1", "language__exact": "es"})

    assert not AuditEvent.objects.filter(action=Action.SEARCH).exists()


def test_all_selected_of_a_filtered_queue_assigns_only_what_the_filter_lists(
    staff, signed_in, three_cases
):
    young, middle, old = three_cases
    Case.objects.filter(pk=middle.pk).update(language="ht")
    client = signed_in(staff.cbp)

    client.post(
        f"{QUEUE}?language__exact=es",
        {
            "action": "assign_to_me",
            "select_across": "1",
            "index": "0",
            "_selected_action": [str(old.pk)],
        },
    )

    assigned = set(Case.objects.filter(assigned_to=staff.cbp).values_list("pk", flat=True))
    assert assigned == {young.pk, old.pk}


def test_a_post_that_is_no_action_changes_nothing_and_goes_back_to_the_page(
    staff, signed_in, three_cases
):
    response = signed_in(staff.cbp).post(f"{QUEUE}?o=1", {"officer": str(staff.cbp.pk)})

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?o=1"
    assert not Case.objects.filter(assigned_to__isnull=False).exists()


@pytest.mark.parametrize("order", ["\u00b2", "1\u2460", "9" * 5000, "-", "0", "٢"])
def test_a_sort_it_cannot_read_leaves_the_queue_in_its_own_order(
    staff, signed_in, three_cases, order
):
    young, middle, old = three_cases

    assert _listed(signed_in(staff.cbp).get(QUEUE, {"o": order})) == [old.pk, middle.pk, young.pk]


def test_an_officer_no_longer_listed_can_still_be_filtered_by(staff, signed_in, three_cases):
    young, middle, old = three_cases
    Case.objects.filter(pk=middle.pk).update(assigned_to=staff.cbp)
    client = signed_in(staff.program)  # program sees CBP's cases
    staff.cbp.is_active = False
    staff.cbp.save()

    page = client.get("/staff/queues/casefile/", {"assigned_to": str(staff.cbp.pk)})

    assert _listed(page) == [middle.pk]
    assert ">cbp.officer</a></li>" not in page.content.decode()  # no longer offered


def test_an_action_from_a_page_since_gone_acts_on_what_was_selected(
    staff, signed_in, three_cases, monkeypatch
):
    monkeypatch.setattr(QueueAdmin, "list_per_page", 2)
    newest = [factories.routed_case_in(Status.CBP_REVIEW, staff=staff) for _ in range(2)]
    young, middle, old = three_cases
    client = signed_in(staff.cbp)
    assert _listed(client.get(QUEUE, {"p": "3"})) == [newest[1].pk]
    # Meanwhile colleagues take two cases: the queue has two pages left.
    Case.objects.filter(pk__in=[old.pk, newest[0].pk]).update(assigned_to=staff.program)

    response = client.post(
        f"{QUEUE}?p=3",
        {"action": "assign_to_me", "index": "0", "_selected_action": [str(newest[1].pk)]},
    )

    assert response.status_code == 302
    assert Case.objects.get(pk=newest[1].pk).assigned_to == staff.cbp
    assert _listed(client.get(QUEUE, {"p": "3"})) == [middle.pk, young.pk]  # the one page left
