"""Uploaded file names cannot reach the file system, and content must match the name."""

import pytest
from django.core.files.base import ContentFile

from cases import errors
from cases.models import Case, DocumentKind
from cases.services import documents, submissions
from tests import factories

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def open_with(name, content=factories.PDF):
    upload = documents.UploadedDocument(
        file=ContentFile(content, name="upload"),
        display_name=name,
        content_type="application/pdf",  # what the browser claimed; never trusted
        kind=DocumentKind.SUPPORTING,
    )
    case = submissions.open_case(submission=factories.submission(documents=[upload]))
    return case.documents.get()


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.pdf", "..\\..\\windows\\system32\\evil.pdf", "/etc/shadow.pdf"],
)
def test_a_path_in_the_name_never_reaches_the_file_system(db, name, tmp_path):
    document = open_with(name)
    assert document.file.name.startswith("cases/")
    assert ".." not in document.file.name
    assert "/" not in document.display_name and "\\" not in document.display_name
    stored = (tmp_path / "documents" / document.file.name).resolve()
    assert stored.is_relative_to((tmp_path / "documents").resolve())


def test_control_characters_are_taken_out_of_the_name(db):
    document = open_with("report\x00\r\n\u202egpj.exe\x1b[31m.pdf")
    assert all(ch.isprintable() for ch in document.display_name)
    assert document.display_name.endswith(".pdf")
    assert "\u202e" not in document.display_name


def test_an_overlong_name_is_shortened_keeping_its_extension(db):
    document = open_with("a" * 5000 + ".pdf")
    assert len(document.display_name) == 150
    assert document.display_name.endswith(".pdf")


def test_an_empty_or_dotted_name_gets_a_plain_one(db):
    assert open_with("....").display_name == "document"


def test_the_content_type_is_sniffed_not_taken_from_the_browser(db):
    document = open_with("notes.txt", b"plain words\n")
    assert document.content_type == "text/plain"


@pytest.mark.parametrize(
    "name, content",
    [("invoice.pdf", EXE), ("photo.jpg", b"<html><script>alert(1)</script></html>")],
)
def test_a_file_whose_content_disagrees_with_its_name_is_refused(db, name, content):
    with pytest.raises(errors.InvalidCaseData):
        open_with(name, content)
    assert not Case.objects.exists()
