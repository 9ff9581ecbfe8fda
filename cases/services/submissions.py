"""A completed public form written as a new case, with its people, answers and documents."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases.case_numbers import new_case_number
from cases.errors import InvalidCaseData
from cases.models import (
    Case,
    DocumentKind,
    Enrollee,
    Preparer,
    Representative,
    SubmissionToken,
    SubmitterType,
)
from cases.normalise import name_key, normalise_a_number
from cases.services.documents import store_document


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
    # Agreed to content-free texts (and WhatsApp) on that phone, which may be shared.
    texts_consent: bool = False
    whatsapp_consent: bool = False


@dataclass
class ContactDetails:
    full_name: str
    relationship: str
    phone: str = ""
    email: str = ""
    organization: str = ""
    texts_consent: bool = False  # a representative's; a preparer is never written to


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
    documents: list = field(default_factory=list)  # of documents.UploadedDocument
    # The public form's one-time token: a second case with the same token cannot be written.
    token: str = ""


def _validate_submission(submission: Submission):
    has_g28 = any(doc.kind == DocumentKind.G28 for doc in submission.documents)
    if submission.submitter_type == SubmitterType.REPRESENTATIVE and not has_g28:
        raise InvalidCaseData(_("A representative must upload a Form G-28."))
    if submission.submitter_type != SubmitterType.ENROLLEE and submission.contact is None:
        raise InvalidCaseData(_("Tell us who is filling in the form for the enrollee."))
    if not submission.description.strip():
        raise InvalidCaseData(_("Describe your concern."))


def open_case(*, submission: Submission) -> Case:
    """Write a submission as a new case with its people, answers and documents.

    Runs in the caller's transaction when there is one, so intake can place the case in the
    same transaction; the case is 'received' only when every part is written.
    """
    _validate_submission(submission)
    for _attempt in range(5):
        try:
            # A savepoint of its own: a refused document leaves the caller's transaction
            # usable, and a case number drawn already in use (astronomically rare: numbers
            # are random) is drawn again. The case is the first row written, so nothing else
            # is written or stored when its number is refused.
            with transaction.atomic():
                return _write_case(submission, case_number=new_case_number())
        except IntegrityError as error:
            if "case_number" not in str(error):
                raise
    raise IntegrityError("could not draw an unused case number")


def _write_case(submission: Submission, *, case_number: str) -> Case:
    enrollee = submission.enrollee
    # Received as it is written (the transaction writes every part or none), so one history
    # row of the case as submitted; a representative's case is received with its G-28
    # (the database checks both come together), so it is updated once when that is stored.
    represented = submission.submitter_type == SubmitterType.REPRESENTATIVE
    case = Case(
        case_number=case_number,
        received_at=None if represented else timezone.now(),
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
    case._change_reason = "submitted through the public form"
    case.save(force_insert=True)
    if submission.token:
        SubmissionToken.objects.create(
            token=submission.token, case=case, created_at=timezone.now()
        )
    case.enrollee = Enrollee.objects.create(
        case=case,
        full_name=enrollee.full_name,
        name_key=name_key(enrollee.full_name),
        a_number=normalise_a_number(enrollee.a_number),
        date_of_birth=enrollee.date_of_birth,
        citizenship=enrollee.citizenship,
        country_of_birth=enrollee.country_of_birth,
        phone=enrollee.phone,
        email=enrollee.email,
        texts_consent=bool(enrollee.phone and enrollee.texts_consent),
        whatsapp_consent=bool(enrollee.phone and enrollee.whatsapp_consent),
        current_location=enrollee.current_location,
    )
    contact = submission.contact
    if submission.submitter_type == SubmitterType.REPRESENTATIVE:
        Representative.objects.create(
            case=case,
            **{**vars(contact), "texts_consent": bool(contact.phone and contact.texts_consent)},
        )
    elif submission.submitter_type == SubmitterType.PREPARER:
        Preparer.objects.create(
            case=case,
            full_name=contact.full_name,
            relationship=contact.relationship,
            phone=contact.phone,
            email=contact.email,
        )
    g28 = None
    for upload in submission.documents:
        document = store_document(case=case, upload=upload)
        if upload.kind == DocumentKind.G28 and g28 is None:
            g28 = document
    if represented or g28 is not None:
        case.g28_document = g28
        case.received_at = case.received_at or timezone.now()
        case._change_reason = "submitted through the public form"
        case.save(update_fields=["g28_document", "received_at"])
    record_event(action=Action.CREATE_CASE, case_id=case.pk)
    return case
