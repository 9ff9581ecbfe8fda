"""Turning a completed public form into a case, placed and confirmed, in one transaction."""

import datetime
import logging
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import appended_together
from cases.models import Case, DocumentKind, SubmitterType
from cases.selectors import case_for_submission_token
from cases.services import communications, documents, submissions
from intake.drafts import discard_expired_drafts, held_files_of_live_drafts
from intake.selectors import held_files_of_live_sessions
from intake.uploads import discard_held, discard_held_files, held_document, held_files
from routing.services import place_new_case

logger = logging.getLogger(__name__)

PRIVACY_NOTICE_VERSION = "2026-1"
ATTESTATION_VERSION = "2026-1"


class HeldFileMissing(Exception):
    """A held file went away before the case could store it, and no twin request opened the
    case: nothing was stored; the form says which file to attach again."""


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


UPLOAD_KINDS = ((DocumentKind.G28, "representative"), (DocumentKind.SUPPORTING, "documents"))


def _documents(uploads: dict) -> list[documents.UploadedDocument]:
    return [
        held_document(item, kind=kind)
        for kind, step in UPLOAD_KINDS
        for item in uploads.get(step, [])
    ]


def build_submission(
    *, answers: dict, uploads: dict, language: str, attested_at
) -> submissions.Submission:
    """Map the wizard's cleaned steps to the case service's Submission."""
    enrollee = answers["enrollee"]
    submitter_type = answers["submitter"]["submitter_type"]
    contact = None
    contact_step = {
        SubmitterType.REPRESENTATIVE: "representative",
        SubmitterType.PREPARER: "preparer",
    }.get(submitter_type)
    if contact_step:
        person = answers[contact_step]
        contact = submissions.ContactDetails(
            full_name=person["full_name"],
            relationship=person["relationship"],
            phone=person["phone"],
            email=person["email"],
            organization=person.get("organization", ""),
            texts_consent=bool(person.get("texts")),
        )
    concern = answers["concern"]
    return submissions.Submission(
        submitter_type=submitter_type,
        language=language,
        enrollee=submissions.EnrolleeDetails(
            full_name=enrollee["full_name"],
            date_of_birth=enrollee["date_of_birth"],
            citizenship=enrollee["citizenship"],
            current_location=enrollee["current_location"],
            a_number=enrollee["a_number"],
            country_of_birth=enrollee["country_of_birth"],
            phone=enrollee["phone"],
            email=enrollee["email"],
            texts_consent=bool(enrollee.get("texts")),
            whatsapp_consent=bool(enrollee.get("whatsapp")),
        ),
        description=concern["description"],
        privacy_notice_version=PRIVACY_NOTICE_VERSION,
        privacy_notice_acknowledged_at=datetime.datetime.fromisoformat(
            answers["privacy"]["acknowledged_at"]
        ),
        attestation_version=ATTESTATION_VERSION,
        attested_at=attested_at,
        concerns={
            name: concern[name]
            for name in concern
            if name.startswith("concern_") and name != "concern_something_else"
        },
        conditions={name: concern[name] for name in concern if name.startswith("condition_")},
        concern_something_else=concern["concern_something_else"],
        contact=contact,
        documents=_documents(uploads),
    )


def submit_request(*, answers: dict, uploads: dict, language: str, token: str = "") -> Case:
    """Open the case, place it and queue its confirmations: all or nothing, and only once.

    A submission whose token already opened a case (a double click racing the first) gets
    that case back instead of a second one. If anything fails, nothing of the case is kept
    (rows, stored document files, audit events) and the held uploads stay for another try.
    """
    attested_at = timezone.now()
    submission = build_submission(
        answers=answers, uploads=uploads, language=language, attested_at=attested_at
    )
    submission.token = token
    try:
        case = _open_place_and_confirm(submission)
    except (IntegrityError, FileNotFoundError) as failure:
        # The twin request that won the race already opened the case (and, once committed,
        # removed the held files this one was about to link).
        already = case_for_submission_token(token)
        if already is not None:
            return already
        if isinstance(failure, FileNotFoundError):
            raise HeldFileMissing from failure
        raise
    held = [item for items in uploads.values() for item in items]
    transaction.on_commit(lambda: discard_held(held))
    logger.info("case %s received", case.pk)
    return case


def _open_place_and_confirm(submission) -> Case:
    try:
        # The audit events (case created, placed, access granted) are appended together at
        # the end: the audit chain's lock is held only for those inserts and the commit.
        with transaction.atomic(), appended_together():
            case = submissions.open_case(submission=submission)
            place_new_case(case=case)
            communications.send_confirmation(case=case)
    except BaseException:
        documents.discard_unsaved_files(documents=submission.documents)
        raise
    finally:
        for document in submission.documents:
            if document.file is not None:
                document.file.close()
    return case


def discard_abandoned_uploads(*, now=None, dry_run=False) -> list[str]:
    """Remove saved requests past their time, then the files held for forms nobody finished
    (nor saved); returns the files' names.

    A held file goes once it is older than a quiet public session lasts (SESSION_COOKIE_AGE,
    from SESSION_PUBLIC_SECONDS: 2 hours) and no unexpired session lists it. Someone still
    filling in the form keeps their files however long ago they attached them, since every
    request renews their session. ``dry_run``: only say which would go.
    """
    now = now or timezone.now()
    if not dry_run:
        discard_expired_drafts(now=now)
    cutoff = now - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    old = sorted(name for name, written in held_files() if written < cutoff)
    if not old:
        return []
    live = (held_files_of_live_sessions(now=now) or set()) | held_files_of_live_drafts(now=now)
    abandoned = [name for name in old if name not in live]
    if not dry_run:
        discard_held_files(abandoned)
        logger.info("discarded %s abandoned upload(s)", len(abandoned))
    return abandoned
