"""The case page, read in a fixed number of queries whatever the number of documents, notes,
transitions and messages on the case."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles
from cases.components import COMPONENTS, holding_component
from cases.models import (
    CONCERN_FIELDS,
    CONDITION_FIELDS,
    Case,
    Channel,
    CommunicationKind,
    Component,
    Recipient,
    Status,
)
from cases.selectors import message_recipients
from routing import access
from staff import case_rows
from staff.selectors import possible_duplicates_for_triage

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
RELATED = (
    "enrollee",
    "representative",
    "preparer",
    "assigned_to",
    "placement",
    "duplicate_of",
    *(module.case_accessor for module in COMPONENTS.values()),
)


@dataclass
class TimelineEntry:
    at: datetime
    what: str
    detail: str = ""


# The case page shows the latest transitions; older ones are a "show older" link away.
TIMELINE_PAGE = 50


@dataclass(frozen=True)
class TimelineCursor:
    """Where an older page of the timeline starts: below this transition, in (time, id)."""

    at: datetime
    transition_id: int

    def __str__(self):
        # Microseconds since the epoch and the id: exact, and plain in a link.
        micros = (self.at - EPOCH) // timedelta(microseconds=1)
        return f"{micros}.{self.transition_id}"

    @classmethod
    def parse(cls, text) -> "TimelineCursor | None":
        """The cursor a link carried; None for anything else (the newest page is shown)."""
        micros, _dot, transition_id = str(text or "").partition(".")
        if not (micros.isdigit() and transition_id.isdigit()) or len(micros) > 18:
            return None
        return cls(EPOCH + timedelta(microseconds=int(micros)), int(transition_id))


@dataclass
class CaseFilePage:
    case: Case
    concerns: list
    conditions: list
    documents: list
    notes: list
    modules: list
    timeline: list
    duplicates: list
    own_component: str | None
    editable: bool
    representative: object = None
    actions: set = field(default_factory=set)
    outcome_choices: list = field(default_factory=list)
    crcl_findings: list = field(default_factory=list)
    closing_reason: str = ""
    communications: list = field(default_factory=list)
    information_requests: list = field(default_factory=list)
    preparer: object = None
    # How messages reach the requestor: (recipient, channel, address), one per channel.
    channels: list = field(default_factory=list)
    letters: list = field(default_factory=list)
    # The timeline's page: the cursor shown (None: the newest) and the next older one.
    timeline_before: TimelineCursor | None = None
    timeline_older: TimelineCursor | None = None

    @property
    def document_rows(self):
        return case_rows.document_rows(self.case, self.documents)

    @property
    def timeline_items(self):
        return case_rows.timeline_items(self.timeline)


def module_fields(module, review) -> list[tuple]:
    """The specification's fields of a component's module, as (label, value); None: not yet."""
    outcome = review.get_outcome_display() or None
    if module.component == Component.CBP:
        if outcome is None and review.referred_to_uscis_at:
            outcome = _("none of its own: referred to USCIS")
        return [
            (_("Outcome of CBP analysis"), outcome),
            (_("Referred to USCIS"), review.referred_to_uscis_at),
            (_("Date CBP decision communicated to requestor"), review.decision_communicated_on),
        ]
    if module.component == Component.USCIS:
        return [
            (_("Outcome of USCIS analysis"), outcome),
            (_("FIG (further information gathering) requested"), _yes_no(review.fig_requested)),
            (
                _("Date USCIS decision communicated to requestor or to CBP for further review"),
                review.decision_communicated_on,
            ),
        ]
    if module.component == Component.CRCL:
        return [
            (_("Outcome of CRCL audit"), outcome),
            (_("Reason for the finding"), review.finding_reason or None),
            (_("Finding recorded"), review.completed_at),
        ]
    return [
        (_("Outcome"), outcome),
        (_("Date decision communicated to requestor"), review.decision_communicated_on),
    ]


def _earlier_findings(user, case) -> list:
    """CRCL's findings before the current one, newest first, for whoever reads every module."""
    audit = _related(case, "crcl_audit")
    if audit is None or not access.sees_every_module(user):
        return []
    findings = audit.history.exclude(outcome="").select_related("history_user")
    return list(findings.order_by("-history_date", "-history_id"))[1:]


