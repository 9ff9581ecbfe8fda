import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("", "Asking for a review of your MPP enrollment"),
        ("/es", "Cómo pedir una revisión de su inscripción en MPP"),
        ("/ht", "Kijan pou mande yon revizyon enskripsyon ou nan MPP"),
        ("/pt-br", "Como pedir a revisão da sua inscrição no MPP"),
    ],
)
def test_it_prints_the_tear_sheet_with_the_forms_address(client, settings, prefix, heading):
    settings.INTAKE_PUBLIC_URL = "https://engage.dhs.gov/mpp"

    html = client.get(f"{prefix}/tear-sheet/").content.decode()

    assert heading in html
    assert "https://engage.dhs.gov/mpp" in html
    assert 'src="/tear-sheet/qr.svg"' in html or f'src="{prefix}/tear-sheet/qr.svg"' in html


def test_it_draws_the_qr_code_as_svg_without_inline_style(client, settings):
    settings.INTAKE_PUBLIC_URL = "https://engage.dhs.gov/mpp"

    response = client.get("/tear-sheet/qr.svg")

    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "style=" not in svg
