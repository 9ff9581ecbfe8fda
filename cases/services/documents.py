"""The files of a case: stored under random names, scanned after commit, read only when clean.

``open_document_for_download`` is the one way to read a document's bytes: clean files only,
every read audited. Infected files leave the document store for the quarantine.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, storages
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import roles
from audit.models import Action
from audit.services import record_event
from cases.errors import DocumentNotDownloadable, InvalidCaseData
from cases.models import Document, DocumentKind, ScanStatus, document_storage_name
from cases.services import dispatch
from cases.uploads import (
    content_disagrees_with_name,
    link_stored_file,
    pdf_has_javascript,
    safe_display_name,
    sniff_content_type,
)

logger = logging.getLogger(__name__)


@dataclass
class UploadedDocument:
    """A file received from the requestor, already checked by the form.

    Either ``file`` (a django File, sniffed, hashed and copied into the document storage
    here), or ``held_name``: a file the form already wrote to the document storage, sniffed
    and hashed as it arrived (``content_type``, ``size``, ``sha256``, ``pdf_has_javascript``
    from then), which is stored by linking it under the document's own name, not by reading
    it again. ``stored_name`` is the name it was stored under, once stored.
    """

    file: object | None  # a django File
    display_name: str
    content_type: str
    kind: str = DocumentKind.SUPPORTING
    held_name: str = ""
    size: int | None = None
    sha256: str = ""
    pdf_has_javascript: bool = False
    stored_name: str = ""


def store_document(
    *, case, upload: UploadedDocument, uploaded_by=None, component="", shared=False
) -> Document:
    """Keep one file on the case; its virus scan is queued for after the commit."""
    if getattr(upload.file, "size", 0) and upload.file.size > settings.UPLOAD_MAX_FILE_BYTES:
        # Refused as it streamed in (config.upload_limits): it has no content to keep.
        raise InvalidCaseData(_("Each file must be 10 MB or smaller."))
    display_name = safe_display_name(upload.display_name)
    if upload.held_name:
        content_type = upload.content_type  # sniffed from the bytes when the file arrived
    else:
        content_type = sniff_content_type(upload.file)
    if content_disagrees_with_name(display_name, content_type):
        raise InvalidCaseData(
            _("The file %(name)s does not contain what its name says.") % {"name": display_name}
        )
    document = Document(
        case=case,
        kind=upload.kind,
        component=component,
        shared_with_other_components=shared,
        display_name=display_name,
        content_type=content_type,
        uploaded_at=timezone.now(),
        uploaded_by=uploaded_by,
    )
    if upload.held_name:
        document.size = upload.size
        document.sha256 = upload.sha256
        document.pdf_has_javascript = upload.pdf_has_javascript
        document.file.name = link_stored_file(
            source=upload.held_name, target=document_storage_name(document, display_name)
        )
    else:
        digest = hashlib.sha256()
        size = 0
        for chunk in upload.file.chunks():
            digest.update(chunk)
            size += len(chunk)
        upload.file.seek(0)
        document.size = size
        document.sha256 = digest.hexdigest()
        document.pdf_has_javascript = content_type == "application/pdf" and pdf_has_javascript(
            upload.file
        )
        document.file.save(display_name, upload.file, save=False)
    upload.stored_name = document.file.name
    document.save()
    queue_document_scan(document_id=document.pk)
    return document


def discard_unsaved_files(*, documents: list[UploadedDocument]) -> None:
    """After the transaction that was to record them rolled back: remove the stored files."""
    storage = storages["default"]
    for upload in documents:
        if upload.stored_name:
            storage.delete(upload.stored_name)
            upload.stored_name = ""


def store_component_upload(*, case, upload, uploaded_by, component, shared=False) -> Document:
    """A file a component adds to its module (the caller checked it may); scanned after commit."""
    return store_document(
        case=case, upload=upload, uploaded_by=uploaded_by, component=component, shared=shared
    )


def store_information_response(*, case, upload) -> Document:
    """A file the requestor sent with an answer to a further-information request."""
    upload.kind = DocumentKind.INFORMATION_RESPONSE
    return store_document(case=case, upload=upload)


# Virus scanning --------------------------------------------------------------------------------


def queue_document_scan(*, document_id):
    """After the surrounding transaction commits, ask a worker to scan the document.

    A broker outage must not fail the submission: the error is logged and the periodic
    rescan of unfinished documents picks the document up.
    """
    dispatch.after_commit(dispatch.SCAN_DOCUMENT, [document_id])


def _scanner():
    # DOCUMENT_SCANNERS names each scanner's function (config/settings/documents.py).
    return import_string(settings.DOCUMENT_SCANNERS[settings.DOCUMENT_SCANNER])


def scan_document(*, document_id) -> str | None:
    """Scan one document and keep the verdict; quarantine and alert if infected.

    Raises ``cases.clamd.ClamdUnavailable`` for the caller to retry. Returns the status, or
    None when the document is gone or already has its final verdict.
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.scan_status in (ScanStatus.CLEAN, ScanStatus.INFECTED):
        return None
    with document.file.open("rb") as stream:
        verdict = _scanner()(stream)
    document = record_scan_result(
        document_id=document_id,
        status=verdict.status,
        signature=verdict.signature,
        message=verdict.message,
    )
    if document.scan_status == ScanStatus.INFECTED:
        quarantine_document_file(document=document)
        alert_program_personnel_of_infected_document(document=document, signature=verdict.signature)
    return document.scan_status


