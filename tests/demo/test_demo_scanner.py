"""The embedded mode has no clamd: its stand-in shows scanning, quarantine and downloads."""

import pytest
from django.core.checks import run_checks
from django.core.files.base import ContentFile

from cases import errors
from cases.models import DocumentKind, ScanStatus
from cases.services import documents
from cases.tasks import scan_document
from tests import factories
from tests.clamd_server import EICAR


@pytest.fixture
def demo_mode(settings, tmp_path):
    settings.MPP_DEMO_MODE = True
    settings.DOCUMENT_SCANNER = "demo"
    settings.QUARANTINE_ROOT = tmp_path / "quarantine"


def _uploaded(content, name="letter.pdf"):
    upload = documents.UploadedDocument(
        file=ContentFile(content, name=name),
        display_name=name,
        content_type="application/pdf",
        kind=DocumentKind.SUPPORTING,
    )
    case = factories.case_in("triage", documents=[upload])
    return case.documents.get()


def test_it_passes_an_ordinary_document(db, demo_mode):
    document = _uploaded(factories.PDF)

    scan_document.apply(args=[document.pk])

    document.refresh_from_db()
    assert document.scan_status == ScanStatus.CLEAN
    assert documents.open_document_for_download(document=document, actor=None).read() == (
        factories.PDF
    )


def test_it_quarantines_the_eicar_test_file(db, demo_mode, staff):
    document = _uploaded(b"%PDF-1.4\n" + EICAR, name="eicar.pdf")

    scan_document.apply(args=[document.pk])

    document.refresh_from_db()
    assert document.scan_status == ScanStatus.INFECTED
    assert not document.file.storage.exists(document.file.name)
    with pytest.raises(errors.DocumentNotDownloadable):
        documents.open_document_for_download(document=document, actor=staff.program)


def test_outside_demo_mode_the_demo_scanner_passes_nothing(db, demo_mode, settings):
    settings.MPP_DEMO_MODE = False
    document = _uploaded(factories.PDF)

    scan_document.apply(args=[document.pk])

    document.refresh_from_db()
    assert document.scan_status != ScanStatus.CLEAN
    with pytest.raises(errors.DocumentNotDownloadable):
        documents.open_document_for_download(document=document, actor=None)


def test_a_system_check_refuses_the_demo_scanner_outside_demo_mode(settings):
    settings.MPP_DEMO_MODE = False
    settings.DOCUMENT_SCANNER = "demo"

    assert "cases.E001" in [message.id for message in run_checks()]


def test_production_scans_with_clamd(settings):
    assert settings.DOCUMENT_SCANNER == "clamd"
    assert "cases.E001" not in [message.id for message in run_checks()]
