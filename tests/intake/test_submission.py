import pytest

from cases.models import Case, DocumentKind, Status, SubmitterType
from tests.intake.conftest import PDF, jpeg_with_gps
from tests.intake.walk import submit, upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_opens_one_placed_case_with_every_answer(client):
    response = submit(client, language="es")

    assert response.status_code == 302
    case = Case.objects.get()
    assert response.url.endswith("/es/request/confirmation/")
    assert case.language == "es"
    assert case.submitter_type == SubmitterType.ENROLLEE
    assert case.status != Status.SUBMITTED  # routing placed it in the same transaction
    assert case.transitions.filter(from_status=Status.SUBMITTED).count() == 1
    assert case.enrollee.full_name == "María José Hernández López"
    assert case.enrollee.a_number == "212345678"
    assert str(case.enrollee.phone) == "+526561234567"
    assert case.condition_physical_health and case.concern_vulnerability_at_enrollment
    assert not case.condition_mental_health
    assert case.privacy_notice_acknowledged_at <= case.attested_at <= case.received_at


def test_it_shows_the_case_number_once_and_forgets_the_answers(client):
    response = submit(client)
    case = Case.objects.get()

    page = client.get(response.url)
    assert case.case_number in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "Hernández" not in str(dict(client.session.items()))
    assert not any(key.startswith("wizard_") for key in client.session.keys())


def test_it_keeps_a_representatives_g28_and_documents(client):
    submit(
        client,
        submitter="representative",
        g28=upload("../../G-28 firmado<script>.pdf", PDF),
        files=[upload("foto.jpg", jpeg_with_gps()), upload("informe.pdf", PDF)],
    )

    case = Case.objects.get()
    assert case.representative.email == "ana@lawfirm.example"
    assert case.g28_document.kind == DocumentKind.G28
    assert case.g28_document.display_name == "G-28 firmadoscript.pdf"
    kinds = sorted(doc.kind for doc in case.documents.all())
    assert kinds == ["g28", "supporting", "supporting"]


def test_it_keeps_a_half_filled_form_through_a_long_pause(client, settings):
    # Someone on a slow phone may take a long time over the description; staff sessions
    # time out after fifteen idle minutes, the public form's only after two hours.
    response = client.get("/request/privacy/")

    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_IDLE_SECONDS == 15 * 60
