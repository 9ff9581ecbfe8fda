"""Messages to the requestor: kept as sent in the transaction that causes them, delivered after.

Who receives a message, and on which channels, is ``cases.selectors.message_recipients`` (the
enrollee and a representative, never a preparer). What it says on each channel is
``cases.message_content``. Each recipient and channel gets a ``Communication`` row, the outbox:
a worker delivers it after commit, at most once, counting every attempt on the row and keeping
what the provider answered (``DeliveryAttempt``). Someone with no digital channel, or whose
every channel failed, gets a letter to print (``cases.services.letters``).
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases.channels import Outgoing, ProviderAnswer, backend_for
from cases.components import NEEDS_PRESENTATION, deciding_review
from cases.errors import IllegalTransition, InvalidCaseData
from cases.message_content import MessageValues, content_for, full_text
from cases.models import (
    DIGITAL_CHANNELS,
    AttemptOutcome,
    Communication,
    CommunicationKind,
    DeliveryAttempt,
    DeliveryStatus,
    Status,
)
from cases.selectors import message_recipients
from cases.services import dispatch, letters
from cases.services.lifecycle import record_decision_communicated
from cases.services.outbox import record_communication

# Seven attempts in all, counted on the row so a re-dispatched message keeps its count.
SEND_MAX_ATTEMPTS = 7


def record_message(
    *, case, kind, values: MessageValues | None = None, actor=None, information_request=None
) -> list[Communication]:
    """Keep a message for every recipient on every channel they gave, in the caller's
    transaction, and wake a worker for each once it commits. Nobody reachable: a letter, for
    the kinds that have one (``letters.LETTER_KINDS``)."""
    values = values or MessageValues()
    common = {
        "case": case,
        "kind": kind,
        "actor": actor,
        "information_request": information_request,
        "message_group": uuid.uuid4(),
        "port_of_entry": values.port_of_entry,
        "present_at": values.present_at,
        "present_time_zone": values.present_time_zone,
    }
    kept = []
    for person in message_recipients(case):
        for address in person.channels:
            content = content_for(kind=kind, channel=address.channel, case=case, values=values)
            kept.append(
                record_communication(
                    recipient=person.recipient,
                    channel=address.channel,
                    to_address=address.address,
                    subject=content.subject,
                    body=content.body,
                    **common,
                )
            )
    if not kept and kind in letters.LETTER_KINDS:
        kept.append(letters.record_letter(values=values, **common))
    send_after_commit(communication_ids=[c.pk for c in kept if c.channel in DIGITAL_CHANNELS])
    return kept


def send_after_commit(*, communication_ids) -> None:
    """After the surrounding transaction commits, ask a worker to send each message."""
    dispatch.after_commit(dispatch.SEND_COMMUNICATION, communication_ids)


def send_confirmation(*, case) -> list[Communication]:
    """The confirmation of receipt, to everyone reachable (a person who is not saw the
    confirmation page and follows the request on the status page)."""
    return record_message(case=case, kind=CommunicationKind.CONFIRMATION)


# Delivery ---------------------------------------------------------------------------------------


class DeliveryUnavailable(Exception):
    """The provider could not take the message now; the worker tries again later."""


@dataclass(frozen=True)
class Delivery:
    """What one attempt to deliver a message came to."""

    outcome: str  # "sent", "failed" (for good, or no attempts left), "retry", or "skipped"
    detail: str = ""
    error: Exception | None = None


def record_delivery_attempt(*, communication, answer: ProviderAnswer) -> Communication:
    """Keep the provider's answer and count the attempt on the locked row: accepted, it is
    sent; refused, or unavailable once too often, it failed (and, if that leaves nobody
    reached, a letter is prepared)."""
    now = timezone.now()
    DeliveryAttempt.objects.create(
        communication=communication,
        attempted_at=now,
        outcome=answer.outcome,
        provider_message_id=answer.provider_message_id,
        detail=answer.detail,
    )
    communication.attempts += 1
    if answer.accepted:
        communication.status = DeliveryStatus.SENT
        communication.sent_at = now
        communication.provider_message_id = answer.provider_message_id
    else:
        communication.last_error = answer.detail
        hopeless = answer.outcome == AttemptOutcome.REFUSED
        if hopeless or communication.attempts >= SEND_MAX_ATTEMPTS:
            communication.status = DeliveryStatus.FAILED
    communication.save(
        update_fields=["attempts", "status", "sent_at", "provider_message_id", "last_error"]
    )
    if communication.status == DeliveryStatus.FAILED:
        letters.letter_if_nobody_was_reached(failed=communication)
    return communication


def deliver_communication(*, communication_id) -> Delivery:
    """Send one queued message, at most once.

    The row stays locked while the provider takes the message, so a second copy of the
    delivery (the sweeper's, or a redelivery) skips it instead of sending twice.
    """
    with transaction.atomic():
        communication = (
            Communication.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("case")
            .filter(pk=communication_id)
            .first()
        )
        if communication is None:
            return Delivery("skipped", "missing or being sent")
        if communication.status != DeliveryStatus.QUEUED:
            return Delivery("skipped", f"already {communication.status}")
        answer = backend_for(communication.channel).send(
            Outgoing(
                channel=communication.channel,
                to_address=communication.to_address,
                subject=communication.subject,
                body=communication.body,
                language=communication.language,
                case_number=communication.case.case_number,
            )
        )
        record_delivery_attempt(communication=communication, answer=answer)
    if communication.status == DeliveryStatus.SENT:
        return Delivery("sent")
    if communication.status == DeliveryStatus.FAILED:
        return Delivery("failed", answer.detail)
    return Delivery("retry", answer.detail, error=DeliveryUnavailable(answer.detail))


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


def decision_values(*, review, port_of_entry="", present_at=None, present_time_zone=""):
    return MessageValues(
        outcome=review.outcome,
        port_of_entry=port_of_entry,
        present_at=present_at,
        present_time_zone=present_time_zone,
    )


def decision_text(*, case, review, port_of_entry="", present_at=None, present_time_zone=""):
    """The decision message's subject and body in the case's language (e-mail and letter)."""
    values = decision_values(
        review=review,
        port_of_entry=port_of_entry,
        present_at=present_at,
        present_time_zone=present_time_zone,
    )
    content = full_text(kind=CommunicationKind.DECISION, case=case, values=values)
    return content.subject, content.body


def _check_time_zone(name: str) -> str:
    if not name:
        return ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidCaseData(_("Choose the time zone of the port of entry.")) from None
    return name


@transaction.atomic
def communicate_decision(
    *, case, actor, port_of_entry="", present_at=None, present_time_zone=""
) -> list:
    """Send the decision on every channel of every recipient, in the case's language, keep its
    text, and record the date communicated. Nobody reachable: a letter to print and hand over.

    ``present_time_zone`` is the port of entry's: the time to present oneself is told in it.
    The caller has checked that the actor may communicate decisions.
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
    values = decision_values(
        review=review,
        port_of_entry=port_of_entry,
        present_at=present_at,
        present_time_zone=_check_time_zone(present_time_zone),
    )
    kept = record_message(case=case, kind=CommunicationKind.DECISION, values=values, actor=actor)
    record_decision_communicated(case=case, actor=actor)
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
