"""Communicating the decision: previewed and confirmed, in the case's language, on the port's
own clock, to enrollee and representative only; corrected by an amended notice, never edited."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case, Communication, DeliveryStatus, MessageTemplate, Status, SubmitterType
from cases.services.submissions import ContactDetails
from routing import casework
from routing.models import PortOfEntry
from tests import factories
from tests.intake.test_confirmation_email import celery_worker, inbox, wait_for_sent  # noqa: F401
from tests.staff.conftest import act_url, confirmed

# A winter date always ahead of today: El Paso keeps Mountain Standard Time (UTC-7) then.
WINTER_DAY = date(timezone.localdate().year + 1, 1, 15)


def _decided(staff, outcome="disenroll", **overrides):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **overrides)
    casework.record_outcome(case=case, actor=staff.cbp, component="cbp", outcome=outcome)
    return case


def _at(port_name, day, hh_mm):
    return {
        "port": PortOfEntry.objects.get(name=port_name).pk,
        "present_date": day.isoformat(),
        "present_time": hh_mm,
    }


@pytest.mark.django_db
def test_it_shows_the_exact_messages_and_sends_nothing_before_confirmation(staff, signed_in):
    case = _decided(staff, submitter_type=SubmitterType.REPRESENTATIVE)
    client = signed_in(staff.program)

    preview = client.post(act_url(case, "communicate"), _at("El Paso", WINTER_DAY, "09:30"))

    page = preview.content.decode()
    assert preview.status_code == 200
    assert not Communication.objects.filter(case=case, kind="decision").exists()
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED
    assert "E-mail to maria@example.org" in page and "E-mail to ana@lawfirm.example" in page
    digest = re.search(r'name="preview_digest" value="([0-9a-f]{64})"', page).group(1)

    client.post(
        act_url(case, "communicate"),
        {**_at("El Paso", WINTER_DAY, "09:30"), "confirmed": "yes", "preview_digest": digest},
    )
    sent = Communication.objects.filter(case=case, kind="decision").order_by("recipient")
    assert [(m.recipient, m.to_address) for m in sent] == [
        ("enrollee", "maria@example.org"),
        ("representative", "ana@lawfirm.example"),
    ]
    # What was shown is what was kept, word for word.
    assert sent[0].body.replace("&", "&amp;") in page or sent[0].body in page


@pytest.mark.django_db
def test_the_preview_shows_the_text_message_too_and_it_carries_no_decision(staff, signed_in):
    case = _decided(staff, phone="+526561234567", texts_consent=True, language="en")
    client = signed_in(staff.program)

    page = client.post(act_url(case, "communicate"), _at("El Paso", WINTER_DAY, "09:30"))

    html = page.content.decode()
    assert "E-mail to maria@example.org" in html
    assert "Text message to +526561234567" in html
    assert (
        f"MPP case {case.case_number}: there is news about your request. "
        "See https://mpp.example.gov/status/"
    ) in html


@pytest.mark.django_db
def test_it_reads_the_time_on_the_ports_clock_not_new_yorks(staff, signed_in):
    case = _decided(staff)

    confirmed(
        signed_in(staff.program), act_url(case, "communicate"), _at("El Paso", WINTER_DAY, "09:30")
    )

    notice = Communication.objects.get(case=case, kind="decision")
    # 09:30 Mountain Standard Time is 16:30 UTC (written out by hand, not computed).
    assert notice.present_at == datetime(WINTER_DAY.year, 1, 15, 16, 30, tzinfo=UTC)
    assert notice.present_time_zone == "America/Denver"
    assert "El Paso" in notice.body and "09:30" in notice.body and "MST" in notice.body
    assert "Decisión:" in notice.body  # the case's language (Spanish)
    case.refresh_from_db()
    assert case.status == Status.COMMUNICATED
    assert case.cbpreview.decision_communicated_on == timezone.localdate(case.communicated_at)


@pytest.mark.django_db
def test_brownsville_is_central_time(staff, signed_in):
    case = _decided(staff)

    confirmed(
        signed_in(staff.program),
        act_url(case, "communicate"),
        _at("Brownsville", WINTER_DAY, "08:00"),
    )

    notice = Communication.objects.get(case=case, kind="decision")
    assert notice.present_at == datetime(WINTER_DAY.year, 1, 15, 14, 0, tzinfo=UTC)  # CST = UTC-6


@pytest.mark.django_db
def test_it_refuses_a_date_in_the_past(staff, signed_in):
    case = _decided(staff)

    page = confirmed(
        signed_in(staff.program),
        act_url(case, "communicate"),
        _at("El Paso", date(2020, 3, 2), "09:00"),
    ).content.decode()

    assert "already past" in page
    assert not Communication.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db
def test_it_refuses_a_time_too_soon_to_reach_the_person(staff, signed_in, settings):
    settings.PRESENTATION_MIN_NOTICE_HOURS = 72
    case = _decided(staff)
    tomorrow = timezone.localdate() + timedelta(days=1)

    page = confirmed(
        signed_in(staff.program), act_url(case, "communicate"), _at("Laredo", tomorrow, "10:00")
    ).content.decode()

    assert "at least 72 hours" in page
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db
def test_a_letter_only_requestor_needs_a_longer_notice(staff, signed_in, settings):
    settings.PRESENTATION_MIN_NOTICE_DAYS_BY_LETTER = 14
    case = _decided(staff, email="")
    in_a_week = timezone.localdate() + timedelta(days=7)

    page = confirmed(
        signed_in(staff.program), act_url(case, "communicate"), _at("Laredo", in_a_week, "10:00")
    ).content.decode()

    assert "at least 14 days" in page
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db
def test_a_template_edited_after_the_preview_is_shown_again_not_sent(staff, signed_in):
    case = _decided(staff, outcome="remain_enrolled")
    client = signed_in(staff.program)
    preview = client.post(act_url(case, "communicate")).content.decode()
    digest = re.search(r'name="preview_digest" value="([0-9a-f]{64})"', preview).group(1)
    MessageTemplate.objects.filter(kind="decision", language="es").update(body="Nuevo: $outcome")

    again = client.post(
        act_url(case, "communicate"), {"confirmed": "yes", "preview_digest": digest}
    )

    assert "Nuevo: " in again.content.decode()
    assert not Communication.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_a_mistake_is_corrected_by_an_amended_notice_and_both_stay(staff, signed_in):
    case = _decided(staff)
    client = signed_in(staff.program)
    confirmed(client, act_url(case, "communicate"), _at("El Paso", WINTER_DAY, "09:30"))
    first = Communication.objects.get(case=case, kind="decision")

    later = WINTER_DAY + timedelta(days=7)
    confirmed(
        client,
        act_url(case, "amend_decision"),
        {**_at("El Paso", later, "10:00"), "reason": "the port asked for another day"},
    )

    first.refresh_from_db()
    amended = Communication.objects.exclude(pk=first.pk).get(case=case, kind="decision")
    assert first.superseded_at is not None and first.body  # kept, marked superseded
    assert amended.supersedes == first and amended.superseded_at is None
    assert amended.amendment_reason == "the port asked for another day"
    assert amended.body.startswith("Este aviso corrige el que le enviamos el")
    assert AuditEvent.objects.filter(case_id=case.pk, detail__has_key="decision_amended").exists()
    page = client.get(f"/staff/queues/casefile/{case.pk}/change/").content.decode()
    assert "superseded by a corrected notice" in page
    assert page.count('class="communication') == 2
    assert Case.objects.get(pk=case.pk).status == Status.COMMUNICATED


@pytest.mark.django_db
def test_a_correction_needs_its_reason(staff, signed_in):
    case = _decided(staff, outcome="remain_enrolled")
    client = signed_in(staff.program)
    confirmed(client, act_url(case, "communicate"))

    page = confirmed(client, act_url(case, "amend_decision"), {"reason": ""}).content.decode()

    assert "Give the reason" in page
    assert Communication.objects.filter(case=case, kind="decision").count() == 1


@pytest.mark.django_db
def test_it_never_writes_to_a_preparer_and_keeps_the_text_for_printing(staff, signed_in):
    case = _decided(
        staff,
        outcome="remain_enrolled",
        submitter_type=SubmitterType.PREPARER,
        email="",
        contact=ContactDetails(
            full_name="Pedro Preparer", relationship="volunteer", email="pedro@example.org"
        ),
    )
    client = signed_in(staff.program)
    confirmed(client, act_url(case, "communicate"))

    message = Communication.objects.get(case=case, kind="decision")
    assert (message.channel, message.to_address, message.status) == (
        "letter",
        "",
        DeliveryStatus.TO_PRINT,
    )
    printed = client.get(f"/staff/queues/casefile/{case.pk}/communications/{message.pk}/print/")
    assert message.body.splitlines()[0] in printed.content.decode()
    assert AuditEvent.objects.filter(action="print", case_id=case.pk).exists()


@pytest.mark.django_db
def test_it_refuses_a_disenrollment_without_port_and_time(staff, signed_in):
    case = _decided(staff)

    response = confirmed(signed_in(staff.program), act_url(case, "communicate"))

    assert "needs the port of entry" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db
def test_it_lets_only_program_personnel_communicate(staff, signed_in):
    case = _decided(staff, outcome="remain_enrolled")

    confirmed(signed_in(staff.cbp), act_url(case, "communicate"))

    assert Case.objects.get(pk=case.pk).status == Status.DECIDED


@pytest.mark.django_db(transaction=True)
def test_it_emails_the_decision_through_the_worker(staff, inbox, celery_worker):  # noqa: F811
    case = _decided(staff, outcome="remain_enrolled")

    casework.communicate_decision(case=case, actor=staff.program)

    wait_for_sent(1)
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["maria@example.org"]
    assert case.case_number in inbox.messages[0].content.decode()


@pytest.mark.django_db
def test_the_case_page_shows_the_time_on_the_ports_clock(staff, signed_in):
    case = _decided(staff)
    client = signed_in(staff.program)
    confirmed(client, act_url(case, "communicate"), _at("El Paso", WINTER_DAY, "09:30"))

    page = client.get(f"/staff/queues/casefile/{case.pk}/change/").content.decode()

    assert "9:30 a.m. (MST, the port's time)" in page  # not New York's 11:30
