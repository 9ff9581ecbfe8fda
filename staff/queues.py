"""The back office's queues, listed once.

Each queue is a list page of the staff site over a proxy of Case (``staff.models``, one per
entry here), and a count on the home page. What a queue holds for a user is ``holds``: a
condition on the cases the user may see at all (``routing.access``), given the statuses their
team works (``team``) and the time. The proxies, their admin pages, the home page counts and
the tests all read this list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts import roles
from cases.models import Channel, Communication, DeliveryStatus, Status

DEFAULT_ORDERING = ("received_at", "id")


def _overdue(now: datetime, statuses) -> Q:
    """Working age past the limit of the queue the case waits in (QUEUE_OVERDUE_DAYS_*), in
    the given statuses (the user's teams')."""
    condition = Q(pk__in=[])
    for status, days in settings.QUEUE_OVERDUE_DAYS.items():
        if status in statuses:
            limit = now - timedelta(days=days)
            # Pauses only move the start later, so received_at < limit holds too: a range the
            # (status, received_at, id) index walks in the queue's order, stopping at a page.
            condition |= Q(status=status, received_at__lt=limit, working_since__lt=limit)
    return condition


def _letters_waiting() -> Q:
    """A letter to print, or printed and not yet recorded as delivered."""
    return Q(
        Exists(
            Communication.objects.filter(
                case=OuterRef("pk"),
                channel=Channel.LETTER,
                status__in=[DeliveryStatus.TO_PRINT, DeliveryStatus.PRINTED],
                # A letter of a notice since corrected is not handed over.
                superseded_at__isnull=True,
            )
        )
    )


@dataclass(frozen=True)
class Queue:
    name: str
    model_name: str  # the proxy in staff.models
    title: Promise  # in the staff site's list of pages, numbered to keep their order
    heading: Promise  # the queue page's own heading
    item: Promise  # one case of the queue
    empty: Promise  # what the page says when the queue holds no case
    holds: Callable[..., Q]  # (user, team, now) -> the condition on visible cases
    # On the home page, with a count; None: not counted ("all cases" is not a queue of work).
    counted_as: Promise | None = None
    ordering: tuple = DEFAULT_ORDERING
    # The roles that open the queue; None: every back-office role.
    opened_by: tuple | None = None

    def opens_for(self, held_roles) -> bool:
        return self.opened_by is None or not set(self.opened_by).isdisjoint(held_roles)


QUEUES = (
    Queue(
        name="mine",
        model_name="MyCase",
        title=_("1. My cases"),
        heading=_("My cases"),
        empty=_("No case is assigned to you."),
        item=_("my case"),
        counted_as=_("My cases"),
        holds=lambda user, team, now: Q(
            assigned_to=user, status__in=[*team, Status.AWAITING_INFORMATION]
        ),
    ),
    Queue(
        name="team_unassigned",
        model_name="TeamUnassignedCase",
        title=_("2. My team's unassigned cases"),
        heading=_("My team's unassigned cases"),
        empty=_("Every case of your team has an officer."),
        item=_("unassigned case of my team"),
        counted_as=_("My team's unassigned cases"),
        holds=lambda user, team, now: Q(assigned_to__isnull=True, status__in=team),
    ),
    Queue(
        name="awaiting_information",
        model_name="AwaitingInformationCase",
        title=_("3. Awaiting information from the requestor"),
        heading=_("Awaiting information from the requestor"),
        empty=_("No case of your team is waiting on a requestor."),
        item=_("case awaiting information"),
        counted_as=_("Awaiting information"),
        holds=lambda user, team, now: Q(
            status=Status.AWAITING_INFORMATION, resume_status__in=team or ["-"]
        ),
    ),
    Queue(
        name="decided",
        model_name="DecidedCase",
        title=_("4. Decided, waiting to be communicated"),
        heading=_("Decided, waiting to be communicated"),
        empty=_("Every decision has been communicated."),
        item=_("decided case to communicate"),
        counted_as=_("Decided, to communicate"),
        holds=lambda user, team, now: Q(status=Status.DECIDED),
    ),
    Queue(
        name="overdue",
        model_name="OverdueCase",
        title=_("5. Overdue"),
        heading=_("Overdue"),
        empty=_("No case of your team is overdue."),
        item=_("overdue case"),
        counted_as=_("Overdue"),
        holds=lambda user, team, now: _overdue(now, team),
    ),
    Queue(
        name="all",
        model_name="CaseFile",
        title=_("6. All cases I may see (search)"),
        heading=_("All cases you may see"),
        empty=_("No case matches."),
        item=_("case"),
        holds=lambda user, team, now: Q(),
    ),
    Queue(
        name="audit",
        model_name="AuditQueueCase",
        title=_("7. Sampled for CRCL audit"),
        heading=_("Sampled for CRCL audit, not yet audited"),
        empty=_("No sampled case is waiting for its audit."),
        item=_("case sampled for audit"),
        counted_as=_("Sampled for CRCL audit, not yet audited"),
        holds=lambda user, team, now: Q(crcl_audit__isnull=False, crcl_audit__outcome=""),
        # The partial index on open audits holds them in this order.
        ordering=("crcl_audit__sampled_at", "id"),
    ),
    Queue(
        name="letters",
        model_name="LetterToPrintCase",
        title=_("8. Letters to print"),
        heading=_("Letters to print"),
        empty=_("No letter waits to be printed or delivered."),
        item=_("case with a letter to print"),
        counted_as=_("Letters to print"),
        # Requestors with no digital channel, or whose every message failed: program
        # personnel print the letter and record its delivery.
        holds=lambda user, team, now: _letters_waiting(),
        opened_by=(roles.PROGRAM,),
    ),
)
BY_NAME = {queue.name: queue for queue in QUEUES}
