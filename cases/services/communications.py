"""Messages to the requestor: kept as sent in the transaction that causes them, delivered after.

Who receives a message is ``cases.selectors.message_recipients`` (the enrollee and a
representative, never a preparer). Each message is a ``Communication`` row, the outbox: a
worker delivers it after commit, at most once, counting every attempt on the row.
"""

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases import message_templates
from cases.components import NEEDS_PRESENTATION, deciding_review
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import (
    Communication,
    CommunicationKind,
    DeliveryStatus,
    MessageKind,
    Recipient,
    Status,
)
from cases.selectors import message_recipients
from cases.services import dispatch
from cases.services.lifecycle import record_decision_communicated

# Seven attempts in all, counted on the row so a re-dispatched message keeps its count.
SEND_MAX_ATTEMPTS = 7
SMTP_ERRORS = (smtplib.SMTPException, OSError)


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
    port_address="",
    present_at=None,
    present_time_zone="",
    supersedes=None,
    amendment_reason="",
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
        port_address=port_address,
        present_at=present_at,
        present_time_zone=present_time_zone,
        supersedes=supersedes,
        amendment_reason=amendment_reason[:500],
        status=DeliveryStatus.QUEUED if to_address else DeliveryStatus.PRINTED,
    )


def send_after_commit(*, communication_ids) -> None:
    """After the surrounding transaction commits, ask a worker to send each message."""
    dispatch.after_commit(dispatch.SEND_COMMUNICATION, communication_ids)


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


@dataclass(frozen=True)
class Delivery:
    """What one attempt to deliver a message came to."""

    outcome: str  # "sent", "failed" (no attempts left), "retry", or "skipped"
    detail: str = ""
    error: Exception | None = None


def deliver_communication(*, communication_id) -> Delivery:
    """Send one queued message, at most once.

    The row stays locked while the SMTP server takes the message, so a second copy of the
    delivery (the sweeper's, or a redelivery) skips it instead of sending twice.
    """
    with transaction.atomic():
        communication = (
            Communication.objects.select_for_update(skip_locked=True)
            .filter(pk=communication_id)
            .first()
        )
        if communication is None:
            return Delivery("skipped", "missing or being sent")
        if communication.status != DeliveryStatus.QUEUED:
            return Delivery("skipped", f"already {communication.status}")
        message = EmailMessage(
            subject=communication.subject,
            body=communication.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[communication.to_address],
        )
        error = None
        try:
            message.send()
        except SMTP_ERRORS as refused:
            error = refused
        final = error is not None and communication.attempts + 1 >= SEND_MAX_ATTEMPTS
        record_delivery_attempt(
            communication_id=communication_id, delivered=error is None, final=final
        )
    if error is None:
        return Delivery("sent")
    return Delivery("failed" if final else "retry", error=error)


