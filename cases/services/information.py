"""Further-information requests: asked by staff, answered by the requestor through a link or
on the status page.

The link carries a random token; only its SHA-256 is stored. It works once, until the due
date; the status page takes the same answer once the case number and birth date are given.
Past the due date both refuse at once, before the hourly job records the expiry. While the
case waits its age clock is paused; on an answer or on expiry it returns to the queue that
asked. Who may ask is checked by the caller (``routing.casework``).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases import message_templates
from cases.errors import InvalidCaseData
from cases.message_content import MessageValues
from cases.models import AnalysisNote, CommunicationKind, Component, InformationRequest, USCISReview
from cases.services import dispatch
from cases.services.communications import record_message
from cases.services.documents import store_information_response
from cases.services.lifecycle import (
    resume_after_information_received,
    resume_after_information_request_expired,
    start_waiting_for_information,
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_link(*, case, token, base_url) -> str:
    """The public answer page for this token, in the case's language."""
    with translation.override(case.language):
        path = reverse("intake:information_answer", args=[token])
    return f"{base_url.rstrip('/')}{path}"


def _values(request, link="") -> MessageValues:
    return MessageValues(message=request.message, due_at=request.due_at, answer_link=link)


@transaction.atomic
def request_information(*, case, component, actor, message, base_url) -> InformationRequest:
    """Ask the enrollee and representative (never a preparer) on every channel they gave, or
    by letter when nobody can be reached otherwise; pause the clock."""
    message = (message or "").strip()
    if not message:
        raise InvalidCaseData(_("Write what you need from the requestor."))
    start_waiting_for_information(case=case, actor=actor, reason="further information requested")
    if component == Component.USCIS:
        # The specification's "FIG requested" field of the USCIS module.
        review = USCISReview.objects.get(case=case)
        review.fig_requested = True
        review._history_user = actor
        review.save(update_fields=["fig_requested"])
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    request = InformationRequest.objects.create(
        case=case,
        component=component,
        requested_by=actor,
        message=message,
        created_at=now,
        due_at=now + timedelta(days=settings.INFORMATION_REQUEST_DUE_DAYS),
        token_hash=_hash(token),
    )
    link = answer_link(case=case, token=token, base_url=base_url)
    record_message(
        case=case,
        kind=CommunicationKind.INFORMATION_REQUEST,
        values=_values(request, link),
        actor=actor,
        information_request=request,
    )
    return request


def open_request_for_token(token: str) -> InformationRequest | None:
    """The request behind a link, while it is unanswered and not yet due; else None."""
    return (
        InformationRequest.objects.filter(
            token_hash=_hash(token or ""),
            answered_at__isnull=True,
            expired_at__isnull=True,
            due_at__gt=timezone.now(),
        )
        .select_related("case")
        .first()
    )


def _answer(request_id, *, answer, documents, via) -> InformationRequest | None:
    # Locked and checked again, due date included: a request that fell due after the page was
    # shown is refused now, whether or not the hourly expiry job has run.
    request = InformationRequest.objects.select_for_update().select_related("case").get(
        pk=request_id
    )
    if not request.is_answerable():
        return None
    request.answer = (answer or "").strip()
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_at"])
    stored = [store_information_response(case=request.case, upload=upload) for upload in documents]
    resume_after_information_received(case=request.case, reason="further information received")
    dispatch.after_commit(dispatch.TELL_OFFICER_OF_ANSWER, [request.pk])
    record_event(
        action=Action.CHANGE_CASE,
        case_id=request.case_id,
        detail={
            "information_request": request.pk,
            "documents": [d.pk for d in stored],
            "via": via,
        },
    )
    return request


def tell_officer_of_answer(*, request_id) -> bool:
    """E-mail the officer the case is assigned to that the requestor answered: the case number
    and a link to the case, nothing the requestor wrote. False when nobody is assigned."""
    request = InformationRequest.objects.select_related("case__assigned_to").get(pk=request_id)
    officer = request.case.assigned_to
    if officer is None or not officer.email:
        return False
    number = request.case.case_number
    send_mail(
        gettext("MPP case %(number)s: the requestor answered") % {"number": number},
        gettext(
            "The requestor answered the request for further information on case %(number)s. "
            "Open the case in the staff site to read the answer."
        )
        % {"number": number},
        settings.DEFAULT_FROM_EMAIL,
        [officer.email],
    )
    return True


