"""Uploads built to hurt: each gets a translated error or is stored safely, never a 500."""

import struct
import zlib

import pytest

from cases.models import Case
from intake.uploads import MAX_FILE_BYTES
from tests.intake.conftest import PDF, png
from tests.intake.walk import post_step, submit, upload

pytestmark = pytest.mark.django_db(transaction=True)


def _at_documents_step(client):
    post_step(client, "privacy", {"language": "es", "acknowledge": "on"}, "es")
    post_step(client, "submitter", {"submitter_type": "enrollee"}, "es")


def _attach(client, *files):
    return post_step(client, "documents", {}, "es", files={"files": list(files)})


def _png_bomb(width, height) -> bytes:
    """A valid one-bit PNG of width x height black pixels: kilobytes on the wire."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "width,height", [(10_000, 10_000), (20_000, 20_000)], ids=["pillow-warns", "pillow-refuses"]
)
def test_a_decompression_bomb_image_is_refused_in_the_persons_language(client, width, height):
    _at_documents_step(client)
    page = _attach(client, upload("foto.png", _png_bomb(width, height)))
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "No pudimos leer foto.png: puede que el archivo esté dañado. Pruebe con otro archivo."
        in html
    )
    assert "Quitar foto.png" not in html  # refused, so not held


def test_an_empty_file_is_refused(client):
    _at_documents_step(client)
    page = _attach(client, upload("vacio.pdf", b""))
    assert page.status_code == 200
    assert "vacio.pdf está vacío." in page.content.decode()
    assert "Quitar vacio.pdf" not in page.content.decode()


def test_one_byte_over_the_limit_is_refused(client):
    _at_documents_step(client)
    page = _attach(client, upload("grande.pdf", PDF + b"0" * (MAX_FILE_BYTES + 1 - len(PDF))))
    assert page.status_code == 200
    html = page.content.decode()
    assert "grande.pdf es demasiado grande: cada archivo debe tener 10 MB o menos." in html
    assert "Quitar grande.pdf" not in html


def test_content_that_disagrees_with_the_name_is_stored_under_its_real_type(client):
    submit(client, files=[upload("photo.jpg", PDF)])
    document = Case.objects.get().documents.get()
    assert document.content_type == "application/pdf"
    assert document.display_name.endswith(".pdf")


def test_a_pdf_with_javascript_is_kept_and_flagged_for_staff(client):
    scripted = PDF.replace(
        b"1 0 obj<<>>", b"1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"
    )
    hidden = PDF.replace(b"1 0 obj<<>>", b"1 0 obj<</AA<</O<</S/J#61vaScript/JS(x)>>>>>>")
    submit(
        client,
        files=[upload("a.pdf", scripted), upload("b.pdf", hidden), upload("c.pdf", PDF)],
    )
    flags = dict(Case.objects.get().documents.values_list("display_name", "pdf_has_javascript"))
    assert flags == {"a.pdf": True, "b.pdf": True, "c.pdf": False}


def test_duplicate_and_overlong_names_are_all_kept(client):
    long_name = "ñ" * 400 + ".png"
    submit(client, files=[upload("x.png", png()), upload("x.png", png()), upload(long_name, png())])
    names = sorted(Case.objects.get().documents.values_list("display_name", flat=True))
    assert len(names) == 3
    assert names.count("x.png") == 2
    assert all(len(name) <= 150 for name in names)
