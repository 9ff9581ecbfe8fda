"""What each message says on each channel, built without writing anything.

``content_for`` gives the exact subject and body of a message of one kind, on one channel, for
one case and its values: the e-mail and the letter carry the full text (from the templates
staff edit, in the case's language); a text message or WhatsApp carries only the content-free
notice that points to the status page. Recording (``cases.services.communications``) stores
what this returns; a preview can show it before anything is recorded.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cases import message_templates
from cases.components import DECIDING, NEEDS_PRESENTATION, deciding_review
from cases.models import TEXT_CHANNELS, Channel, CommunicationKind, MessageKind


@dataclass(frozen=True)
class MessageValues:
    """What a message says beyond the case itself; each kind reads the values it needs."""

    # Further-information request and reminder: what we need, by when, and (e-mail only) the
    # single-use answer link.
    message: str = ""
    due_at: datetime | None = None
    answer_link: str = ""
    # Decision: the outcome, and where the outcome needs it the port of entry, the time to
    # present oneself there and the time zone that time is told in (the port's).
    outcome: str = ""
    port_of_entry: str = ""
    present_at: datetime | None = None
    present_time_zone: str = ""


@dataclass(frozen=True)
class Content:
    subject: str
    body: str


def status_page_link(case) -> str:
    """The status page, in the case's language, on the public site."""
    with translation.override(case.language):
        path = reverse("intake:status")
    return f"{settings.PUBLIC_SITE_URL}{path}"


def outcome_label(outcome: str, language: str) -> str:
    with translation.override(language):
        for module in DECIDING:
            if outcome in module.outcomes.values:
                return module.outcome_label(outcome)
    return outcome


def text_notice(*, kind, case) -> str:
    """The whole of a text message: the case number and where to read the news. No name, no
    reason, no decision: the phone may be shared."""
    values = {"case_number": case.case_number, "link": status_page_link(case)}
    with translation.override(case.language):
        if kind == CommunicationKind.CONFIRMATION:
            text = _("MPP case %(case_number)s: we received your request. Follow it at %(link)s")
        else:
            text = _("MPP case %(case_number)s: there is news about your request. See %(link)s")
        return text % values


def _template_values(case, values: MessageValues, link: str) -> dict:
    language = case.language
    when = ""
    if values.present_at:
        when = message_templates.when_text(values.present_at, language, values.present_time_zone)
    return {
        "case_number": case.case_number,
        "status_link": status_page_link(case),
        "message": values.message,
        "link": link,
        "due_date": message_templates.day_text(values.due_at, language) if values.due_at else "",
        "outcome": outcome_label(values.outcome, language),
        "port_of_entry": values.port_of_entry,
        "present_at": when,
    }


TEMPLATE_OF_KIND = {
    CommunicationKind.CONFIRMATION: MessageKind.CONFIRMATION,
    CommunicationKind.INFORMATION_REQUEST: MessageKind.INFORMATION_REQUEST,
    CommunicationKind.REMINDER: MessageKind.INFORMATION_REMINDER,
    CommunicationKind.DECISION: MessageKind.DECISION,
}


def full_text(*, kind, case, values: MessageValues, link: str = "") -> Content:
    """The subject and body of the e-mail or letter, in the case's language."""
    filled = _template_values(case, values, link or status_page_link(case))
    subject, body = message_templates.template_text(TEMPLATE_OF_KIND[kind], case.language)
    body = message_templates.fill(body, filled)
    if kind == CommunicationKind.DECISION and values.outcome in NEEDS_PRESENTATION:
        _subject, presentation = message_templates.template_text(
            MessageKind.PRESENTATION, case.language
        )
        body = f"{body}\n{message_templates.fill(presentation, filled)}"
    return Content(message_templates.fill(subject, filled)[:200], body)


def values_of(communication) -> MessageValues:
    """The values a kept message was written with, read back from its row and the case (the
    single-use link excepted: only its hash is kept)."""
    request = communication.information_request
    outcome = ""
    if communication.kind == CommunicationKind.DECISION:
        review = deciding_review(communication.case)
        outcome = review.outcome if review is not None else ""
    return MessageValues(
        message=request.message if request else "",
        due_at=request.due_at if request else None,
        outcome=outcome,
        port_of_entry=communication.port_of_entry,
        present_at=communication.present_at,
        present_time_zone=communication.present_time_zone,
    )


def content_for(*, kind, channel, case, values: MessageValues | None = None) -> Content:
    """Exactly what a message of this kind says on this channel."""
    values = values or MessageValues()
    if channel in TEXT_CHANNELS:
        return Content("", text_notice(kind=kind, case=case))
    # A printed letter cannot carry a single-use link: it points to the status page.
    link = values.answer_link if channel == Channel.EMAIL else ""
    return full_text(kind=kind, case=case, values=values, link=link)
