"""Message templates are checked when saved; a message that cannot be built fails visibly on the
staff page and queues nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.default_message_templates import DEFAULT_TEMPLATES
from cases.message_templates import PLACEHOLDERS, template_problems
from cases.models import (
    AnalysisNote,
    Case,
    Communication,
    InformationRequest,
    MessageKind,
    MessageTemplate,
    Status,
)
from cases.services import information
from routing import casework
from tests import factories
from tests.staff.conftest import act_url

pytestmark = pytest.mark.django_db


def _template_url(kind, language):
    template = MessageTemplate.objects.get(kind=kind, language=language)
    return f"/staff/cases/messagetemplate/{template.pk}/change/"


def _save(client, kind, language, subject, body):
    return client.post(
        _template_url(kind, language), {"subject": subject, "body": body, "_save": "Save"}
    )


def test_every_kind_names_its_placeholders_and_every_default_text_passes():
    assert set(PLACEHOLDERS) == set(MessageKind.values)
    for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items():
        problems = template_problems(kind=kind, language=language, subject=subject, body=body)
        assert problems == [], (kind, language)


@pytest.mark.parametrize(
    ("body", "refusal"),
    [
        ("Hola $nombre, su caso $case_number", "$nombre is not a placeholder of this message"),
        ("Su enlace: $link", "$link is not a placeholder of this message"),  # not a decision's
        ("Costo: 5 $ por mes", 'A "$" must start a placeholder'),
    ],
)
def test_a_template_with_a_placeholder_its_message_cannot_fill_is_refused(
    staff, verified_client, body, refusal
):
    client = verified_client(staff.program)
    before = MessageTemplate.objects.get(kind="decision", language="es").body

    page = _save(client, "decision", "es", "Decisión $case_number", body)

    assert page.status_code == 200
    assert refusal in page.content.decode().replace("&quot;", '"')
    assert MessageTemplate.objects.get(kind="decision", language="es").body == before


def test_a_good_template_is_saved_and_shown_rendered_in_its_language(staff, verified_client):
    client = verified_client(staff.program)

    saved = _save(
        client, "decision", "es", "Decisión $case_number", "Su caso $case_number: $outcome. $$0"
    )

    assert saved.status_code == 302
    page = client.get(_template_url("decision", "es")).content.decode()
    assert "Su caso MPP-7K4QM-9M3XZ: Sacar de MPP" in page  # the outcome, in Spanish
    assert "$0" in page


def _broken(kind, language="es"):
    # A row saved before templates were checked: written behind the form's back.
    MessageTemplate.objects.filter(kind=kind, language=language).update(
        body="Estimado $nombre: $case_number"
    )


def test_an_information_request_that_cannot_be_built_fails_on_the_page(staff, verified_client):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    _broken(MessageKind.INFORMATION_REQUEST)
    client = verified_client(staff.cbp)

    response = client.post(act_url(case, "request_information"), {"message": "Send the letter."})

    page = client.get(response["Location"]).content.decode()
    assert "uses $nombre, which this message cannot fill; nothing was sent" in page
    assert "Request sent" not in page
    assert not InformationRequest.objects.filter(case=case).exists()
    assert not Communication.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).status == Status.CBP_REVIEW


def test_a_decision_that_cannot_be_built_is_not_communicated(staff, verified_client):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    casework.record_outcome(
        case=case, actor=staff.cbp, component="cbp", outcome="remain_enrolled", reason="x"
    )
    _broken(MessageKind.DECISION)
    client = verified_client(staff.program)

    preview = client.post(act_url(case, "communicate"), {})
    confirmed = client.post(act_url(case, "communicate"), {"confirmed": "yes"})

    for page in (preview, confirmed):  # the confirmation page says why, before and after
        assert "which this message cannot fill" in page.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.DECIDED
    assert not Communication.objects.filter(case=case, kind="decision").exists()


def test_a_reminder_that_cannot_be_built_is_noted_once_and_sent_once_corrected(staff, settings):
    settings.INFORMATION_REQUEST_REMINDER_DAYS = 7
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    casework.request_information(
        case=case, actor=staff.cbp, message="Send the letter.", base_url="https://mpp.example"
    )
    _broken(MessageKind.INFORMATION_REMINDER)
    later = timezone.now() + timedelta(days=8)

    assert information.remind_and_expire(now=later) == {
        "expired": 0,
        "reminded": 0,
        "not_built": 1,
    }
    information.remind_and_expire(now=later + timedelta(hours=1))

    assert not Communication.objects.filter(case=case, kind="reminder").exists()
    notes = AnalysisNote.objects.filter(case=case, text__startswith="The reminder could not")
    assert notes.count() == 1 and "$nombre" in notes.get().text
    subject, body = DEFAULT_TEMPLATES[("information_reminder", "es")]
    MessageTemplate.objects.filter(kind="information_reminder", language="es").update(body=body)
    assert information.remind_and_expire(now=later + timedelta(hours=2))["reminded"] == 1
    assert Communication.objects.filter(case=case, kind="reminder").count() == 1
