"""What the status page tells a requestor, in plain words: the stage, what is needed and by
when, and once decided the decision notice with where and when to present oneself."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases import message_content
from cases.components import NEEDS_PRESENTATION
from cases.models import ClosureReason, CommunicationKind, Status
from cases.selectors import latest_decision_message, open_information_request

STAGES = {
    "received": (
        _("Received"),
        _(
            "We received the request. DHS program staff will read it and send it to the office "
            "that can review it."
        ),
    ),
    "review": (
        _("Under review"),
        _(
            "The office that can decide is reviewing the request. When there is news it will be "
            "on this page, and we also write to every contact you gave us."
        ),
    ),
    "information": (
        _("More information needed"),
        _("To decide, DHS needs more information. Answer below before the date given."),
    ),
    "information_late": (
        _("The time to answer has passed"),
        _(
            "The date to answer this request has passed. If you still want to send "
            "information, contact DHS and give your case number."
        ),
    ),
    "decided": (_("Decided"), _("DHS has decided the request. This is the decision notice.")),
    "closed": (_("Closed"), _("This request is closed.")),
}
STAGE_OF_STATUS = {
    Status.SUBMITTED: "received",
    Status.TRIAGE: "received",
    Status.CBP_REVIEW: "review",
    Status.USCIS_REVIEW: "review",
    Status.PROGRAM_HANDLING: "review",
    # Decided but not yet communicated: the notice (port, time) is still being prepared.
    Status.DECIDED: "review",
    Status.AWAITING_INFORMATION: "information",
    Status.COMMUNICATED: "decided",
}


@dataclass
class StatusSummary:
    case: object
    stage: str
    title: Promise
    explanation: Promise
    request: object = None  # the information request to answer (or just past its due date)
    decision: object = None  # message_content.Content of the decision notice
    port_of_entry: str = ""
    present_when: str = ""
    needs_presentation: bool = False


def _stage(case) -> str:
    if case.status == Status.CLOSED:
        return "decided" if case.closure_reason == ClosureReason.COMPLETED else "closed"
    return STAGE_OF_STATUS[case.status]


def status_of(case) -> StatusSummary:
    stage = _stage(case)
    summary = StatusSummary(case=case, stage=stage, title="", explanation="")
    if stage == "information":
        summary.request = open_information_request(case)
        if summary.request is None or not summary.request.is_answerable():
            stage = "information_late"
    if stage == "decided":
        message = latest_decision_message(case)
        if message is not None:
            values = message_content.values_of(message)
            summary.decision = message_content.full_text(
                kind=CommunicationKind.DECISION, case=case, values=values
            )
            summary.needs_presentation = values.outcome in NEEDS_PRESENTATION
            if values.presentation is not None:
                summary.port_of_entry = values.presentation.port_text
                summary.present_when = values.presentation.when_text(case.language)
    summary.stage = stage
    summary.title, summary.explanation = STAGES[stage]
    return summary
