"""Every upload is scanned by a real clamd after commit, by a real Celery worker.

Infected files are quarantined and nobody can download them; a file is downloadable only once
it is scanned clean; a clamd outage never fails a submission and the scan is retried.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.base import ContentFile

from audit.models import Action, AuditEvent
from cases import errors
from cases.clamd import parse_reply, scan_stream
from cases.models import Document, DocumentKind, ScanStatus
from cases.services import documents
from cases.tasks import rescan_unfinished_documents, scan_document
from config.celery import app
from tests import factories
from tests.clamd_server import EICAR, SIGNATURE, free_port


def upload(content, name):
    return documents.UploadedDocument(
        file=ContentFile(content, name=name),
        display_name=name,
        content_type="application/pdf",
        kind=DocumentKind.SUPPORTING,
    )


def wait_for_scans(documents, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = set(
            Document.objects.filter(pk__in=[d.pk for d in documents]).values_list(
                "scan_status", flat=True
            )
        )
        if ScanStatus.PENDING not in statuses:
            return
        time.sleep(0.2)
    raise AssertionError("documents were not scanned in time")


@pytest.fixture
def staff_with_email(staff):
    staff.program.email = "program.officer@example.gov"
    staff.program.save()
    return staff


@pytest.fixture
def worker(transactional_db):
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def test_it_quarantines_an_infected_upload_that_nobody_can_then_download(
    clamd, worker, staff_with_email, mailoutbox
):
    staff = staff_with_email
    case = factories.case_in(
        "submitted",
        documents=[upload(factories.PDF, "letter.pdf"), upload(b"%PDF-1.4\n" + EICAR, "x.pdf")],
    )
    clean, infected = case.documents.order_by("id")
    wait_for_scans([clean, infected])
    clean.refresh_from_db()
    infected.refresh_from_db()

    assert clean.scan_status == ScanStatus.CLEAN
    assert infected.scan_status == ScanStatus.INFECTED
    assert not infected.is_downloadable
    assert not infected.file.storage.exists(infected.file.name)
    assert documents.quarantine_storage().exists(infected.file.name)
    for role in ("program", "cbp", "uscis", "crcl", "admin"):
        with pytest.raises(errors.DocumentNotDownloadable):
            documents.open_document_for_download(document=infected, actor=getattr(staff, role))

    with documents.open_document_for_download(document=clean, actor=staff.cbp) as stream:
        assert stream.read() == factories.PDF
    assert AuditEvent.objects.filter(
        action=Action.DOWNLOAD_DOCUMENT, document_id=clean.pk, actor_username="cbp.officer"
    ).exists()
    scanned = AuditEvent.objects.get(action=Action.DOCUMENT_SCANNED, document_id=infected.pk)
    assert scanned.detail["signature"].startswith(SIGNATURE)

    (alert,) = mailoutbox
    assert alert.to == ["program.officer@example.gov"]  # program personnel, nobody else
    assert case.case_number in alert.subject
    assert "María" not in alert.body and "Hernández" not in alert.body


def test_a_submission_succeeds_while_clamd_is_down_and_the_scan_is_retried(db, clamd, settings):
    settings.CLAMD_ADDRESS = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    case = factories.case_in("submitted", documents=[upload(factories.PDF, "letter.pdf")])
    (document,) = case.documents.all()
    assert document.scan_status == ScanStatus.PENDING

    # Run here (eagerly): every retry meets the same outage, then the scan gives up for now.
    scan_document.apply(args=[document.pk])
    document.refresh_from_db()
    assert document.scan_status == ScanStatus.ERROR
    assert not document.is_downloadable

    # clamd is back: the periodic rescan (run eagerly here) picks the document up again.
    settings.CLAMD_ADDRESS = clamd
    app.conf.task_always_eager = True
    try:
        assert rescan_unfinished_documents() == 1
    finally:
        app.conf.task_always_eager = False
    document.refresh_from_db()
    assert document.scan_status == ScanStatus.CLEAN


def test_it_refuses_to_download_a_document_not_yet_scanned(db, staff):
    case = factories.case_in("submitted", documents=[upload(factories.PDF, "letter.pdf")])
    (document,) = case.documents.all()
    with pytest.raises(errors.DocumentNotDownloadable):
        documents.open_document_for_download(document=document, actor=staff.program)
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD_DOCUMENT).exists()


def test_a_final_verdict_is_never_overwritten(db):
    case = factories.case_in("submitted", documents=[upload(factories.PDF, "letter.pdf")])
    (document,) = case.documents.all()
    documents.record_scan_result(document_id=document.pk, status=ScanStatus.INFECTED)
    documents.record_scan_result(document_id=document.pk, status=ScanStatus.CLEAN)
    document.refresh_from_db()
    assert document.scan_status == ScanStatus.INFECTED


def test_the_client_reads_clamds_verdicts(clamd):
    import io

    assert scan_stream(io.BytesIO(b"hello"), address=clamd).status == "clean"
    verdict = scan_stream(io.BytesIO(b"padding " + EICAR), address=clamd)
    assert (verdict.status, verdict.signature) == ("infected", f"{SIGNATURE}.UNOFFICIAL")
    assert parse_reply("INSTREAM size limit exceeded. ERROR\0").status == "error"
