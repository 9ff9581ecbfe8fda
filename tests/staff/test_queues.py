"""The queue pages: what a worker needs to choose a case, oldest first, within need-to-know."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, CRCLAudit, Status
from routing import casework, crcl_audits
from routing import services as routing
from tests import factories

pytestmark = pytest.mark.django_db


def _age(case, days, paused_days=0):
    Case.objects.filter(pk=case.pk).update(
        received_at=timezone.now() - timedelta(days=days),
        paused_seconds=int(timedelta(days=paused_days).total_seconds()),
    )


def test_it_lists_the_team_queue_oldest_first_with_a_masked_a_number(staff, signed_in):
    newer = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    older = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, a_number="A-098 765 432")
    _age(older, 10)
    _age(newer, 2)

    response = signed_in(staff.cbp).get("/staff/queues/teamunassignedcase/")
    page = response.content.decode()

    assert [c.pk for c in response.context["queue_page"].cases] == [older.pk, newer.pk]
    assert "5432" in page
    assert "098765432" not in page
    assert "1990" not in page  # the birth date is never listed


def test_it_shows_my_cases_only_mine(staff, signed_in, django_user_model):
    mine = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    theirs = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    colleague = django_user_model.objects.create_user(username="cbp.colleague")
    colleague.groups.add(staff.cbp.groups.get())
    routing.assign_to_officer(case=mine, officer=staff.cbp, actor=staff.cbp)
    routing.assign_to_officer(case=theirs, officer=colleague, actor=staff.cbp)

    listed = signed_in(staff.cbp).get("/staff/queues/mycase/").context["queue_page"].cases

    assert [c.pk for c in listed] == [mine.pk]


def test_it_counts_overdue_on_working_age_not_time_waiting(staff, signed_in, settings):
    settings.QUEUE_OVERDUE_DAYS = {**settings.QUEUE_OVERDUE_DAYS, "cbp_review": 30}
    late = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    waited = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    _age(late, 31)
    _age(waited, 31, paused_days=5)

    listed = signed_in(staff.cbp).get("/staff/queues/overduecase/").context["queue_page"].cases

    assert [c.pk for c in listed] == [late.pk]


def test_it_filters_a_queue_by_concern_condition_and_age(staff, signed_in):
    pregnant = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, conditions={"condition_pregnancy": True}
    )
    other = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    _age(other, 40)
    client = signed_in(staff.cbp)

    by_condition = client.get(
        "/staff/queues/teamunassignedcase/", {"condition": "condition_pregnancy"}
    )
    by_age = client.get("/staff/queues/teamunassignedcase/", {"age": "gt30"})
    by_concern = client.get(
        "/staff/queues/teamunassignedcase/", {"concern": "concern_new_fear_no_interview"}
    )

    assert [c.pk for c in by_condition.context["queue_page"].cases] == [pregnant.pk]
    assert [c.pk for c in by_age.context["queue_page"].cases] == [other.pk]
    assert list(by_concern.context["queue_page"].cases) == []


def test_it_counts_each_queue_on_the_staff_home_page(staff, signed_in):
    factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    factories.routed_case_in(Status.TRIAGE, staff=staff)

    cbp_home = signed_in(staff.cbp).get("/staff/").content.decode()
    program_home = signed_in(staff.program).get("/staff/").content.decode()

    assert 'id="queue-counts"' in cbp_home
    assert 'My team&#x27;s unassigned cases</a></th><td class="queue-count">2<' in cbp_home
    assert 'My team&#x27;s unassigned cases</a></th><td class="queue-count">1<' in program_home


def test_it_bulk_assigns_from_the_queue_up_to_the_cap(staff, signed_in, settings):
    settings.BULK_ASSIGN_MAX = 2
    cases = [factories.routed_case_in(Status.CBP_REVIEW, staff=staff) for _ in range(3)]
    client = signed_in(staff.cbp)

    too_many = client.post(
        "/staff/queues/teamunassignedcase/",
        {"action": "assign_to_me", "_selected_action": [c.pk for c in cases]},
        follow=True,
    )
    assert "at most 2" in too_many.content.decode()
    assert not Case.objects.filter(assigned_to=staff.cbp).exists()

    client.post(
        "/staff/queues/teamunassignedcase/",
        {"action": "assign_to_me", "_selected_action": [c.pk for c in cases[:2]]},
    )
    assert Case.objects.filter(assigned_to=staff.cbp).count() == 2


def test_it_bulk_assigns_to_a_colleague_of_the_same_component_only(
    staff, signed_in, django_user_model
):
    colleague = django_user_model.objects.create_user(username="cbp.colleague", is_staff=True)
    colleague.groups.add(Group.objects.get(name="cbp"))
    cases = [factories.routed_case_in(Status.CBP_REVIEW, staff=staff) for _ in range(2)]
    client = signed_in(staff.cbp)
    selected = [c.pk for c in cases]
    queue = "/staff/queues/teamunassignedcase/"

    nobody = client.post(
        queue, {"action": "assign_to_officer", "_selected_action": selected}, follow=True
    )
    outsider = client.post(
        queue,
        {"action": "assign_to_officer", "officer": staff.uscis.pk, "_selected_action": selected},
        follow=True,
    )
    assert not Case.objects.filter(assigned_to__isnull=False).exists()
    assert (
        "2 cases could not be assigned to that officer: Assign the case to an active officer of "
        "the component that holds it." in outsider.content.decode()
    )
    assert "Choose an officer first." in nobody.content.decode()

    done = client.post(
        queue,
        {"action": "assign_to_officer", "officer": colleague.pk, "_selected_action": selected},
        follow=True,
    )
    assert "2 cases assigned." in done.content.decode()
    assert Case.objects.filter(assigned_to=colleague).count() == 2


def _add_cases(staff, count):
    for _ in range(count):
        factories.routed_case_in(Status.CBP_REVIEW, staff=staff, documents=[factories.g28_upload()])


@pytest.mark.parametrize(
    "url",
    [
        "/staff/queues/teamunassignedcase/",
        "/staff/queues/overduecase/",
        "/staff/queues/casefile/?q=maria",
        "/staff/",
    ],
)
def test_it_runs_a_constant_number_of_queries_whatever_the_queue_size(
    staff, signed_in, url, django_assert_num_queries
):
    _add_cases(staff, 2)
    client = signed_in(staff.cbp)
    client.get(url)  # warm caches that are not per request (content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200

    _add_cases(staff, 8)
    get_user_model()  # the user is read afresh by each request
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_it_shows_crcl_only_the_sampled_cases_awaiting_audit(staff, signed_in):
    sampled = factories.routed_case_in(Status.DECIDED, staff=staff)
    factories.routed_case_in(Status.DECIDED, staff=staff)
    crcl_audits.add_case_to_audit(case=sampled, actor=staff.program, reason="CRCL asked")

    listed = signed_in(staff.crcl).get("/staff/queues/auditqueuecase/").context["queue_page"].cases
    everything = signed_in(staff.crcl).get("/staff/queues/casefile/").context["queue_page"].cases

    assert [c.pk for c in listed] == [sampled.pk]
    assert [c.pk for c in everything] == [sampled.pk]


def test_the_audit_queue_lists_open_audits_oldest_sample_first(staff, signed_in):
    first, second, done = (factories.routed_case_in(Status.DECIDED, staff=staff) for _ in "abc")
    for case in (second, done, first):
        crcl_audits.add_case_to_audit(case=case, actor=staff.program, reason="CRCL asked")
    CRCLAudit.objects.filter(case=first).update(sampled_at=timezone.now() - timedelta(days=3))
    casework.record_outcome(
        case=done, actor=staff.crcl, component="crcl", outcome="consistent", reason=""
    )
    client = signed_in(staff.crcl)

    listed = client.get("/staff/queues/auditqueuecase/").context["queue_page"].cases
    found = client.get("/staff/queues/casefile/", {"q": done.case_number}).context["queue_page"]

    assert [c.pk for c in listed] == [first.pk, second.pk]
    # A completed audit leaves the queue but stays findable among the cases CRCL may see.
    assert [c.pk for c in found.cases] == [done.pk]


def test_it_lets_program_edit_the_message_templates_used_in_emails(staff, signed_in):
    from cases.models import MessageTemplate
    from routing import casework

    template = MessageTemplate.objects.get(kind="information_request", language="es")
    response = signed_in(staff.program).post(
        f"/staff/cases/messagetemplate/{template.pk}/change/",
        {
            "kind": "information_request",
            "language": "es",
            "subject": "Caso $case_number",
            "body": "Nuevo texto: $message $link",
        },
    )
    assert response.status_code == 302
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    casework.request_information(
        case=case, actor=staff.cbp, message="La carta.", base_url="https://mpp.example"
    )

    sent = case.communications.get(kind="information_request")
    assert sent.subject == f"Caso {case.case_number}"
    assert sent.body.startswith("Nuevo texto: La carta. https://mpp.example/es/information/")


def test_a_long_queue_is_counted_only_up_to_a_bound(staff, signed_in, monkeypatch):
    from staff.queue_page import BoundedPaginator

    monkeypatch.setattr(BoundedPaginator, "CAP", 3)
    for _ in range(5):
        factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client = signed_in(staff.cbp)

    long = client.get("/staff/queues/teamunassignedcase/")
    short = client.get("/staff/queues/awaitinginformationcase/")

    assert "more than 3 cases" in long.content.decode()
    assert len(long.context["queue_page"].cases) == 5
    assert "more than" not in short.content.decode()



def test_a_long_queue_never_offers_to_select_all_of_a_number_it_did_not_count(
    staff, signed_in, monkeypatch
):
    from staff.admin import QueueAdmin
    from staff.queue_page import BoundedPaginator

    monkeypatch.setattr(BoundedPaginator, "CAP", 3)
    monkeypatch.setattr(QueueAdmin, "list_per_page", 2)
    for _ in range(5):
        factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    page = signed_in(staff.cbp).get("/staff/queues/teamunassignedcase/").content.decode()

    assert "0 of 2 selected" in page
    assert "Select all 4" not in page and "All 4 selected" not in page

def test_it_filters_a_queue_by_assignee(staff, signed_in):
    mine = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    routing.assign_to_officer(case=mine, officer=staff.cbp, actor=staff.cbp)

    response = signed_in(staff.cbp).get("/staff/queues/casefile/", {"assigned_to": staff.cbp.pk})

    assert [c.pk for c in response.context["queue_page"].cases] == [mine.pk]


def test_it_reads_the_officers_groups_once_however_many_role_checks_a_page_makes(staff, signed_in):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client = signed_in(staff.cbp)

    with CaptureQueriesContext(connection) as page:
        response = client.get(f"/staff/queues/casefile/?q={case.case_number}")

    assert response.status_code == 200
    group_reads = [q for q in page.captured_queries if q["sql"].startswith('SELECT "auth_group"')]
    assert len(group_reads) == 1


def test_the_bulk_assignment_offers_only_officers_of_the_users_team(staff, signed_in):
    factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    page = signed_in(staff.cbp).get("/staff/queues/teamunassignedcase/").content.decode()

    bar = page[page.index('<select name="officer">') :]
    offered = re.findall(r'<option value="\d+">([^<]+)</option>', bar[: bar.index("</select>")])
    assert offered == ["cbp.officer"]  # no USCIS or program officer for CBP's cases
