"""Reading the audit trail."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import TruncHour

from audit.chain import HASHED_FIELDS
from audit.models import Action, AuditEvent
from audit.search_terms import Probe


def chain_rows(chunk_size=5000, *, after_id=None, until_id=None):
    """Events in id order, streamed (server-side cursor on PostgreSQL): every one, or those
    after a row already verified and up to a head read before."""
    events = AuditEvent.objects.order_by("id")
    if after_id is not None:
        events = events.filter(id__gt=after_id)
    if until_id is not None:
        events = events.filter(id__lte=until_id)
    return events.values("id", "row_hash", *HASHED_FIELDS).iterator(chunk_size=chunk_size)


def sequence_exists(sequence) -> bool:
    return AuditEvent.objects.filter(sequence=sequence).exists()


def chain_head() -> dict | None:
    """The newest row: its id, sequence and hash."""
    return AuditEvent.objects.order_by("-id").values("id", "sequence", "row_hash").first()


def row_at(sequence) -> dict | None:
    return AuditEvent.objects.filter(sequence=sequence).values("id", "sequence", "row_hash").first()


def highest_sequence() -> int:
    from django.db.models import Max

    return AuditEvent.objects.aggregate(highest=Max("sequence"))["highest"] or 0


def cases_opened_per_actor(*, since, until=None):
    """{actor_id: number of distinct cases viewed} between since and until."""
    events = AuditEvent.objects.filter(action="view_case", occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    rows = (
        events.exclude(actor_id=None)
        .values("actor_id")
        .annotate(cases=Count("case_id", distinct=True))
    )
    return {row["actor_id"]: row["cases"] for row in rows}


def usual_cases_opened_per_hour(*, actor_ids, since, until):
    """Each actor's average number of distinct cases viewed per hour in which they worked."""
    hourly = (
        AuditEvent.objects.filter(
            action="view_case",
            actor_id__in=actor_ids,
            occurred_at__gte=since,
            occurred_at__lt=until,
        )
        .annotate(hour=TruncHour("occurred_at"))
        .values("actor_id", "hour")
        .annotate(cases=Count("case_id", distinct=True))
    )
    totals = {}
    for row in hourly:
        hours, cases = totals.get(row["actor_id"], (0, 0))
        totals[row["actor_id"]] = (hours + 1, cases + row["cases"])
    # Averaged here: an aggregate over an aggregate needs a subquery SQLite handles poorly.
    return {actor: cases / hours for actor, (hours, cases) in totals.items()}


def audit_reviewer_addresses() -> list[str]:
    """The e-mail addresses of active staff whose role lets them review the audit log."""
    reviewing = Q(groups__permissions__codename="view_auditevent") & Q(
        groups__permissions__content_type__app_label="audit"
    )
    users = get_user_model().objects.filter(reviewing, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def searches_for(text, *, since=None, until=None):
    """The search events whose terms match ``text`` (see audit.search_terms), oldest first.

    Streams every search event of the period: an auditor's question, asked rarely.
    """
    probe = Probe(text)
    events = AuditEvent.objects.filter(action=Action.SEARCH).order_by("id")
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    rows = events.values("id", "occurred_at", "actor_username", "case_id", "detail")
    for row in rows.iterator(chunk_size=5000):
        if probe.matches(row["detail"] or {}):
            yield row
