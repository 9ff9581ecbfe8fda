"""Communicating the decision to the enrollee and representative, and printing it."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases import services as case_services
from cases.models import (
    CBPOutcome,
    CBPReview,
    Communication,
    CommunicationKind,
    ProgramReview,
    Recipient,
    Status,
    USCISOutcome,
    USCISReview,
)
from cases.selectors import message_recipients
from routing import roles
from routing.models import MessageKind
from routing.staff import messages
from routing.staff.services import _require_module

# Outcomes after which the person must present themselves at a port of entry.
NEEDS_PRESENTATION = {
    CBPOutcome.DISENROLL,
    CBPOutcome.NONREFOULEMENT_INTERVIEW,
    USCISOutcome.FEAR_ESTABLISHED,
}


def deciding_review(case):
    for model in (CBPReview, USCISReview, ProgramReview):
        review = model.objects.filter(case=case, decided_at=case.decided_at).first()
        if review is not None and review.outcome:
            return review
    return None


def decision_text(*, case, review, port_of_entry="", present_at=None) -> tuple[str, str]:
    language = case.language
    with translation.override(language):
        outcome = str(review.get_outcome_display())
    values = {
        "case_number": case.case_number,
        "outcome": outcome,
        "port_of_entry": port_of_entry,
        "present_at": messages.when_text(present_at, language) if present_at else "",
    }
    subject, body = messages.template_text(MessageKind.DECISION, language)
    body = messages.fill(body, values)
    if review.outcome in NEEDS_PRESENTATION:
        _subject, presentation = messages.template_text(MessageKind.PRESENTATION, language)
        body = f"{body}\n{messages.fill(presentation, values)}"
    return messages.fill(subject, values), body


@transaction.atomic
def communicate_decision(*, case, actor, port_of_entry="", present_at=None) -> list:
    """E-mail the decision in the case's language, keep its text, record the date communicated.

    With no e-mail address on the case the message is kept for printing and delivery by
    other means.
    """
    case = _require_module(actor, case, roles.PROGRAM)
    if case.status != Status.DECIDED:
        raise case_services.IllegalTransition(case, "communicate_decision", [Status.DECIDED])
    review = deciding_review(case)
    if review is None:
        raise case_services.InvalidCaseData(_("The case has no recorded outcome."))
    port_of_entry = (port_of_entry or "").strip()[:100]
    if review.outcome in NEEDS_PRESENTATION and not (port_of_entry and present_at):
        raise case_services.InvalidCaseData(
            _("This outcome needs the port of entry and the date and time to present oneself.")
        )
    subject, body = decision_text(
        case=case, review=review, port_of_entry=port_of_entry, present_at=present_at
    )
    # Without an e-mail address the decision is still kept, as printed, to hand over.
    recipients = message_recipients(case) or [(Recipient.ENROLLEE, "")]
    kept = [
        case_services.record_communication(
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
    case_services.record_decision_communicated(case=case, actor=actor)
    case_services.send_after_commit(communication_ids=[c.pk for c in kept if c.to_address])
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
