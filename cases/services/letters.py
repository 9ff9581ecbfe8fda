"""Letters: how a decision or an information request reaches someone with no digital channel.

A letter is a ``Communication`` on the letter channel. It is kept when nobody on the case can be
reached any other way, or once every digital copy of a message has failed. Program personnel
print it from the letters-to-print queue and hand it over; the case shows it delivered only
when they record it. Printing and delivery are audited. Who may do either is checked by the
caller (``routing.casework``).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases.errors import InvalidCaseData
from cases.message_content import MessageValues, content_for, values_of
from cases.models import (
    Case,
    Channel,
    Communication,
    CommunicationKind,
    DeliveryStatus,
    Recipient,
)
from cases.services.outbox import record_communication

# A confirmation was already on the screen; a reminder repeats the request's letter.
LETTER_KINDS = (CommunicationKind.DECISION, CommunicationKind.INFORMATION_REQUEST)
WAITING = (DeliveryStatus.TO_PRINT, DeliveryStatus.PRINTED)


def record_letter(*, case, kind, values: MessageValues, message_group, **fields):
    """A letter to the enrollee, waiting to be printed."""
    content = content_for(kind=kind, channel=Channel.LETTER, case=case, values=values)
    return record_communication(
        case=case,
        kind=kind,
        recipient=Recipient.ENROLLEE,
        channel=Channel.LETTER,
        to_address="",
        subject=content.subject,
        body=content.body,
        message_group=message_group,
        **fields,
    )


def letter_if_nobody_was_reached(*, failed) -> Communication | None:
    """Once every copy of a message has failed, the same message as a letter to print."""
    if failed.kind not in LETTER_KINDS or failed.superseded_at is not None:
        return None
    # Two copies failing at once in two workers would each see the other still queued: the
    # case's lock makes the second wait, then see the first one's failure.
    Case.objects.select_for_update().filter(pk=failed.case_id).exists()
    others = Communication.objects.filter(message_group=failed.message_group).exclude(
        pk=failed.pk
    )
    if others.exclude(status=DeliveryStatus.FAILED).exists():
        return None
    return record_letter(
        case=failed.case,
        kind=failed.kind,
        values=values_of(failed),
        message_group=failed.message_group,
        actor=None,
        information_request=failed.information_request,
        port_of_entry=failed.port_of_entry,
        port_address=failed.port_address,
        present_at=failed.present_at,
        present_time_zone=failed.present_time_zone,
        supersedes=failed.supersedes,
        amendment_reason=failed.amendment_reason,
    )


def _locked_letter(case, communication_id) -> Communication:
    letter = (
        Communication.objects.select_for_update()
        .filter(pk=communication_id, case=case, channel=Channel.LETTER)
        .first()
    )
    if letter is None:
        raise InvalidCaseData(_("There is no such letter on this case."))
    return letter


@transaction.atomic
def record_letter_printed(*, case, communication_id, actor, request=None) -> Communication:
    """Who printed the letter and when (the last print; every print is in the audit trail)."""
    letter = _locked_letter(case, communication_id)
    if letter.status == DeliveryStatus.DELIVERED:
        raise InvalidCaseData(_("This letter was already delivered."))
    letter.status = DeliveryStatus.PRINTED
    letter.printed_at = timezone.now()
    letter.printed_by = actor
    letter.save(update_fields=["status", "printed_at", "printed_by"])
    record_event(
        action=Action.PRINT,
        actor=actor,
        case_id=case.pk,
        request=request,
        detail={"communication": letter.pk, "letter": "printed"},
    )
    return letter


@transaction.atomic
def record_letter_delivered(*, case, communication_id, actor, note="", request=None):
    """Staff handed the printed letter over (or posted it): only now is it delivered."""
    letter = _locked_letter(case, communication_id)
    if letter.status != DeliveryStatus.PRINTED:
        raise InvalidCaseData(_("Print the letter before recording its delivery."))
    letter.status = DeliveryStatus.DELIVERED
    letter.delivered_at = timezone.now()
    letter.delivered_by = actor
    letter.delivery_note = (note or "").strip()[:200]
    letter.save(update_fields=["status", "delivered_at", "delivered_by", "delivery_note"])
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        request=request,
        detail={"communication": letter.pk, "letter": "delivered"},
    )
    return letter
