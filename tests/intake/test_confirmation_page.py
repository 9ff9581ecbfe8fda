"""The confirmation fits who submitted; the receipt is a PDF in the page's language."""

import io

import pytest
from pypdf import PdfReader

from tests.intake.conftest import PDF
from tests.intake.walk import submit, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def program_contact(settings):
    settings.INTAKE_PROGRAM_PHONE = "+1 202 555 0100"
    settings.INTAKE_PROGRAM_POSTAL_ADDRESS = "MPP Program\nWashington, DC 20528"
    settings.INTAKE_PUBLIC_URL = "https://mpp.example.gov"


def test_a_preparer_is_told_the_enrollee_receives_the_messages(client):
    page = client.get(submit(client, submitter="preparer").url).content.decode()

    assert "we will not write to you" in page
    assert "We have also sent it by email" not in page


def test_everyone_is_told_what_happens_next_how_long_and_how_to_follow_it(client):
    from cases.models import Case

    submit(client, language="es")
    html = client.get("/es/request/confirmation/").content.decode()

    number = Case.objects.get().case_number
    assert number in html
    assert "Qué pasa después" in html
    # Triage (3 days) and a component's review (30 days): 33 days, about 5 weeks.
    assert "unas 5 semanas" in html
    assert 'href="/es/status/"' in html
    assert "+1 202 555 0100" in html and "Washington, DC 20528" in html
    assert 'href="/es/request/confirmation/receipt.pdf"' in html
    assert "data-print hidden" in html  # the print button appears only with the script


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Your case number is:", "What happens next", "about 5 weeks"]),
        ("es", ["Su número de caso es:", "Qué pasa después", "unas 5 semanas"]),
        ("ht", ["Nimewo dosye ou se:", "Sa k ap pase apre", "anviwon 5 semèn"]),
        ("pt-br", ["O número do seu caso é:", "O que acontece agora", "cerca de 5 semanas"]),
    ],
)
def test_the_receipt_is_a_pdf_in_the_pages_language_with_a_qr_code(client, language, words):
    from cases.models import Case

    submit(client, language=language, submitter="representative", g28=upload("g28.pdf", PDF))
    prefix = "" if language == "en" else f"/{language}"

    response = client.get(f"{prefix}/request/confirmation/receipt.pdf")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    case = Case.objects.get()
    assert case.case_number in " ".join(text.split())
    for phrase in words:
        assert phrase in " ".join(text.split()), phrase
    assert f"https://mpp.example.gov{prefix}/status/" in text.replace("\n", "")
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1  # the QR code
    assert case.enrollee.full_name.split()[0] not in text  # nothing personal beyond the number