@transaction.atomic
def mark_answer_read(*, request, actor) -> InformationRequest:
    """The officer has read the answer: the queues stop flagging the case for it."""
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_at is None:
        raise InvalidCaseData(_("There is no answer to mark as read."))
    if request.answer_read_at is None:
        request.answer_read_at = timezone.now()
        request.answer_read_by = actor
        request._history_user = actor
        request.save(update_fields=["answer_read_at", "answer_read_by"])
        record_event(
            action=Action.CHANGE_CASE,
            actor=actor,
            case_id=request.case_id,
            detail={"information_request": request.pk, "answer_read": True},
        )
    return request


@transaction.atomic
def answer_information_request(*, token, answer, documents) -> InformationRequest | None:
    """Keep the answer and files on the case and return it to the queue that asked.

    Returns None when the link is unknown, used, expired or past its due date.
    """
    found = open_request_for_token(token)
    if found is None:
        return None
    return _answer(found.pk, answer=answer, documents=documents, via="link")


@transaction.atomic
def answer_from_status_page(*, case, request_id, answer, documents) -> InformationRequest | None:
    """The same, from the status page of a case whose number and birth date were given.

    Returns None unless the request belongs to the case and may still be answered.
    """
    if not InformationRequest.objects.filter(pk=request_id, case=case).exists():
        return None
    return _answer(request_id, answer=answer, documents=documents, via="status_page")


@transaction.atomic
def send_reminder(*, request) -> None:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open or request.reminder_sent_at is not None:
        return
    request.reminder_sent_at = timezone.now()
    request.save(update_fields=["reminder_sent_at"])
    record_message(
        case=request.case,
        kind=CommunicationKind.REMINDER,
        values=_values(request),
        information_request=request,
    )


@transaction.atomic
def expire(*, request) -> None:
    """No answer by the due date: the case returns to the queue that asked, with a note."""
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        return
    now = timezone.now()
    request.expired_at = now
    request.save(update_fields=["expired_at"])
    resume_after_information_request_expired(
        case=request.case, reason="information request expired without an answer"
    )
    AnalysisNote.objects.create(
        case=request.case,
        component=request.component,
        author=request.requested_by,
        created_at=now,
        text=str(_("The further-information request expired without an answer.")),
    )


def remind_and_expire(*, now=None) -> dict:
    """Run by Celery beat: reminders after the configured days, then expiry at the due date."""
    now = now or timezone.now()
    open_requests = InformationRequest.objects.filter(
        answered_at__isnull=True, expired_at__isnull=True
    )
    due = list(open_requests.filter(due_at__lte=now))
    for request in due:
        expire(request=request)
    remind_before = now - timedelta(days=settings.INFORMATION_REQUEST_REMINDER_DAYS)
    reminders = list(
        open_requests.filter(
            due_at__gt=now, reminder_sent_at__isnull=True, created_at__lte=remind_before
        )
    )
    not_built = 0
    for request in reminders:
        try:
            send_reminder(request=request)
        except message_templates.MessageNotBuilt as refusal:
            # Nothing was queued: the case's staff read why on the case page, once.
            not_built += 1
            _note_reminder_not_built(request=request, refusal=refusal)
    counts = {"expired": len(due), "reminded": len(reminders) - not_built}
    return {**counts, "not_built": not_built} if not_built else counts


def _note_reminder_not_built(*, request, refusal) -> None:
    """Said once on the case; the hourly job tries again, so the reminder goes out as soon as
    the template is corrected."""
    text = str(_("The reminder could not be sent: %(reason)s") % {"reason": refusal})
    note, _created = AnalysisNote.objects.get_or_create(
        case=request.case,
        component=request.component,
        text=text,
        defaults={"author": request.requested_by, "created_at": timezone.now()},
    )
    return note
