"""Every change of a case's state: one function per use case, each in its own transaction.

A transition locks the case row, checks that the move is legal from the state the case is
really in, changes it, and records who, when and why (a CaseTransition row, the history row's
user and change reason, and an audit event). An illegal move raises IllegalTransition and
changes nothing.
"""

import hashlib
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from audit.models import Action
from audit.services import record_event
from cases.case_numbers import new_case_number
from cases.models import (
    REVIEW_STATUSES,
    Case,
    CaseTransition,
    CBPOutcome,
    CBPReview,
    ClosureReason,
    Communication,
    CRCLAudit,
    CRCLOutcome,
    DeliveryStatus,
    Document,
    DocumentKind,
    Enrollee,
    Preparer,
    ProgramOutcome,
    ProgramReview,
    Representative,
    ScanStatus,
    Status,
    SubmissionToken,
    SubmitterType,
    USCISOutcome,
    USCISReview,
    document_storage_name,
)
from cases.uploads import (
    content_disagrees_with_name,
    link_stored_file,
    pdf_has_javascript,
    safe_display_name,
    sniff_content_type,
)

logger = logging.getLogger(__name__)


class IllegalTransition(Exception):
    """The case is not in a state from which this move is allowed."""

    def __init__(self, case, action, allowed_from):
        self.case_number = case.case_number
        self.status = case.status
        self.action = action
        self.allowed_from = tuple(allowed_from)
        super().__init__(
            f"{action} is not allowed for case {case.case_number} in status {case.status!r}"
        )


class InvalidCaseData(ValueError):
    """The data given for a case breaks one of its rules."""


# ---------------------------------------------------------------------------------------------
# Normalisation used on the way in
# ---------------------------------------------------------------------------------------------


def normalise_a_number(raw: str) -> str:
    """'A-012 345 678', 'a12345678' -> '012345678'. Empty stays empty."""
    digits = "".join(ch for ch in (raw or "") if ch.isdigit())
    if not digits:
        return ""
    if len(digits) > 9 or len(digits) < 8:
        raise InvalidCaseData(_("An A-number has 8 or 9 digits."))
    return digits.zfill(9)


def name_key(full_name: str) -> str:
    """A name compared without regard to accents, case, punctuation or word order."""
    decomposed = unicodedata.normalize("NFKD", full_name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split()
    return " ".join(sorted(words))[:200]


# ---------------------------------------------------------------------------------------------
# Opening a case
# ---------------------------------------------------------------------------------------------


@dataclass
class EnrolleeDetails:
    full_name: str
    date_of_birth: date
    citizenship: str
    current_location: str
    a_number: str = ""
    country_of_birth: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class ContactDetails:
    full_name: str
    relationship: str
    phone: str = ""
    email: str = ""
    organization: str = ""


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


@dataclass
class Submission:
    submitter_type: str
    language: str
    enrollee: EnrolleeDetails
    description: str
    privacy_notice_version: str
    privacy_notice_acknowledged_at: datetime
    attestation_version: str
    attested_at: datetime
    concerns: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)
    concern_something_else: bool = False
    contact: ContactDetails | None = None
    documents: list = field(default_factory=list)
    # The public form's one-time token: a second case with the same token cannot be written.
    token: str = ""


def _store_document(
    *, case, upload: UploadedDocument, uploaded_by=None, component="", shared=False
) -> Document:
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
    return _store_document(
        case=case, upload=upload, uploaded_by=uploaded_by, component=component, shared=shared
    )


def store_information_response(*, case, upload) -> Document:
    """A file the requestor sent with an answer to a further-information request."""
    upload.kind = DocumentKind.INFORMATION_RESPONSE
    return _store_document(case=case, upload=upload)


def _validate_submission(submission: Submission):
    has_g28 = any(doc.kind == DocumentKind.G28 for doc in submission.documents)
    if submission.submitter_type == SubmitterType.REPRESENTATIVE and not has_g28:
        raise InvalidCaseData(_("A representative must upload a Form G-28."))
    if submission.submitter_type != SubmitterType.ENROLLEE and submission.contact is None:
        raise InvalidCaseData(_("Tell us who is filling in the form for the enrollee."))
    if not submission.description.strip():
        raise InvalidCaseData(_("Describe your concern."))


