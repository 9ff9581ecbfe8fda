"""Messages to the requestor: kept as sent in the transaction that causes them, delivered after.

Who receives a message is ``cases.selectors.message_recipients`` (the enrollee and a
representative, never a preparer). Each message is a ``Communication`` row, the outbox: a
worker delivers it after commit, at most once, counting every attempt on the row.
"""

import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
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
            from_email=message_templates.sender_address(communication.language),
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


def decision_text(*, case, review, port_of_entry="", present_at=None) -> tuple[str, str]:
    """The decision message's subject and body in the case's language."""
    language = case.language
    with translation.override(language):
        outcome = str(review.get_outcome_display())
    values = {
        "case_number": case.case_number,
        "outcome": outcome,
        "port_of_entry": port_of_entry,
        "present_at": message_templates.when_text(present_at, language) if present_at else "",
    }
    subject, body = message_templates.template_text(MessageKind.DECISION, language)
    body = message_templates.fill(body, values)
    if review.outcome in NEEDS_PRESENTATION:
        _subject, presentation = message_templates.template_text(
            MessageKind.PRESENTATION, language
        )
        body = f"{body}\n{message_templates.fill(presentation, values)}"
    return message_templates.fill(subject, values), body


@transaction.atomic
def communicate_decision(*, case, actor, port_of_entry="", present_at=None) -> list:
    """E-mail the decision in the case's language, keep its text, record the date communicated.

    With no e-mail address on the case the message is kept for printing and delivery by
    other means. The caller has checked that the actor may communicate decisions.
    """
    if case.status != Status.DECIDED:
        raise IllegalTransition(case, "communicate_decision", [Status.DECIDED])
    review = deciding_review(case)
    if review is None:
        raise InvalidCaseData(_("The case has no recorded outcome."))
    port_of_entry = (port_of_entry or "").strip()[:100]
    if review.outcome in NEEDS_PRESENTATION and not (port_of_entry and present_at):
        raise InvalidCaseData(
            _("This outcome needs the port of entry and the date and time to present oneself.")
        )
    subject, body = decision_text(
        case=case, review=review, port_of_entry=port_of_entry, present_at=present_at
    )
    # Without an e-mail address the decision is still kept, as printed, to hand over.
    recipients = message_recipients(case) or [(Recipient.ENROLLEE, "")]
    kept = [
        record_communication(
            case=case,
            kind=CommunicationKind.DECISION,
            recipient=recipient,
            to_address=address,
            subject=subject,
            body=body,
            actor=actor,
            port_of_entry=port_of_entry,
            present_at=present_at,
        )
        for recipient, address in recipients
    ]
    record_decision_communicated(case=case, actor=actor)
    send_after_commit(communication_ids=[c.pk for c in kept if c.to_address])
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