def _closing_reason(case) -> str:
    """Why a closed case was closed, as typed when it was."""
    if case.status != Status.CLOSED:
        return ""
    closing = case.transitions.filter(to_status=Status.CLOSED).order_by("-occurred_at", "-id")
    return closing.values_list("reason", flat=True).first() or ""


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


def _related(case, name):
    try:
        return getattr(case, name)
    except ObjectDoesNotExist:
        return None


def own_component(user) -> str | None:
    held = access.roles_of(user)
    for component in COMPONENTS:
        if component in held:
            return component
    return None


def _older_than(cursor: TimelineCursor | None) -> Q:
    if cursor is None:
        return Q()
    return Q(occurred_at__lt=cursor.at) | Q(occurred_at=cursor.at, pk__lt=cursor.transition_id)


def _timeline(case, *, before: TimelineCursor | None = None) -> tuple[list, TimelineCursor | None]:
    """The latest TIMELINE_PAGE transitions older than ``before``, oldest first, with the
    routing placement, information requests and messages of the same stretch of time; and the
    cursor of the next older page (None on the oldest).

    One query for the transitions whatever the case holds: keyset on (occurred_at, id), so an
    old page costs what the newest does. Each entry appears on exactly one page.
    """
    steps = list(
        case.transitions.select_related("actor")
        .filter(_older_than(before))
        .order_by("-occurred_at", "-id")[: TIMELINE_PAGE + 1]
    )
    older = None
    if len(steps) > TIMELINE_PAGE:
        steps = steps[:TIMELINE_PAGE]
        older = TimelineCursor(steps[-1].occurred_at, steps[-1].pk)

    def in_stretch(at) -> bool:
        return (older is None or at >= older.at) and (before is None or at < before.at)

    entries = []
    placement = _related(case, "placement")
    if placement is not None and in_stretch(placement.placed_at):
        entries.append(TimelineEntry(placement.placed_at, _("Placed by routing"), placement.reason))
    for step in reversed(steps):
        who = step.actor.get_username() if step.actor else _("the system")
        entries.append(
            TimelineEntry(
                step.occurred_at,
                f"{Status(step.from_status).label} → {Status(step.to_status).label}",
                f"{who}: {step.reason}" if step.reason else str(who),
            )
        )
    for request in case._information_requests:
        asked = [(request.created_at, _("Further information requested"))]
        if request.answered_at:
            asked.append((request.answered_at, _("Further information received")))
        if request.expired_at:
            asked.append((request.expired_at, _("Information request expired")))
        entries.extend(TimelineEntry(at, what) for at, what in asked if in_stretch(at))
    for message in case._messages:
        entries.extend(entry for entry in _message_entries(message) if in_stretch(entry.at))
    return sorted(entries, key=lambda entry: entry.at), older


def _message_entries(message) -> list[TimelineEntry]:
    """A message on the timeline: its channel and delivery status (a corrected notice with its
    reason, and when it was superseded); a letter's printing and delivery, with who recorded
    each."""
    kind = message.get_kind_display()
    if message.supersedes_id:
        kind = _("%(kind)s, corrected notice") % {"kind": kind}
    what = _("%(kind)s to %(recipient)s by %(channel)s") % {
        "kind": kind,
        "recipient": message.get_recipient_display(),
        "channel": message.get_channel_display(),
    }
    detail = str(message.get_status_display())
    if message.attempts:
        detail += " · " + str(_("%(n)d attempt(s)") % {"n": message.attempts})
    if message.last_error and not message.sent_at:
        detail += f" · {message.last_error}"
    if message.amendment_reason:
        detail = f"{detail}; {message.amendment_reason}"
    entries = [TimelineEntry(message.created_at, what, detail)]
    if message.superseded_at:
        entries.append(
            TimelineEntry(
                message.superseded_at,
                _("Decision notice superseded: %(recipient)s")
                % {"recipient": message.get_recipient_display()},
            )
        )
    if message.printed_at:
        who = message.printed_by.get_username() if message.printed_by else ""
        entries.append(TimelineEntry(message.printed_at, _("Letter printed"), who))
    if message.delivered_at:
        who = message.delivered_by.get_username() if message.delivered_by else ""
        note = f"{who}: {message.delivery_note}" if message.delivery_note else who
        entries.append(TimelineEntry(message.delivered_at, _("Letter delivered"), note))
    return entries