def _insert_case_with_unique_number(**fields) -> Case:
    # Numbers are random; a collision is astronomically rare but handled, inside a savepoint
    # so the surrounding transaction survives it.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Case.objects.create(case_number=new_case_number(), **fields)
        except IntegrityError as error:
            if "case_number" not in str(error):
                raise
    raise IntegrityError("could not draw an unused case number")


def open_case(*, submission: Submission) -> Case:
    """Write a submission as a new case with its people, answers and documents.

    Runs in the caller's transaction when there is one, so intake can place the case in the
    same transaction; the case is 'received' only when every part is written.
    """
    _validate_submission(submission)
    enrollee = submission.enrollee
    with transaction.atomic():
        case = _insert_case_with_unique_number(
            submitter_type=submission.submitter_type,
            language=submission.language,
            description=submission.description,
            concern_something_else=submission.concern_something_else,
            privacy_notice_version=submission.privacy_notice_version,
            privacy_notice_acknowledged_at=submission.privacy_notice_acknowledged_at,
            attestation_version=submission.attestation_version,
            attested_at=submission.attested_at,
            **{name: bool(value) for name, value in submission.concerns.items()},
            **{name: bool(value) for name, value in submission.conditions.items()},
        )
        if submission.token:
            SubmissionToken.objects.create(
                token=submission.token, case=case, created_at=timezone.now()
            )
        Enrollee.objects.create(
            case=case,
            full_name=enrollee.full_name,
            name_key=name_key(enrollee.full_name),
            a_number=normalise_a_number(enrollee.a_number),
            date_of_birth=enrollee.date_of_birth,
            citizenship=enrollee.citizenship,
            country_of_birth=enrollee.country_of_birth,
            phone=enrollee.phone,
            email=enrollee.email,
            current_location=enrollee.current_location,
        )
        contact = submission.contact
        if submission.submitter_type == SubmitterType.REPRESENTATIVE:
            Representative.objects.create(case=case, **vars(contact))
        elif submission.submitter_type == SubmitterType.PREPARER:
            Preparer.objects.create(
                case=case, **{k: v for k, v in vars(contact).items() if k != "organization"}
            )
        g28 = None
        for upload in submission.documents:
            document = _store_document(case=case, upload=upload)
            if upload.kind == DocumentKind.G28 and g28 is None:
                g28 = document
        case.g28_document = g28
        case.received_at = timezone.now()
        case._change_reason = "submitted through the public form"
        case.save(update_fields=["g28_document", "received_at"])
        record_event(action=Action.CREATE_CASE, case_id=case.pk)
    return case


# ---------------------------------------------------------------------------------------------
# The lifecycle
# ---------------------------------------------------------------------------------------------


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _transition(
    case, *, action, allowed_from, to_status, actor, reason="", request=None, **changes
):
    """Move a locked, re-read case; the caller holds the transaction."""
    current = _locked(case)
    if current.status not in allowed_from:
        raise IllegalTransition(current, action, allowed_from)
    from_status = current.status
    now = timezone.now()
    current.status = to_status
    for name, value in changes.items():
        setattr(current, name, value(now) if callable(value) else value)
    current._history_user = actor
    current._change_reason = f"{action}: {reason}"[:100] if reason else action
    current.save()
    CaseTransition.objects.create(
        case=current,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        occurred_at=now,
        reason=reason,
    )
    record_event(
        action=Action.CHANGE_STATUS,
        actor=actor,
        case_id=current.pk,
        request=request,
        detail={"transition": action, "from": from_status, "to": to_status},
    )
    case.refresh_from_db()
    return current


def _first_referral(case):
    return lambda now: case.first_referred_at or now


