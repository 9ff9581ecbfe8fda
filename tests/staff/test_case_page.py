"""The case page: intake answers, documents with audited download, modules, timeline."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from cases.models import CaseTransition, Document, ScanStatus, Status
from tests import factories
from tests.staff.conftest import case_page_url

pytestmark = pytest.mark.django_db


def _clean(case):
    Document.objects.filter(case=case).update(scan_status=ScanStatus.CLEAN)


def test_it_shows_the_intake_answers_and_records_the_view(staff, signed_in, cbp_case):
    page = signed_in(staff.cbp).get(case_page_url(cbp_case)).content.decode()

    assert "María José Hernández López" in page
    assert "212345678" in page
    assert "Tengo una condición médica crónica." in page
    assert AuditEvent.objects.filter(
        action="view_case", case_id=cbp_case.pk, actor_id=staff.cbp.pk
    ).exists()


def test_it_records_a_history_view(staff, signed_in, cbp_case):
    response = signed_in(staff.cbp).get(f"/staff/queues/casefile/{cbp_case.pk}/history/")

    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="view_history", case_id=cbp_case.pk).exists()


def test_it_escapes_what_the_requestor_wrote(staff, signed_in):
    case = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, description="<script>alert(1)</script>"
    )

    page = signed_in(staff.cbp).get(case_page_url(case)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_downloads_a_clean_document_as_an_audited_attachment(staff, signed_in):
    case = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, documents=[factories.g28_upload()]
    )
    _clean(case)
    document = case.documents.get()

    response = signed_in(staff.cbp).get(
        f"/staff/queues/casefile/{case.pk}/documents/{document.pk}/"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == factories.PDF
    assert AuditEvent.objects.filter(action="download_document", document_id=document.pk).exists()


def test_it_refuses_a_document_not_yet_scanned_clean(staff, signed_in):
    case = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, documents=[factories.g28_upload()]
    )
    document = case.documents.get()

    response = signed_in(staff.cbp).get(
        f"/staff/queues/casefile/{case.pk}/documents/{document.pk}/"
    )

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="download_document").exists()


def test_it_warns_staff_of_a_pdf_that_carries_javascript(staff, signed_in):
    scripted = factories.g28_upload()
    scripted.file = ContentFile(
        factories.PDF.replace(b"1 0 obj<<>>", b"1 0 obj<</OpenAction<</S/JavaScript/JS(x)>>>>"),
        name="g28.pdf",
    )
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, documents=[scripted])
    _clean(case)
    plain = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, documents=[factories.g28_upload()]
    )
    _clean(plain)

    flagged = signed_in(staff.cbp).get(case_page_url(case)).content.decode()
    unflagged = signed_in(staff.cbp).get(case_page_url(plain)).content.decode()

    assert "this PDF contains JavaScript" in flagged
    assert "this PDF contains JavaScript" not in unflagged


def test_it_lists_each_document_with_its_kind_owner_scan_and_time(staff, signed_in, settings):
    settings.TIME_ZONE = "America/New_York"
    case = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, documents=[factories.g28_upload(), factories.g28_upload()]
    )
    clean, pending = case.documents.order_by("id")
    # 15:30 UTC on 10 March 2026 is 11:30 in New York (daylight saving time began on the 8th).
    Document.objects.filter(pk=clean.pk).update(
        scan_status=ScanStatus.CLEAN,
        display_name="<b>passport</b>.pdf",
        kind="component_upload",
        component="uscis",
        shared_with_other_components=True,
        uploaded_at="2026-03-10T15:30:00Z",
    )

    html = signed_in(staff.cbp).get(case_page_url(case)).content.decode()
    rows = re.findall(r"<tr><td>(.*?)</tr>", html.split('id="documents"')[1].split("</table>")[0])

    assert len(rows) == 2
    assert rows[0] == (
        f'<a href="/staff/queues/casefile/{case.pk}/documents/{clean.pk}/">'
        "&lt;b&gt;passport&lt;/b&gt;.pdf</a></td><td>Component upload (USCIS, shared)</td>"
        "<td>Clean</td><td>March 10, 2026, 11:30 a.m.</td>"
    )
    # Not yet scanned clean: named, not linked.
    assert rows[1].startswith(
        f"{pending.display_name}</td><td>Form G-28</td><td>Waiting for virus scan</td>"
    )
    assert "/documents/" not in rows[1]


def test_it_dates_each_timeline_entry_in_the_offices_time(staff, signed_in, settings):
    settings.TIME_ZONE = "America/New_York"
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    # 02:05 UTC on 15 January 2026 is 21:05 the evening before in New York (UTC-5).
    CaseTransition.objects.filter(case=case).update(occurred_at="2026-01-15T02:05:00Z")

    html = signed_in(staff.cbp).get(case_page_url(case)).content.decode()

    assert (
        '<li><time datetime="2026-01-14T21:05:00-05:00">Jan. 14, 2026, 9:05 p.m.</time>: '
        "Program triage → CBP review (program.officer)</li>"
    ) in html


def test_it_shows_the_timeline_in_order(staff, signed_in):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)

    timeline = signed_in(staff.uscis).get(case_page_url(case)).context["page"].timeline

    whats = [str(entry.what) for entry in timeline]
    assert whats == [
        "Submitted → Program triage",
        "Placed by routing",
        "Program triage → CBP review",
        "CBP review → USCIS review",
    ]
    assert [e.at for e in timeline] == sorted(e.at for e in timeline)


def test_it_offers_triage_the_possible_duplicates(staff, signed_in):
    first = factories.routed_case_in(Status.TRIAGE, staff=staff)
    second = factories.routed_case_in(Status.TRIAGE, staff=staff)

    page = signed_in(staff.program).get(case_page_url(second)).content.decode()

    assert f'href="{case_page_url(first)}"' in page


@pytest.mark.parametrize("role", ["cbp", "program"])
def test_it_runs_a_constant_number_of_queries_whatever_the_case_holds(
    staff, signed_in, role, django_assert_num_queries
):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    factories.cbp_notes_and_scans(case, staff.cbp, 1)
    client = signed_in(getattr(staff, role))
    client.get(case_page_url(case))
    with CaptureQueriesContext(connection) as small:
        client.get(case_page_url(case))

    factories.cbp_notes_and_scans(case, staff.cbp, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(case_page_url(case))
    assert len(response.context["page"].documents) == 7


def _long_history(case, count):
    """``count`` more transitions, a minute apart, after the case's own."""
    start = case.transitions.order_by("-occurred_at").first().occurred_at
    CaseTransition.objects.bulk_create(
        CaseTransition(
            case=case,
            from_status=case.status,
            to_status=case.status,
            occurred_at=start + timedelta(minutes=n + 1),
            reason=f"step {n}",
        )
        for n in range(count)
    )


