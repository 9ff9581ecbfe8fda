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

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases.channels import Outgoing, ProviderAnswer, backend_for
from cases.components import NEEDS_PRESENTATION, deciding_review
from cases.errors import IllegalTransition, InvalidCaseData
from cases.message_content import MessageValues, Presentation, content_for, full_text
from cases.models import (
    DIGITAL_CHANNELS,
    AttemptOutcome,
    Channel,
    Communication,
    CommunicationKind,
    DeliveryAttempt,
    DeliveryStatus,
    Recipient,
    Status,
)
from cases.selectors import message_recipients
from cases.services import dispatch, letters
from cases.services.lifecycle import record_decision_communicated
from cases.services.outbox import record_communication

__all__ = ["Presentation", "record_communication"]  # the names other apps read from here

# Seven attempts in all, counted on the row so a re-dispatched message keeps its count.
SEND_MAX_ATTEMPTS = 7


@dataclass(frozen=True)
class PreparedMessage:
    """One message as it will be kept and sent, built before anything is recorded (a preview)."""

    recipient: str
    channel: str
    to_address: str  # empty: a letter to print
    subject: str
    body: str

    @property
    def is_letter(self) -> bool:
        return self.channel == Channel.LETTER

    @property
    def recipient_label(self) -> str:
        return str(Recipient(self.recipient).label)

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)


def prepare_messages(*, case, kind, values: MessageValues | None = None) -> list[PreparedMessage]:
    """Every message of this kind the case's requestors get, one per recipient and channel,
    exactly as it will be kept. Nobody reachable: a letter, for the kinds that have one."""
    values = values or MessageValues()
    found = []
    for person in message_recipients(case):
        for address in person.channels:
            content = content_for(kind=kind, channel=address.channel, case=case, values=values)
            found.append(
                PreparedMessage(
                    recipient=person.recipient,
                    channel=address.channel,
                    to_address=address.address,
                    subject=content.subject,
                    body=content.body,
                )
            )
    if not found and kind in letters.LETTER_KINDS:
        content = content_for(kind=kind, channel=Channel.LETTER, case=case, values=values)
        found.append(
            PreparedMessage(Recipient.ENROLLEE, Channel.LETTER, "", content.subject, content.body)
        )
    return found


def record_prepared(
    *,
    case,
    kind,
    messages: list[PreparedMessage],
    values: MessageValues | None = None,
    actor=None,
    information_request=None,
    supersedes=None,
    amendment_reason="",
) -> list[Communication]:
    """Keep prepared messages in the caller's transaction, as one message group, and wake a
    worker for each digital one once it commits."""
    values = values or MessageValues()
    presentation = values.presentation
    group = uuid.uuid4()
    kept = [
        record_communication(
            case=case,
            kind=kind,
            recipient=message.recipient,
            channel=message.channel,
            to_address=message.to_address,
            subject=message.subject,
            body=message.body,
            actor=actor,
            information_request=information_request,
            message_group=group,
            port_of_entry=presentation.port_name if presentation else "",
            port_address=presentation.port_address if presentation else "",
            present_at=presentation.at if presentation else None,
            present_time_zone=presentation.time_zone if presentation else "",
            supersedes=supersedes,
            amendment_reason=amendment_reason,
        )
        for message in messages
    ]
    send_after_commit(communication_ids=[c.pk for c in kept if c.channel in DIGITAL_CHANNELS])
    return kept


def record_message(
    *, case, kind, values: MessageValues | None = None, actor=None, information_request=None
) -> list[Communication]:
    """Keep a message for every recipient on every channel they gave (or a letter), in the
    caller's transaction; it is delivered after commit."""
    return record_prepared(
        case=case,
        kind=kind,
        messages=prepare_messages(case=case, kind=kind, values=values),
        values=values,
        actor=actor,
        information_request=information_request,
    )


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
    """The decision message's subject and body in the case's language (e-mail and letter)."""
    values = MessageValues(outcome=review.outcome, presentation=presentation)
    content = full_text(kind=CommunicationKind.DECISION, case=case, values=values)
    return content.subject, content.body


def _decision_values(case, presentation, amends) -> MessageValues:
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
    return MessageValues(
        outcome=review.outcome,
        presentation=presentation,
        corrects_notice_of=amends[0].created_at if amends else None,
    )


def decision_messages(
    *, case, presentation: Presentation | None = None, amends=None
) -> list[PreparedMessage]:
    """Every message the decision goes out as (each recipient's e-mail and texts, or a letter),
    exactly as it will be kept: for a preview, and for sending. Raises InvalidCaseData when the
    decision cannot go out as given."""
    values = _decision_values(case, presentation, amends)
    return prepare_messages(case=case, kind=CommunicationKind.DECISION, values=values)


def _record_decision(case, *, actor, presentation, amends=(), reason=""):
    values = _decision_values(case, presentation, amends)
    return record_prepared(
        case=case,
        kind=CommunicationKind.DECISION,
        messages=prepare_messages(case=case, kind=CommunicationKind.DECISION, values=values),
        values=values,
        actor=actor,
        # An amendment names the first notice it replaces (one per recipient and channel).
        supersedes=amends[0] if amends else None,
        amendment_reason=reason,
    )


@transaction.atomic
def communicate_decision(*, case, actor, presentation: Presentation | None = None) -> list:
    """Send the decision on every channel of every recipient, in the case's language, keep its
    text, and record the date communicated. Nobody reachable: a letter to print and hand over.
    The caller has checked that the actor may communicate decisions."""
    if case.status != Status.DECIDED:
        raise IllegalTransition(case, "communicate_decision", [Status.DECIDED])
    kept = _record_decision(case, actor=actor, presentation=presentation)
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
    kept = _record_decision(
        case, actor=actor, presentation=presentation, amends=earlier, reason=reason
    )
    Communication.objects.filter(pk__in=[c.pk for c in earlier]).update(
        superseded_at=timezone.now()
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