def redispatch_stuck_communications(*, older_than_minutes=10) -> int:
    """Wake a worker again for each message still queued after ``older_than_minutes``."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stuck = Communication.objects.filter(
        status=DeliveryStatus.QUEUED, created_at__lte=cutoff
    ).values_list("pk", flat=True)
    count = 0
    for communication_id in stuck.iterator():
        dispatch.wake(dispatch.SEND_COMMUNICATION, communication_id)
        count += 1
    return count


# The decision ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presentation:
    """Where and when the person presents themselves, as the notice states it."""

    port_name: str
    port_address: str
    time_zone: str
    at: datetime  # aware

    @property
    def port_text(self) -> str:
        return f"{self.port_name} ({self.port_address})" if self.port_address else self.port_name


@dataclass(frozen=True)
class PreparedMessage:
    """A message as it will be kept and sent, built before anything is recorded (a preview)."""

    recipient: str
    to_address: str  # empty: a letter to print
    subject: str
    body: str

    @property
    def is_letter(self) -> bool:
        return not self.to_address

    @property
    def recipient_label(self) -> str:
        return str(Recipient(self.recipient).label)


def check_presentation(*, case, presentation: Presentation, now=None) -> None:
    """A time in the past, or too soon for the notice to reach the person, is refused."""
    now = now or timezone.now()
    if presentation.at <= now:
        raise InvalidCaseData(_("The date and time to present oneself is already past."))
    if message_recipients(case):
        notice = timedelta(hours=settings.PRESENTATION_MIN_NOTICE_HOURS)
        if presentation.at < now + notice:
            raise InvalidCaseData(
                _(
                    "Give the person at least %(hours)d hours between the message and the "
                    "time to present themselves."
                )
                % {"hours": settings.PRESENTATION_MIN_NOTICE_HOURS}
            )
    else:
        notice = timedelta(days=settings.PRESENTATION_MIN_NOTICE_DAYS_BY_LETTER)
        if presentation.at < now + notice:
            raise InvalidCaseData(
                _(
                    "Only a printed letter can reach this person: give at least %(days)d days "
                    "between sending it and the time to present themselves."
                )
                % {"days": settings.PRESENTATION_MIN_NOTICE_DAYS_BY_LETTER}
            )


def decision_text(*, case, review, presentation: Presentation | None = None) -> tuple[str, str]:
    """The decision message's subject and body in the case's language."""
    language = case.language
    with translation.override(language):
        outcome = str(review.get_outcome_display())
    values = {
        "case_number": case.case_number,
        "outcome": outcome,
        "port_of_entry": presentation.port_text if presentation else "",
        "present_at": (
            message_templates.presentation_text(
                presentation.at,
                time_zone=presentation.time_zone,
                port_name=presentation.port_name,
                language=language,
            )
            if presentation
            else ""
        ),
    }
    subject, body = message_templates.template_text(MessageKind.DECISION, language)
    body = message_templates.fill(body, values)
    if review.outcome in NEEDS_PRESENTATION:
        _subject, text = message_templates.template_text(MessageKind.PRESENTATION, language)
        body = f"{body}\n{message_templates.fill(text, values)}"
    return message_templates.fill(subject, values), body


def _amended_text(case, subject, body, earlier) -> tuple[str, str]:
    with translation.override(case.language):
        sent_on = message_templates.day_text(earlier.created_at, case.language)
        notice = gettext("This notice corrects the one we sent on %(date)s.") % {"date": sent_on}
        return gettext("Corrected: %(subject)s") % {"subject": subject}, f"{notice}\n\n{body}"


def decision_messages(
    *, case, presentation: Presentation | None = None, amends=None
) -> list[PreparedMessage]:
    """Every message the decision goes out as, exactly as it will be kept: for a preview, and
    for sending. Raises InvalidCaseData when the decision cannot go out as given."""
    review = deciding_review(case)
    if review is None:
        raise InvalidCaseData(_("The case has no recorded outcome."))
    if review.outcome in NEEDS_PRESENTATION:
        if presentation is None:
            raise InvalidCaseData(
                _("This outcome needs the port of entry and the date and time to present oneself.")
            )
        check_presentation(case=case, presentation=presentation)
    else:
        presentation = None
    subject, body = decision_text(case=case, review=review, presentation=presentation)
    if amends:
        subject, body = _amended_text(case, subject, body, amends[0])
    # Without an e-mail address the decision is still kept, as a letter to print.
    recipients = message_recipients(case) or [(Recipient.ENROLLEE, "")]
    return [PreparedMessage(recipient, address, subject, body) for recipient, address in recipients]


def _record_decision(case, *, actor, messages, presentation, amends=(), reason=""):
    kept = [
        record_communication(
            case=case,
            kind=CommunicationKind.DECISION,
            recipient=message.recipient,
            to_address=message.to_address,
            subject=message.subject,
            body=message.body,
            actor=actor,
            port_of_entry=presentation.port_name if presentation else "",
            port_address=presentation.port_address if presentation else "",
            present_at=presentation.at if presentation else None,
            present_time_zone=presentation.time_zone if presentation else "",
            # An amendment names the first notice it replaces (one per recipient, same text).
            supersedes=amends[0] if amends else None,
            amendment_reason=reason,
        )
        for message in messages
    ]
    send_after_commit(communication_ids=[c.pk for c in kept if c.to_address])
    return kept


@transaction.atomic
def communicate_decision(*, case, actor, presentation: Presentation | None = None) -> list:
    """Send the decision in the case's language, keep its text, record the date communicated.

    With no e-mail address on the case the message is kept as a letter to print. The caller
    has checked that the actor may communicate decisions.
    """
    if case.status != Status.DECIDED:
        raise IllegalTransition(case, "communicate_decision", [Status.DECIDED])
    messages = decision_messages(case=case, presentation=presentation)
    kept = _record_decision(case, actor=actor, messages=messages, presentation=presentation)
    record_decision_communicated(case=case, actor=actor)
    return kept


def current_decision_notices(case) -> list[Communication]:
    return list(
        Communication.objects.filter(
            case=case, kind=CommunicationKind.DECISION, superseded_at__isnull=True
        )
    )


@transaction.atomic
def amend_decision(*, case, actor, reason, presentation: Presentation | None = None) -> list:
    """Correct a decision already sent: a new notice goes out, the earlier one is kept and
    marked superseded, and the correction is audited. The case stays communicated."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidCaseData(_("Say why the notice is corrected."))
    if case.status != Status.COMMUNICATED:
        raise IllegalTransition(case, "amend_decision", [Status.COMMUNICATED])
    earlier = current_decision_notices(case)
    messages = decision_messages(case=case, presentation=presentation, amends=earlier)
    now = timezone.now()
    Communication.objects.filter(pk__in=[c.pk for c in earlier]).update(superseded_at=now)
    kept = _record_decision(
        case, actor=actor, messages=messages, presentation=presentation, amends=earlier,
        reason=reason,
    )
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        detail={
            "decision_amended": [c.pk for c in kept],
            "superseded": [c.pk for c in earlier],
            "reason": reason[:200],
        },
    )
    return kept


def communication_for_print(*, user, case, communication_id, request=None) -> Communication:
    """A decision as sent, for printing; each print is audited."""
    communication = Communication.objects.get(
        pk=communication_id, case=case, kind=CommunicationKind.DECISION
    )
    record_event(
        action=Action.PRINT,
        actor=user,
        case_id=case.pk,
        request=request,
        detail={"communication": communication.pk},
    )
    return communication