def _steps(page):
    return [entry.detail.split(": ", 1)[-1] for entry in page.timeline if "step" in entry.detail]


def test_it_shows_the_latest_timeline_entries_and_pages_back_through_the_rest(staff, signed_in):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
    _long_history(case, 120)
    client = signed_in(staff.uscis)

    response = client.get(case_page_url(case))
    newest = response.context["page"]
    assert _steps(newest) == [f"step {n}" for n in range(70, 120)]
    assert "Placed by routing" not in [str(e.what) for e in newest.timeline]
    seen, pages, html = [], 0, response.content.decode()
    # Follow the "show older" links as a browser without JavaScript would.
    while link := re.search(r'href="(\?before=[^"#]+)#timeline" id="timeline-older"', html):
        pages += 1
        response = client.get(case_page_url(case) + link.group(1))
        html = response.content.decode()
        seen = _steps(response.context["page"]) + seen
        assert 'id="timeline-latest"' in html
    oldest = response.context["page"]

    assert pages == 2
    assert seen == [f"step {n}" for n in range(70)]
    whats = [str(entry.what) for entry in oldest.timeline]
    assert whats[:4] == [
        "Submitted → Program triage",
        "Placed by routing",
        "Program triage → CBP review",
        "CBP review → USCIS review",
    ]
    assert [e.at for e in oldest.timeline] == sorted(e.at for e in oldest.timeline)
    # Each look at a page of the timeline is a recorded view of the case.
    assert AuditEvent.objects.filter(action="view_case", case_id=case.pk).count() == 3


