"""Further-information requests: e-mailed link, public answer, return to the queue that asked."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.models import (
    AnalysisNote,
    Case,
    Communication,
    Document,
    InformationRequest,
    Status,
    SubmitterType,
)
from cases.services import information
from cases.services.submissions import ContactDetails
from routing import casework
from tests import factories
from tests.intake.test_confirmation_email import celery_worker, inbox, wait_for_sent  # noqa: F401
from tests.staff.conftest import act_url

BASE = "https://mpp.example"


def _ask(case, staff, message="Send the hospital letter."):
    return casework.request_information(
        case=case, actor=staff.cbp, message=message, base_url=BASE
    )


def _token_of(case):
    body = Communication.objects.filter(case=case, kind="information_request").first().body
    return re.search(r"/information/([\w-]+)/", body).group(1)


@pytest.mark.django_db
def test_it_keeps_only_a_hash_of_the_link_and_pauses_the_clock(staff):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)

    asked = _ask(case, staff)

    token = _token_of(case)
    assert asked.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not InformationRequest.objects.filter(token_hash=token).exists()
    case.refresh_from_db()
    assert (case.status, case.resume_status) == (Status.AWAITING_INFORMATION, Status.CBP_REVIEW)
    body = Communication.objects.get(case=case, kind="information_request").body
    assert body.startswith("Para decidir su solicitud")  # the case's language
    assert f"{BASE}/es/information/" in body


@pytest.mark.django_db
def test_it_never_writes_to_a_preparer(staff):
    case = factories.routed_case_in(
        Status.CBP_REVIEW,
        staff=staff,
        submitter_type=SubmitterType.PREPARER,
        contact=ContactDetails(full_name="P", relationship="volunteer", email="p@example.org"),
    )

    _ask(case, staff)

    addresses = set(Communication.objects.filter(case=case).values_list("to_address", flat=True))
    assert "p@example.org" not in addresses
    assert addresses == {"maria@example.org"}


@pytest.mark.django_db
def test_it_files_the_answer_and_returns_the_case_once(staff, client):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    _ask(case, staff)
    url = f"/es/information/{_token_of(case)}/"

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "answer": "Adjunto la carta.",
            "files": SimpleUploadedFile("carta.pdf", factories.PDF, "application/pdf"),
        },
    )

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.CBP_REVIEW
    assert case.paused_seconds >= 0 and case.waiting_since is None
    assert InformationRequest.objects.get(case=case).answer == "Adjunto la carta."
    assert Document.objects.filter(case=case, kind="information_response").count() == 1
    assert client.get(url).status_code == 404  # single use


@pytest.mark.django_db
def test_it_refuses_an_unknown_link(client):
    assert client.get("/information/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_it_reminds_then_expires_with_a_note(staff, settings):
    settings.INFORMATION_REQUEST_REMINDER_DAYS = 7
    settings.INFORMATION_REQUEST_DUE_DAYS = 30
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    _ask(case, staff)
    now = timezone.now()

    assert information.remind_and_expire(now=now + timedelta(days=1)) == {
        "expired": 0,
        "reminded": 0,
    }
    assert information.remind_and_expire(now=now + timedelta(days=8)) == {
        "expired": 0,
        "reminded": 1,
    }
    assert Communication.objects.filter(case=case, kind="reminder").count() == 1
    assert information.remind_and_expire(now=now + timedelta(days=31)) == {
        "expired": 1,
        "reminded": 0,
    }
    case.refresh_from_db()
    assert case.status == Status.CBP_REVIEW
    assert AnalysisNote.objects.filter(case=case, text__contains="expired").exists()


@pytest.mark.django_db(transaction=True)
def test_it_sends_the_link_by_email_and_takes_the_answer(
    staff,
    signed_in,
    client,
    inbox,  # noqa: F811
    celery_worker,  # noqa: F811
):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    signed_in(staff.cbp).post(
        act_url(case, "request_information"), {"message": "Send the hospital letter."}
    )
    wait_for_sent(1)
    email = inbox.messages[0].content.decode()
    link = re.search(r"https?://[^/\s]+(/es/information/[\w-]+/)", email).group(1)

    client.logout()
    client.post(link, {"answer": "Aquí está."})

    assert Case.objects.get(pk=case.pk).status == Status.CBP_REVIEW