@transaction.atomic
def place_in_triage(*, case, actor=None, reason=""):
    return _transition(
        case,
        action="place_in_triage",
        allowed_from=[Status.SUBMITTED],
        to_status=Status.TRIAGE,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def route_to_cbp(*, case, actor=None, reason=""):
    """From intake (a routing rule) or program triage to the CBP queue."""
    current = _locked(case)
    result = _transition(
        case,
        action="route_to_cbp",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.CBP_REVIEW,
        actor=actor,
        reason=reason,
        first_referred_at=_first_referral(current),
        assigned_to=None,
    )
    CBPReview.objects.get_or_create(case=result)
    return result


@transaction.atomic
def route_to_uscis(*, case, actor=None, reason=""):
    current = _locked(case)
    result = _transition(
        case,
        action="route_to_uscis",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.USCIS_REVIEW,
        actor=actor,
        reason=reason,
        first_referred_at=_first_referral(current),
        assigned_to=None,
    )
    USCISReview.objects.get_or_create(case=result)
    return result


@transaction.atomic
def mark_not_disenrollment_request(*, case, actor=None, reason=""):
    """Keep a submission that asks for something else with program personnel."""
    result = _transition(
        case,
        action="mark_not_disenrollment_request",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.PROGRAM_HANDLING,
        actor=actor,
        reason=reason,
    )
    ProgramReview.objects.get_or_create(case=result)
    return result


@transaction.atomic
def refer_to_uscis(*, case, actor, reason=""):
    """CBP refers the case to USCIS, for example for a fear interview."""
    result = _transition(
        case,
        action="refer_to_uscis",
        allowed_from=[Status.CBP_REVIEW],
        to_status=Status.USCIS_REVIEW,
        actor=actor,
        reason=reason,
        assigned_to=None,
    )
    USCISReview.objects.get_or_create(case=result)
    return result


@transaction.atomic
def return_to_cbp(*, case, actor, reason=""):
    """USCIS returns the case to CBP for further review."""
    result = _transition(
        case,
        action="return_to_cbp",
        allowed_from=[Status.USCIS_REVIEW],
        to_status=Status.CBP_REVIEW,
        actor=actor,
        reason=reason,
        assigned_to=None,
    )
    CBPReview.objects.get_or_create(case=result)
    return result


@transaction.atomic
def close_as_duplicate(*, case, original, actor, reason=""):
    if original.pk == case.pk:
        raise InvalidCaseData(_("A case cannot be a duplicate of itself."))
    return _transition(
        case,
        action="close_as_duplicate",
        allowed_from=[Status.SUBMITTED, Status.TRIAGE],
        to_status=Status.CLOSED,
        actor=actor,
        reason=reason,
        closure_reason=ClosureReason.DUPLICATE,
        duplicate_of=original,
        closed_at=lambda now: now,
    )


@transaction.atomic
def close_as_withdrawn(*, case, actor, reason=""):
    return _transition(
        case,
        action="close_as_withdrawn",
        allowed_from=[*REVIEW_STATUSES, Status.SUBMITTED, Status.AWAITING_INFORMATION],
        to_status=Status.CLOSED,
        actor=actor,
        reason=reason,
        closure_reason=ClosureReason.WITHDRAWN,
        closed_at=lambda now: now,
    )


@transaction.atomic
def start_waiting_for_information(*, case, actor, reason=""):
    """A further-information request went out: pause the clock until it is answered."""
    current = _locked(case)
    return _transition(
        case,
        action="start_waiting_for_information",
        allowed_from=REVIEW_STATUSES,
        to_status=Status.AWAITING_INFORMATION,
        actor=actor,
        reason=reason,
        resume_status=current.status,
        waiting_since=lambda now: now,
    )


def _resume(case, *, action, actor, reason):
    current = _locked(case)
    if current.status != Status.AWAITING_INFORMATION:
        raise IllegalTransition(current, action, [Status.AWAITING_INFORMATION])
    waited = int((timezone.now() - current.waiting_since).total_seconds())
    return _transition(
        case,
        action=action,
        allowed_from=[Status.AWAITING_INFORMATION],
        to_status=current.resume_status,
        actor=actor,
        reason=reason,
        resume_status="",
        waiting_since=None,
        paused_seconds=current.paused_seconds + max(waited, 0),
    )


@transaction.atomic
def resume_after_information_received(*, case, actor=None, reason=""):
    return _resume(case, action="resume_after_information_received", actor=actor, reason=reason)


@transaction.atomic
def resume_after_information_request_expired(*, case, actor=None, reason=""):
    return _resume(
        case, action="resume_after_information_request_expired", actor=actor, reason=reason
    )


def _record_outcome(case, *, action, status, review_model, outcome, valid, actor, reason):
    if outcome not in valid.values:
        raise InvalidCaseData(_("Choose one of the listed outcomes."))
    result = _transition(
        case,
        action=action,
        allowed_from=[status],
        to_status=Status.DECIDED,
        actor=actor,
        reason=reason,
        decided_at=lambda now: now,
    )
    review, _created = review_model.objects.get_or_create(case=result)
    review.outcome = outcome
    review.decided_at = result.decided_at
    review.decided_by = actor
    review._history_user = actor
    review.save()
    return result


@transaction.atomic
def record_cbp_outcome(*, case, outcome, actor, reason=""):
    return _record_outcome(
        case,
        action="record_cbp_outcome",
        status=Status.CBP_REVIEW,
        review_model=CBPReview,
        outcome=outcome,
        valid=CBPOutcome,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def record_uscis_outcome(*, case, outcome, actor, reason=""):
    if outcome == USCISOutcome.RETURNED_TO_CBP:
        raise InvalidCaseData(_("Return the case to CBP instead of recording a decision."))
    return _record_outcome(
        case,
        action="record_uscis_outcome",
        status=Status.USCIS_REVIEW,
        review_model=USCISReview,
        outcome=outcome,
        valid=USCISOutcome,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def record_program_outcome(*, case, outcome, actor, reason=""):
    return _record_outcome(
        case,
        action="record_program_outcome",
        status=Status.PROGRAM_HANDLING,
        review_model=ProgramReview,
        outcome=outcome,
        valid=ProgramOutcome,
        actor=actor,
        reason=reason,
    )


def _deciding_review(case):
    for model in (CBPReview, USCISReview, ProgramReview):
        review = model.objects.filter(case=case, decided_at=case.decided_at).first()
        if review is not None:
            return review
    return None


@transaction.atomic
def record_decision_communicated(*, case, actor, communicated_at=None, reason=""):
    """The decision reached the requestor: record when, on the case and the deciding module."""
    result = _transition(
        case,
        action="record_decision_communicated",
        allowed_from=[Status.DECIDED],
        to_status=Status.COMMUNICATED,
        actor=actor,
        reason=reason,
        communicated_at=lambda now: communicated_at or now,
    )
    review = _deciding_review(result)
    if review is not None:
        review.decision_communicated_on = timezone.localdate(result.communicated_at)
        review._history_user = actor
        review.save(update_fields=["decision_communicated_on"])
    return result


@transaction.atomic
def close_case(*, case, actor, reason=""):
    return _transition(
        case,
        action="close_case",
        allowed_from=[Status.COMMUNICATED],
        to_status=Status.CLOSED,
        actor=actor,
        reason=reason,
        closure_reason=ClosureReason.COMPLETED,
        closed_at=lambda now: now,
    )


# ---------------------------------------------------------------------------------------------
# Beside the lifecycle: assignment and CRCL audit. Neither changes the status.
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def assign_case(*, case, assignee, actor, reason=""):
    current = _locked(case)
    if current.status not in REVIEW_STATUSES:
        raise IllegalTransition(current, "assign_case", REVIEW_STATUSES)
    current.assigned_to = assignee
    current._history_user = actor
    current._change_reason = "assigned" if assignee else "unassigned"
    current.save(update_fields=["assigned_to"])
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=current.pk,
        detail={"assigned_to": assignee.pk if assignee else None, "reason": reason[:200]},
    )
    case.refresh_from_db()
    return current


@transaction.atomic
def open_crcl_audit(*, case, actor=None) -> CRCLAudit:
    """Put a decided case in front of CRCL. Its lifecycle does not change."""
    current = _locked(case)
    if current.decided_at is None:
        raise IllegalTransition(current, "open_crcl_audit", [Status.DECIDED, Status.COMMUNICATED])
    audit, _created = CRCLAudit.objects.get_or_create(
        case=current, defaults={"sampled_at": timezone.now()}
    )
    return audit


@transaction.atomic
def open_crcl_audits(*, case_ids, actor=None) -> list[CRCLAudit]:
    """``open_crcl_audit`` for many cases at once, in a fixed number of queries.

    Every case must have been decided; one that already has an audit keeps it. Returns the
    audits in the order of ``case_ids``.
    """
    case_ids = list(dict.fromkeys(case_ids))
    decided = dict(
        Case.objects.select_for_update()
        .filter(pk__in=case_ids)
        .order_by("pk")
        .values_list("pk", "decided_at")
    )
    for case_id in case_ids:
        if decided.get(case_id) is None:
            current = Case.objects.get(pk=case_id)
            raise IllegalTransition(
                current, "open_crcl_audit", [Status.DECIDED, Status.COMMUNICATED]
            )
    existing = {audit.case_id: audit for audit in CRCLAudit.objects.filter(case_id__in=case_ids)}
    now = timezone.now()
    created = bulk_create_with_history(
        [CRCLAudit(case_id=pk, sampled_at=now) for pk in case_ids if pk not in existing],
        CRCLAudit,
        default_user=actor,
        default_date=now,
    )
    existing.update({audit.case_id: audit for audit in created})
    return [existing[pk] for pk in case_ids]


@transaction.atomic
def record_crcl_audit_outcome(*, case, outcome, actor) -> CRCLAudit:
    if outcome not in CRCLOutcome.values:
        raise InvalidCaseData(_("Choose one of the listed outcomes."))
    audit = CRCLAudit.objects.select_for_update().get(case=case)
    audit.outcome = outcome
    audit.completed_at = timezone.now()
    audit.completed_by = actor
    audit._history_user = actor
    audit.save()
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        detail={"crcl_audit_outcome": outcome},
    )
    return audit


# ---------------------------------------------------------------------------------------------
# Communications to the requestor (never to a preparer)
# ---------------------------------------------------------------------------------------------


def record_communication(
    *,
    case,
    kind,
    recipient,
    to_address,
    subject,
    body,
    actor=None,
    information_request=None,
    port_of_entry="",
    present_at=None,
) -> Communication:
    """Keep a message as it will be sent; delivery happens after commit.

    A message with no address cannot be e-mailed: it is kept as printed, for staff to hand
    over or post, and never queued.
    """
    return Communication.objects.create(
        case=case,
        kind=kind,
        recipient=recipient,
        to_address=to_address,
        language=case.language,
        subject=subject[:200],
        body=body,
        created_at=timezone.now(),
        created_by=actor,
        information_request=information_request,
        port_of_entry=port_of_entry,
        present_at=present_at,
        status=DeliveryStatus.QUEUED if to_address else DeliveryStatus.PRINTED,
    )


def send_after_commit(*, communication_ids) -> None:
    """After the surrounding transaction commits, ask a worker to send each message.

    A broker outage must not fail what was saved: the row stays queued, the error is logged
    (without personal data) and the outbox sweeper sends it later.
    """
    from cases.tasks import send_communication

    def queue():
        for communication_id in communication_ids:
            try:
                send_communication.delay(communication_id)
            except Exception:
                logger.exception("could not queue communication %s", communication_id)

    transaction.on_commit(queue)


@transaction.atomic
def record_delivery_attempt(*, communication_id, delivered: bool, final: bool = False):
    """Count an attempt; a delivered message is sent, a hopeless one failed."""
    communication = Communication.objects.select_for_update().get(pk=communication_id)
    communication.attempts += 1
    if delivered:
        communication.status = DeliveryStatus.SENT
        communication.sent_at = timezone.now()
    elif final:
        communication.status = DeliveryStatus.FAILED
    communication.save(update_fields=["attempts", "status", "sent_at"])
    return communication


# Virus scanning of documents and the one way to read a document's bytes
# ---------------------------------------------------------------------------------------------


class DocumentNotDownloadable(Exception):
    """The document has not been scanned clean (pending, infected or failed scan)."""


def queue_document_scan(*, document_id):
    """After the surrounding transaction commits, ask a worker to scan the document.

    A broker outage must not fail the submission: the error is logged and the periodic
    rescan of unfinished documents picks the document up.
    """
    from cases.tasks import scan_document

    transaction.on_commit(lambda: scan_document.delay(document_id), robust=True)


def quarantine_storage():
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=str(settings.QUARANTINE_ROOT), base_url=None)


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