def test_an_unreadable_timeline_cursor_shows_the_newest_entries(staff, signed_in):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
    _long_history(case, 60)

    for bad in ("x", "12.", "-5.3", "9" * 30 + ".1"):
        page = signed_in(staff.uscis).get(case_page_url(case), {"before": bad}).context["page"]
        assert _steps(page) == [f"step {n}" for n in range(10, 60)]


def test_the_timeline_costs_the_same_queries_however_long_the_history(
    staff, signed_in, django_assert_num_queries
):
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
    client = signed_in(staff.uscis)
    client.get(case_page_url(case))
    with CaptureQueriesContext(connection) as short:
        client.get(case_page_url(case))

    _long_history(case, 300)
    with django_assert_num_queries(len(short.captured_queries)):
        page = client.get(case_page_url(case)).context["page"]
    with django_assert_num_queries(len(short.captured_queries)):
        client.get(case_page_url(case), {"before": str(page.timeline_older)})


def test_it_shows_every_contact_detail_and_the_channels_that_will_be_used(staff, signed_in):
    from cases.services.submissions import ContactDetails

    case = factories.routed_case_in(
        Status.TRIAGE,
        staff=staff,
        submitter_type="representative",
        phone="+526561234567",
        texts_consent=True,
        contact=ContactDetails(
            full_name="Ana Attorney",
            relationship="Attorney of record",
            phone="+19155550134",
            email="ana@lawfirm.example",
        ),
    )

    page = signed_in(staff.program).get(case_page_url(case)).content.decode()
    contact = page[page.index('id="contact"') : page.index('id="documents"')]

    for shown in (
        "+52 656 123 4567",
        "maria@example.org",
        "Ana Attorney",
        "Attorney of record",
        "+1 915-555-0134",
        "ana@lawfirm.example",
    ):
        assert shown in contact, shown
    channels = contact[contact.index('id="channels"') :]
    assert "Enrollee: Text message, +526561234567" in channels
    assert "Enrollee: E-mail, maria@example.org" in channels
    assert "Representative: E-mail, ana@lawfirm.example" in channels
    assert "Representative: Text message" not in channels  # gave a phone, not consent


def test_it_says_a_preparer_receives_nothing(staff, signed_in):
    from cases.services.submissions import ContactDetails

    case = factories.routed_case_in(
        Status.TRIAGE,
        staff=staff,
        submitter_type="preparer",
        email="",
        contact=ContactDetails(
            full_name="Pedro Preparer", relationship="Shelter volunteer", email="p@example.org"
        ),
    )

    page = signed_in(staff.program).get(case_page_url(case)).content.decode()
    contact = page[page.index('id="contact"') : page.index('id="documents"')]

    assert "Pedro Preparer" in contact and "receives nothing" in contact
    assert "By printed letter only" in contact


def test_the_timeline_shows_each_messages_channel_and_delivery_status(staff, signed_in):
    from cases.services import communications

    case = factories.routed_case_in(
        Status.TRIAGE, staff=staff, phone="+526561234567", texts_consent=True
    )
    communications.send_confirmation(case=case)

    timeline = signed_in(staff.program).get(case_page_url(case)).context["page"].timeline

    messages = sorted((str(e.what), e.detail) for e in timeline if "Confirmation" in str(e.what))
    assert messages == [
        ("Confirmation of receipt to Enrollee by E-mail", "Queued"),
        ("Confirmation of receipt to Enrollee by Text message", "Queued"),
    ]