def _channels(case) -> list[tuple]:
    return [
        (Recipient(person.recipient).label, Channel(address.channel).label, address.address)
        for person in message_recipients(case)
        for address in person.channels
    ]


def _actions(user, case, component, editable) -> set:
    """Which buttons the page offers; each service checks again when the form is posted."""
    found = set()
    holder = holding_component(case)
    if holder is not None and holder == component and editable:
        if case.status != Status.AWAITING_INFORMATION:
            found |= {"assign", "request_information"}
    if not editable:
        return found
    if component == roles.PROGRAM:
        if case.status == Status.TRIAGE:
            found |= {"route_to_cbp", "route_to_uscis", "not_disenrollment", "close_duplicate"}
        if case.status in (Status.TRIAGE, Status.PROGRAM_HANDLING):
            found |= {"close_withdrawn"}
        if case.status == Status.DECIDED:
            found |= {"communicate"}
        if case.status == Status.COMMUNICATED:
            found |= {"close_case", "amend_decision"}
        if case.status == Status.CLOSED:
            found |= {"reopen"}
    if component == roles.CBP and case.status == Status.CBP_REVIEW:
        found |= {"refer_to_uscis"}
    if component == roles.USCIS and case.status == Status.USCIS_REVIEW:
        found |= {"return_to_cbp"}
    if component in COMPONENTS and COMPONENTS[component].decides_in == case.status:
        found |= {"record_outcome"}
    if component == roles.CRCL and _related(case, "crcl_audit") is not None:
        found |= {"record_finding"}
    if "assign" in found and _assigned_last_by(user, case):
        found |= {"undo_assignment"}
    found |= {"note", "upload"}
    return found


def _assigned_last_by(user, case) -> bool:
    """Whether the last (re)assignment of the case was this user's own: it can be undone."""
    last = (
        case.history.filter(history_change_reason__in=["assigned", "unassigned"])
        .order_by("-history_date", "-history_id")
        .values_list("history_user_id", flat=True)
        .first()
    )
    return last == user.pk


def case_file_for(*, user, case_id, timeline_before=None) -> CaseFilePage:
    """Everything the case page shows the user; Http404 if the user may not see the case.

    ``timeline_before`` (a ``TimelineCursor``) shows an older page of the timeline.
    """
    component = own_component(user)
    # One read: the case, what the page shows with it, and whether the user edits its module.
    case = access.case_for_user(user, case_id, related=RELATED, editable_module=component)
    case._messages = list(case.communications.select_related("printed_by", "delivered_by"))
    case._information_requests = list(
        case.information_requests.select_related("answer_read_by")
    )
    timeline_messages = case._messages
    editable = component is not None and access.may_edit_module(user, case, component)
    modules = [
        (module.label, module_fields(module, review))
        for module, review in (
            (module, _related(case, module.case_accessor)) for module in COMPONENTS.values()
        )
        if review is not None
    ]
    timeline, timeline_older = _timeline(case, before=timeline_before)
    duplicates = []
    if case.status == Status.TRIAGE and component == roles.PROGRAM:
        duplicates = list(possible_duplicates_for_triage(user=user, case=case))
    return CaseFilePage(
        case=case,
        concerns=[
            Case._meta.get_field(name).verbose_name
            for name in (*CONCERN_FIELDS, "concern_something_else")
            if getattr(case, name)
        ],
        conditions=[
            Case._meta.get_field(name).verbose_name
            for name in CONDITION_FIELDS
            if getattr(case, name)
        ],
        documents=list(access.documents_visible_to(user, case)),
        notes=list(access.notes_visible_to(user, case).select_related("author")),
        modules=modules,
        timeline=timeline,
        duplicates=duplicates,
        own_component=component,
        editable=editable,
        representative=_related(case, "representative"),
        preparer=_related(case, "preparer"),
        channels=_channels(case),
        letters=[m for m in timeline_messages if m.channel == Channel.LETTER],
        actions=_actions(user, case, component, editable),
        outcome_choices=COMPONENTS[component].decision_choices if component else [],
        crcl_findings=_earlier_findings(user, case),
        closing_reason=_closing_reason(case),
        communications=[m for m in timeline_messages if m.kind == CommunicationKind.DECISION],
        information_requests=case._information_requests,
        timeline_before=timeline_before,
        timeline_older=timeline_older,
    )
