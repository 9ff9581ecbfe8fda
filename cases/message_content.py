"""What each message says on each channel, built without writing anything.

``content_for`` gives the exact subject and body of a message of one kind, on one channel, for
one case and its values: the e-mail and the letter carry the full text (from the templates
staff edit, in the case's language); a text message or WhatsApp carries only the content-free
notice that points to the status page. Recording (``cases.services.communications``) stores
what this returns; a decision preview shows it before anything is recorded.
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
class Presentation:
    """Where and when the person presents themselves, as the notice states it."""

    port_name: str
    port_address: str
    time_zone: str
    at: datetime  # aware

    @property
    def port_text(self) -> str:
        return f"{self.port_name} ({self.port_address})" if self.port_address else self.port_name

    def when_text(self, language) -> str:
        return message_templates.presentation_text(
            self.at, time_zone=self.time_zone, port_name=self.port_name, language=language
        )


@dataclass(frozen=True)
class MessageValues:
    """What a message says beyond the case itself; each kind reads the values it needs."""

    # Further-information request and reminder: what we need, by when, and (e-mail only) the
    # single-use answer link.
    message: str = ""
    due_at: datetime | None = None
    answer_link: str = ""
    # Decision: the outcome, where the outcome needs it the port and time to present oneself,
    # and for a corrected notice the date of the notice it corrects.
    outcome: str = ""
    presentation: Presentation | None = None
    corrects_notice_of: datetime | None = None


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
    presentation = values.presentation
    return {
        "case_number": case.case_number,
        "status_link": status_page_link(case),
        "message": values.message,
        "link": link,
        "due_date": message_templates.day_text(values.due_at, language) if values.due_at else "",
        "outcome": outcome_label(values.outcome, language),
        "port_of_entry": presentation.port_text if presentation else "",
        "present_at": presentation.when_text(language) if presentation else "",
    }


TEMPLATE_OF_KIND = {
    CommunicationKind.CONFIRMATION: MessageKind.CONFIRMATION,
    CommunicationKind.INFORMATION_REQUEST: MessageKind.INFORMATION_REQUEST,
    CommunicationKind.REMINDER: MessageKind.INFORMATION_REMINDER,
    CommunicationKind.DECISION: MessageKind.DECISION,
}


def _corrected(case, subject, body, earlier) -> tuple[str, str]:
    with translation.override(case.language):
        sent_on = message_templates.day_text(earlier, case.language)
        notice = _("This notice corrects the one we sent on %(date)s.") % {"date": sent_on}
        return _("Corrected: %(subject)s") % {"subject": subject}, f"{notice}\n\n{body}"


def full_text(*, kind, case, values: MessageValues, link: str = "") -> Content:
    """The subject and body of the e-mail or letter, in the case's language."""
    filled = _template_values(case, values, link or status_page_link(case))
    subject, body = message_templates.template_text(TEMPLATE_OF_KIND[kind], case.language)
    body = message_templates.fill(body, filled)
    subject = message_templates.fill(subject, filled)
    if kind == CommunicationKind.DECISION and values.outcome in NEEDS_PRESENTATION:
        _subject, presentation = message_templates.template_text(
            MessageKind.PRESENTATION, case.language
        )
        body = f"{body}\n{message_templates.fill(presentation, filled)}"
    if values.corrects_notice_of is not None:
        subject, body = _corrected(case, subject, body, values.corrects_notice_of)
    return Content(subject[:200], body)


def values_of(communication) -> MessageValues:
    """The values a kept message was written with, read back from its row and the case (the
    single-use link excepted: only its hash is kept)."""
    request = communication.information_request
    outcome = ""
    if communication.kind == CommunicationKind.DECISION:
        review = deciding_review(communication.case)
        outcome = review.outcome if review is not None else ""
    presentation = None
    if communication.present_at and communication.present_time_zone:
        presentation = Presentation(
            port_name=communication.port_of_entry,
            port_address=communication.port_address,
            time_zone=communication.present_time_zone,
            at=communication.present_at,
        )
    earlier = communication.supersedes
    return MessageValues(
        message=request.message if request else "",
        due_at=request.due_at if request else None,
        outcome=outcome,
        presentation=presentation,
        corrects_notice_of=earlier.created_at if earlier is not None else None,
    )


def content_for(*, kind, channel, case, values: MessageValues | None = None) -> Content:
    """Exactly what a message of this kind says on this channel."""
    values = values or MessageValues()
    if channel in TEXT_CHANNELS:
        return Content("", text_notice(kind=kind, case=case))
    # A printed letter cannot carry a single-use link: it points to the status page.
    link = values.answer_link if channel == Channel.EMAIL else ""
    return full_text(kind=kind, case=case, values=values, link=link)