def rescan_unfinished_documents(*, older_than_minutes=10) -> int:
    """Queue again documents whose scan was never queued (broker down) or failed."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    unfinished = Document.objects.filter(
        Q(scan_status=ScanStatus.PENDING, uploaded_at__lte=cutoff) | Q(scan_status=ScanStatus.ERROR)
    ).values_list("pk", flat=True)
    count = 0
    for document_id in unfinished.iterator():
        dispatch.wake(dispatch.SCAN_DOCUMENT, document_id)
        count += 1
    return count


@transaction.atomic
def record_scan_result(*, document_id, status, signature="", message="") -> Document:
    """Store clamd's verdict. A final verdict (clean or infected) is never overwritten."""
    document = Document.objects.select_for_update().get(pk=document_id)
    if document.scan_status in (ScanStatus.CLEAN, ScanStatus.INFECTED):
        return document
    document.scan_status = status
    document._change_reason = f"virus scan: {status}"
    document.save(update_fields=["scan_status"])
    record_event(
        action=Action.DOCUMENT_SCANNED,
        case_id=document.case_id,
        document_id=document.pk,
        detail={"status": status, "signature": signature[:200], "message": message[:200]},
    )
    return document


def quarantine_storage():
    return FileSystemStorage(location=str(settings.QUARANTINE_ROOT), base_url=None)


def quarantine_document_file(*, document) -> bool:
    """Move an infected document's file out of the document store. Safe to repeat."""
    if document.scan_status != ScanStatus.INFECTED:
        raise DocumentNotDownloadable(f"document {document.pk} is not infected")
    storage, name = document.file.storage, document.file.name
    if not storage.exists(name):
        return False
    quarantine = quarantine_storage()
    with storage.open(name, "rb") as infected:
        if quarantine.exists(name):
            quarantine.delete(name)
        quarantine.save(name, infected)
    storage.delete(name)
    return True


def program_personnel_addresses():
    users = (
        get_user_model()
        .objects.filter(groups__name=roles.PROGRAM, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def alert_program_personnel_of_infected_document(*, document, signature):
    """E-mail program personnel: case number, document id and signature only."""
    recipients = program_personnel_addresses()
    if not recipients:
        return 0
    subject = gettext("Infected upload quarantined on case %(case)s") % {
        "case": document.case.case_number
    }
    body = gettext(
        "A file uploaded to case %(case)s (document %(document)s) matched the virus signature "
        "%(signature)s. It has been quarantined and cannot be downloaded. Ask the requestor "
        "for a clean copy if it is needed."
    ) % {"case": document.case.case_number, "document": document.pk, "signature": signature}
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


# Reading ---------------------------------------------------------------------------------------


def open_document_for_download(*, document, actor, request=None):
    """The one way to read a document's bytes: clean files only, every read audited.

    The caller has already checked that the actor may see the case (need-to-know).
    """
    with transaction.atomic():
        current = Document.objects.select_for_update().get(pk=document.pk)
        if not current.is_downloadable:
            raise DocumentNotDownloadable(f"document {current.pk} is {current.scan_status}")
        record_event(
            action=Action.DOWNLOAD_DOCUMENT,
            actor=actor,
            case_id=current.case_id,
            document_id=current.pk,
            request=request,
        )
    return current.file.open("rb")
