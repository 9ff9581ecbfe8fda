"""The status page: the case number and the enrollee's birth date open a case with no account.

Every wrong combination gets the same answer; look-ups are limited per case number and per
connection; each is audited with ids only; the case never appears in an address; the page
forgets the case when left or left idle; an information request is answered there, and one
past its due date is refused at once, there and through the e-mailed link.
"""

import datetime
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from cases.case_numbers import new_case_number
from cases.models import Case, Document, InformationRequest, Status
from routing import casework
from tests import factories

pytestmark = pytest.mark.django_db
BORN = {"birth_month": "4", "birth_day": "12", "birth_year": "1990"}  # the factories' enrollee
BASE = "https://mpp.example.gov"


def _case(**overrides):
    """A new request, in program triage."""
    fields = {"language": "ht", "email": "", "phone": "+526561234567", "texts_consent": True}
    return factories.placed_case(**{**factories.TRIAGE_ANSWERS, **fields, **overrides})


def _look_up(client, number, born=BORN, path="/status/"):
    return client.post(path, {"case_number": number, **born})


def _open(client, case):
    response = _look_up(client, case.case_number)
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response.url)


def _without_what_was_typed(response) -> str:
    """The page with the echoed inputs and the (always different) CSRF token blanked out."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'(name="(?:case_number|birth_\w+)"[^>]*?) value="[^"]*"', r"\1", html)


def test_it_opens_the_case_in_its_language_keeping_number_and_birth_date_out_of_every_address(
    client,
):
    case = _case()

    response = _look_up(client, case.case_number.lower().replace("-", " "))

    assert response.status_code == 302
    assert response.url == "/ht/status/"
    page = client.get(response.url)
    html = page.content.decode()
    assert 'lang="ht"' in html and 'data-stage="received"' in html
    assert case.case_number in html
    addresses = re.findall(r'(?:href|action)="([^"]*)"', html)
    compact = case.case_number.replace("-", "")
    assert not [a for a in addresses if compact in a.replace("-", "") or "1990" in a]
    event = AuditEvent.objects.get(action="view_case", case_id=case.pk)
    assert event.actor_id is None and event.detail == {"status_page": "opened"}


def test_every_wrong_combination_gets_the_same_answer(client):
    case = _case()
    wrong_birth = {**BORN, "birth_day": "13"}
    unknown = new_case_number()

    answers = [
        _look_up(client, case.case_number, wrong_birth),  # right number, wrong birth date
        _look_up(client, unknown, BORN),  # no such case
        _look_up(client, unknown, wrong_birth),  # neither
    ]

    assert {response.status_code for response in answers} == {200}
    assert len({_without_what_was_typed(response) for response in answers}) == 1
    assert "status_page" not in client.session
    events = AuditEvent.objects.filter(action="search")
    assert [(e.case_id, e.detail) for e in events] == [(None, {"status_page": "no_match"})] * 3


def test_a_mistyped_number_is_pointed_out_as_such_and_nothing_is_lost(client):
    case = _case()
    typo = case.case_number[:-1] + ("0" if case.case_number[-1] != "0" else "1")

    response = _look_up(client, typo)

    html = response.content.decode()
    assert "This is not a complete case number" in html
    assert f'value="{typo}"' in html and 'value="1990"' in html


def test_it_limits_look_ups_of_one_case_number_from_any_connection(client, settings):
    settings.STATUS_LOOKUP_RATE_PER_CASE = "3/h"
    case = _case()
    other = _case()
    wrong = {**BORN, "birth_year": "1991"}

    for n in range(3):
        guesser = Client(REMOTE_ADDR=f"10.1.0.{n + 1}")
        assert _look_up(guesser, case.case_number, wrong).status_code == 200

    refused = _look_up(Client(REMOTE_ADDR="10.1.0.9"), case.case_number)  # even the right one

    assert refused.status_code == 429
    assert "Too many tries" in refused.content.decode()
    assert f'value="{case.case_number}"' in refused.content.decode()  # nothing typed is lost
    assert _look_up(Client(REMOTE_ADDR="10.1.0.9"), other.case_number).status_code == 302
    assert AuditEvent.objects.filter(detail__status_page="rate_limited").count() == 1


def test_it_limits_look_ups_from_one_connection_generously(client, settings):
    assert settings.STATUS_LOOKUP_RATE_PER_ADDRESS == "200/h"  # a shelter shares one address
    settings.STATUS_LOOKUP_RATE_PER_ADDRESS = "5/h"
    shelter = Client(REMOTE_ADDR="10.2.0.1")

    for _ in range(5):
        assert _look_up(shelter, new_case_number()).status_code == 200

    assert _look_up(shelter, new_case_number()).status_code == 429
    assert _look_up(Client(REMOTE_ADDR="10.2.0.2"), new_case_number()).status_code == 200


def test_it_refuses_look_ups_it_cannot_count(client, settings):
    # Redis unreachable: guessing without limits would be worse than a pause.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    case = _case()

    response = _look_up(client, case.case_number)

    assert response.status_code == 503
    assert "try again in a few minutes" in response.content.decode()


def test_it_forgets_the_case_when_left_idle_and_when_left(client, settings):
    settings.STATUS_PAGE_IDLE_SECONDS = 600
    case = _case()
    _open(client, case)
    session = client.session
    kept = session["status_page"]
    session["status_page"] = {
        **kept,
        "seen": (timezone.now() - timedelta(minutes=11)).isoformat(),
    }
    session.save()

    idle = client.get("/ht/status/").content.decode()
    assert case.case_number not in idle and 'name="case_number"' in idle

    _open(client, case)
    left = client.post("/ht/status/leave/")
    assert case.case_number not in left.content.decode()
    assert case.case_number not in client.get("/ht/status/").content.decode()


def _asked(staff, case, message="Voye lèt klinik la."):
    casework.request_information(case=case, actor=staff.cbp, message=message, base_url=BASE)
    return InformationRequest.objects.get(case=case)


def _cbp_case(staff, **overrides):
    fields = {"language": "ht", "email": "", "phone": "+526561234567", "texts_consent": True}
    return factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **{**fields, **overrides})


def test_it_shows_what_is_needed_and_takes_the_answer_with_a_document(client, staff):
    case = _cbp_case(staff)
    asked = _asked(staff, case)

    page = _open(client, case).content.decode()
    assert 'data-stage="information"' in page
    assert "Voye lèt klinik la." in page
    answered = client.post(
        "/ht/status/answer/",
        {
            "request": asked.pk,
            "answer": "Men lèt la.",
            "files": SimpleUploadedFile("let.pdf", factories.PDF, "application/pdf"),
        },
    )

    assert answered.status_code == 200
    asked.refresh_from_db()
    assert asked.answer == "Men lèt la." and asked.answered_at is not None
    assert Case.objects.get(pk=case.pk).status == Status.CBP_REVIEW
    assert Document.objects.filter(case=case, kind="information_response").count() == 1
    event = AuditEvent.objects.get(action="change_case", detail__information_request=asked.pk)
    assert event.detail["via"] == "status_page"


def test_an_answer_with_an_error_keeps_what_was_written(client, staff):
    case = _cbp_case(staff)
    asked = _asked(staff, case)
    _open(client, case)

    page = client.post(
        "/ht/status/answer/",
        {
            "request": asked.pk,
            "answer": "Men lèt la.",
            "files": SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 64, "application/pdf"),
        },
    ).content.decode()

    assert "Men lèt la." in page
    asked.refresh_from_db()
    assert asked.answered_at is None


def test_a_request_past_its_due_date_is_refused_at_once_from_the_link_and_the_status_page(
    client, staff
):
    case = _cbp_case(staff, email="maria@example.org")
    asked = _asked(staff, case)
    body = case.communications.get(kind="information_request", channel="email").body
    link = re.search(r"https://mpp\.example\.gov(/ht/information/[\w-]+/)", body).group(1)
    shown = _open(client, case).content.decode()
    assert 'data-stage="information"' in shown  # the form was on the screen...
    # ...and the due date passes before the person sends it; the hourly job has not run.
    InformationRequest.objects.filter(pk=asked.pk).update(
        due_at=timezone.now() - timedelta(minutes=1)
    )

    from_page = client.post("/ht/status/answer/", {"request": asked.pk, "answer": "Men."})
    from_link = Client().post(link, {"answer": "Men."})

    assert 'data-stage="information_late"' in from_page.content.decode()
    assert 'name="answer"' not in client.get("/ht/status/").content.decode()
    assert from_link.status_code == 404 and Client().get(link).status_code == 404
    asked.refresh_from_db()
    assert asked.answered_at is None and asked.expired_at is None
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_INFORMATION


def test_it_shows_the_decision_with_the_ports_local_date_and_time(client, staff):
    from routing.models import PortOfEntry

    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, language="en", email="")
    casework.record_outcome(case=case, actor=staff.cbp, component="cbp", outcome="disenroll")
    casework.communicate_decision(
        case=case,
        actor=staff.program,
        port=PortOfEntry.objects.get(name="El Paso"),
        present_at=datetime.datetime(2030, 12, 2, 16, 30, tzinfo=datetime.UTC),
    )

    page = _open(client, case).content.decode()

    assert 'data-stage="decided"' in page
    assert re.search(r'id="port-of-entry">El Paso \(Paso del Norte Port of Entry', page)
    assert "Dec. 2, 2030 at 9:30 a.m., local time in El Paso (MST)" in page  # 16:30 UTC
    assert "Remove from MPP: present at a port of entry" in page
    assert "an identity document" in page


def test_nobody_sees_the_page_without_the_birth_date(client):
    case = _case()

    page = client.get("/status/").content.decode()

    assert case.case_number not in page and 'name="case_number"' in page
