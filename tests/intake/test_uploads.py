import pytest
from PIL import Image

from cases.models import Case
from tests.intake.conftest import PDF, jpeg_with_gps, png
from tests.intake.walk import REPRESENTATIVE, post_step, submit, upload

pytestmark = pytest.mark.django_db(transaction=True)


def start(client, submitter="representative"):
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": submitter})


def test_it_keeps_every_answer_and_the_upload_when_a_step_fails(client):
    start(client)
    answers = {**REPRESENTATIVE, "full_name": "", "email": "not-an-email"}

    page = post_step(client, "representative", answers, files={"g28": upload("g28.pdf", PDF)})

    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="#id_representative-full_name"' in html  # the error summary links the field
    assert 'value="Border Law Clinic"' in html
    assert 'value="not-an-email"' in html
    assert "Remove g28.pdf" in html
    fixed = post_step(client, "representative", {**REPRESENTATIVE})
    assert fixed.status_code == 302


def test_it_refuses_a_file_whose_content_is_not_an_accepted_type(client):
    start(client)

    page = post_step(
        client,
        "representative",
        REPRESENTATIVE,
        files={"g28": upload("g28.pdf", b"MZ\x90\x00 this is a program, not a PDF")},
    )

    assert page.status_code == 200
    assert "g28.pdf is not a PDF, JPEG, PNG or HEIC file. Attach one of those." in (
        page.content.decode()
    )


def test_it_refuses_a_file_over_ten_megabytes(client):
    start(client)
    big = PDF + b"0" * (10 * 1024 * 1024)

    page = post_step(client, "representative", REPRESENTATIVE, files={"g28": upload("g.pdf", big)})

    assert "g.pdf is too large: each file must be 10 MB or smaller." in page.content.decode()


def test_it_strips_location_from_photos_and_names_files_at_random(client):
    submit(client, files=[upload("IMG_0001.JPG", jpeg_with_gps()), upload("x.png", png())])

    documents = list(Case.objects.get().documents.order_by("display_name"))
    assert [d.display_name for d in documents] == ["IMG_0001.jpg", "x.png"]
    for document in documents:
        assert "IMG_0001" not in document.file.name and "x.png" not in document.file.name
        with document.file.open("rb") as stored, Image.open(stored) as image:
            assert not image.getexif()
            assert "exif" not in image.info


def test_it_accepts_at_most_ten_files(client):
    start(client, submitter="enrollee")

    page = post_step(
        client, "documents", {}, files={"files": [upload(f"{n}.pdf", PDF) for n in range(11)]}
    )

    assert "10.pdf was not attached: you can attach at most 10 files." in page.content.decode()
    assert page.content.decode().count("Remove ") == 10
