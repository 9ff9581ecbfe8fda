"""Letters to print: a requestor nobody can reach otherwise gets the decision and information
requests as a letter, listed for program personnel, who print it and record its delivery;
each step is audited."""

import pytest

from audit.models import AuditEvent
from cases.models import Communication, DeliveryStatus, Status
from cases.tasks import send_communication
from routing import casework
from tests import factories
from tests.staff.conftest import act_url, case_page_url

pytestmark = pytest.mark.django_db
LETTERS = "/staff/queues/lettertoprintcase/"
BASE = "https://mpp.example.gov"


def _unreachable(staff, status=Status.CBP_REVIEW):
    """Gave neither e-mail nor a phone that agreed to texts."""
    return factories.routed_case_in(status, staff=staff, email="", phone="+526561234567")


def _letter_url(case, letter):
    return f"/staff/queues/casefile/{case.pk}/letters/{letter.pk}/"


def test_a_case_with_no_channel_lands_in_the_letters_queue(staff, signed_in):
    case = _unreachable(staff)
    casework.request_information(
        case=case, actor=staff.cbp, message="Send the clinic's letter.", base_url=BASE
    )
    letter = Communication.objects.get(case=case)

    assert (letter.channel, letter.status, letter.recipient) == ("letter", "to_print", "enrollee")
    queue = signed_in(staff.program).get(LETTERS).content.decode()
    assert case.case_number in queue
    assert signed_in(staff.cbp).get(LETTERS).status_code == 403  # program personnel's work


def test_the_letter_is_a_real_letter_in_the_cases_language(staff, signed_in):
    case = _unreachable(staff, Status.DECIDED)
    [letter] = casework.communicate_decision(case=case, actor=staff.program)

    page = signed_in(staff.program).get(_letter_url(case, letter)).content.decode()

    assert "Departamento de Seguridad Nacional de EE. UU." in page  # letterhead, in Spanish
    assert "María José Hernández López" in page and "Ciudad Juárez, Chihuahua" in page
    assert case.case_number in page
    assert "El DHS tomó una decisión sobre su solicitud" in page
    assert 'id="letter-actions"' in page  # hidden when printed (staff.css, @media print)
    assert AuditEvent.objects.filter(
        action="view_case", case_id=case.pk, detail__letter=letter.pk
    ).exists()


def test_printing_and_delivery_are_recorded_by_whom_and_audited(staff, signed_in):
    case = _unreachable(staff, Status.DECIDED)
    [letter] = casework.communicate_decision(case=case, actor=staff.program)
    client = signed_in(staff.program)

    client.post(act_url(case, "letter_delivered"), {"communication": letter.pk})
    letter.refresh_from_db()
    assert letter.status == DeliveryStatus.TO_PRINT  # not delivered before it is printed

    client.post(act_url(case, "letter_printed"), {"communication": letter.pk})
    letter.refresh_from_db()
    assert (letter.status, letter.printed_by) == (DeliveryStatus.PRINTED, staff.program)
    assert case.case_number in client.get(LETTERS).content.decode()  # until delivered

    client.post(
        act_url(case, "letter_delivered"),
        {"communication": letter.pk, "note": "Handed over at the shelter"},
    )
    letter.refresh_from_db()
    assert (letter.status, letter.delivered_by, letter.delivery_note) == (
        DeliveryStatus.DELIVERED,
        staff.program,
        "Handed over at the shelter",
    )
    assert case.case_number not in client.get(LETTERS).content.decode()
    printed = AuditEvent.objects.get(action="print", case_id=case.pk)
    delivered = AuditEvent.objects.get(action="change_case", case_id=case.pk)
    assert printed.actor_id == delivered.actor_id == staff.program.pk
    assert printed.detail == {"communication": letter.pk, "letter": "printed"}
    assert delivered.detail == {"communication": letter.pk, "letter": "delivered"}
    timeline = [str(e.what) for e in client.get(case_page_url(case)).context["page"].timeline]
    assert "Letter printed" in timeline and "Letter delivered" in timeline


def test_only_program_personnel_record_a_letter(staff, signed_in):
    case = _unreachable(staff)
    casework.request_information(
        case=case, actor=staff.cbp, message="Send the clinic's letter.", base_url=BASE
    )
    letter = Communication.objects.get(case=case)

    signed_in(staff.cbp).post(act_url(case, "letter_printed"), {"communication": letter.pk})

    letter.refresh_from_db()
    assert letter.status == DeliveryStatus.TO_PRINT
    assert not AuditEvent.objects.filter(action="print").exists()


def test_a_reachable_requestor_gets_no_letter(staff):
    case = factories.routed_case_in(Status.DECIDED, staff=staff)

    kept = casework.communicate_decision(case=case, actor=staff.program)

    assert [c.channel for c in kept] == ["email"]


def test_a_decision_whose_every_copy_failed_lands_in_the_letters_queue(
    staff, signed_in, sms_provider
):
    case = factories.routed_case_in(
        Status.DECIDED, staff=staff, email="", phone="+526561234567", texts_consent=True
    )
    [text] = casework.communicate_decision(case=case, actor=staff.program)
    Communication.objects.filter(pk=text.pk).update(to_address="+0000")  # refused for good
    queue = signed_in(staff.program)

    assert case.case_number not in queue.get(LETTERS).content.decode()
    send_communication.apply(args=[text.pk]).get()

    assert case.case_number in queue.get(LETTERS).content.decode()
