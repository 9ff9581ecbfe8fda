"""Writing the audit trail. Callers pass ids and request metadata, never personal data."""

import json
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from audit import chain
from audit.models import Action, AuditEvent

# Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
CHAIN_LOCK_KEY = 0x4D5050_A0D17


def client_address(request):
    """The client's address; behind our own proxies, the one the nearest of them saw."""
    from django.conf import settings

    proxies = getattr(settings, "AUDIT_TRUSTED_PROXY_COUNT", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    candidate = forwarded[-proxies] if proxies and len(forwarded) >= proxies else None
    for address in (candidate, request.META.get("REMOTE_ADDR")):
        if not address:
            continue
        try:
            return chain.canonical_address(address)
        except ValueError:
            continue
    return None


def _request_origin(request):
    if request is None:
        return None, ""
    address = client_address(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return address, user_agent


def _lock_chain_head():
    # Held until the surrounding transaction ends, so ids follow chain order. SQLite already
    # serialises writers (IMMEDIATE transactions), so it needs nothing more.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


# Events held by appended_together() until the end of its block, per thread or task.
_held_events: ContextVar[list | None] = ContextVar("held_audit_events", default=None)


def _event(*, action, actor, case_id, document_id, origin, detail) -> AuditEvent:
    """An event not yet chained: no sequence, hashes or time until it is appended."""
    address, user_agent = origin
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        action=str(action),
        actor_id=actor.pk if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        case_id=case_id,
        document_id=document_id,
        address=address,
        user_agent=user_agent,
        # Stored exactly as hashed: a JSON round trip first.
        detail=json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder)),
    )


def record_event(
    *, action, actor=None, case_id=None, document_id=None, request=None, detail=None
) -> AuditEvent:
    """Append one event. Call inside the transaction of the change it records.

    Inside ``appended_together()`` the event is held and appended with the block's others at
    its end (it has no id, sequence or hash until then).
    """
    event = _event(
        action=action,
        actor=actor,
        case_id=case_id,
        document_id=document_id,
        origin=_request_origin(request),
        detail=detail,
    )
    return _append_or_hold([event])[0]


def record_events(events, *, actor=None, request=None) -> list[AuditEvent]:
    """Append several events at once, chained exactly as one ``record_event`` call each would.

    ``events`` holds dicts with ``action`` and optionally ``case_id``, ``document_id`` and
    ``detail``; they share the actor, request and time. One lock, one read of the chain head
    and one INSERT whatever their number (a bulk job's grants, for instance). Call inside the
    transaction of the change they record. Inside ``appended_together()`` they are held.
    """
    origin = _request_origin(request)
    return _append_or_hold(
        [
            _event(
                action=values["action"],
                actor=actor,
                case_id=values.get("case_id"),
                document_id=values.get("document_id"),
                origin=origin,
                detail=values.get("detail"),
            )
            for values in events
        ]
    )


def _append_or_hold(events: list[AuditEvent]) -> list[AuditEvent]:
    held = _held_events.get()
    if held is not None:
        held.extend(events)
        return events
    return _append(events=events)


def _append(*, events: list[AuditEvent]) -> list[AuditEvent]:
    """Chain and insert events in order, under the chain lock (held until the transaction ends).

    No savepoint of its own: an append that fails fails the change it records.
    """
    if not events:
        return []
    with transaction.atomic(savepoint=False):
        _lock_chain_head()
        head = AuditEvent.objects.order_by("-id").values("sequence", "row_hash").first()
        sequence = head["sequence"] if head else 0
        previous = head["row_hash"] if head else chain.GENESIS
        occurred_at = timezone.now()
        for event in events:
            sequence += 1
            event.sequence = sequence
            event.prev_hash = previous
            event.occurred_at = occurred_at
            event.row_hash = previous = chain.row_hash(vars(event))
        # One INSERT: the database numbers the rows in the order given, so ids follow the
        # chain as the verifier walks it.
        return AuditEvent.objects.bulk_create(events)


@contextmanager
def appended_together():
    """Hold the events recorded in this block and append them together when it ends well.

    For a short, busy transaction that records several events (a public submission): the
    chain lock, which serialises every writer of the audit trail until its transaction
    commits, is then taken once, at the end, instead of at the first event, so concurrent
    submissions queue on it only for the appends and the commit. Use it inside the
    transaction (``with transaction.atomic(), appended_together(): ...``) and only around
    code that lets errors propagate: an event recorded in a savepoint that is rolled back
    while the block carries on would still be appended. Events carry the time they are
    appended. Nested blocks join the outermost one.
    """
    if _held_events.get() is not None:
        yield
        return
    held = []
    token = _held_events.set(held)
    try:
        yield
    finally:
        _held_events.reset(token)
    _append(events=held)


def searched_for(*, term, actor=None, request=None) -> list[dict]:
    """The search events whose terms match ``term`` (an auditor's "was X searched?").

    The lookup is itself a search of the audit log, recorded with ``term`` as a keyed hash.
    """
    from audit.search_terms import hashed
    from audit.selectors import searches_for

    found = list(searches_for(term))
    record_event(
        action=Action.SEARCH,
        actor=actor,
        request=request,
        detail={"audit_log": True, "search": {"searched_for": hashed(term)}, "hits": len(found)},
    )
    return found


def unusual_access(*, now=None):
    """Staff who opened far more cases in the last hour than the threshold and their usual.

    Flagged when the count reaches UNUSUAL_ACCESS_CASES_PER_HOUR and is also at least
    UNUSUAL_ACCESS_BASELINE_FACTOR times their usual hourly count over the past 30 days.
    """
    from datetime import timedelta

    from django.conf import settings

    from audit.selectors import cases_opened_per_actor, usual_cases_opened_per_hour

    now = now or timezone.now()
    hour_ago = now - timedelta(hours=1)
    recent = cases_opened_per_actor(since=hour_ago, until=now)
    busy = {a: n for a, n in recent.items() if n >= settings.UNUSUAL_ACCESS_CASES_PER_HOUR}
    usual = usual_cases_opened_per_hour(
        actor_ids=list(busy), since=now - timedelta(days=30), until=hour_ago
    )
    factor = settings.UNUSUAL_ACCESS_BASELINE_FACTOR
    return {
        actor: (count, usual.get(actor, 0.0))
        for actor, count in busy.items()
        if count >= factor * usual.get(actor, 0.0)
    }


def alert_unusual_access(*, now=None):
    """E-mail the audit log's reviewers (administrators) once an hour at most per person
    flagged; audit the alert."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.utils.translation import gettext as _

    from audit.selectors import audit_reviewer_addresses

    now = now or timezone.now()
    User = get_user_model()
    alerted = []
    for actor_id, (count, usual) in unusual_access(now=now).items():
        if AuditEvent.objects.filter(
            action=Action.UNUSUAL_ACCESS,
            detail__actor_id=actor_id,
            occurred_at__gte=now - timedelta(hours=1),
        ).exists():
            continue
        user = User.objects.filter(pk=actor_id).first()
        username = user.get_username() if user else str(actor_id)
        record_event(
            action=Action.UNUSUAL_ACCESS,
            detail={
                "actor_id": actor_id,
                "username": username,
                "cases": count,
                "usual": round(usual, 2),
            },
        )
        reviewers = audit_reviewer_addresses()
        recipients = sorted(set(reviewers) | {email for _name, email in settings.ADMINS})
        if recipients:
            send_mail(
                _("Unusual access by %(user)s") % {"user": username},
                _(
                    "%(user)s opened %(count)s cases in the hour to %(time)s; their usual is "
                    "%(usual).1f an hour. Review their activity in the audit log."
                )
                % {"user": username, "count": count, "usual": usual, "time": now},
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        alerted.append(actor_id)
    return alerted


# The tables the running application may only read and append to.
APPEND_ONLY_TABLES = (AuditEvent._meta.db_table,)


def grant_runtime_privileges(*, role: str) -> list[str]:
    """Give the role the web and worker processes connect as what they need, and no more.

    Run as the owner role that applied the migrations (PostgreSQL only). The runtime role may
    read and write the case tables but only read and append to the audit trail: it cannot
    update, delete or truncate an event, nor drop the append-only triggers, whatever session
    settings it chooses. Safe to run again after every migration.
    """
    if connection.vendor != "postgresql":
        raise ValueError("privileges are separated on PostgreSQL only")
    quote = connection.ops.quote_name
    grantee = quote(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {grantee}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {grantee}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {grantee}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements.append(f"REVOKE ALL ON {quote(table)} FROM {grantee}")
        statements.append(f"GRANT SELECT, INSERT ON {quote(table)} TO {grantee}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise ValueError(f"no such database role: {role}")
        for statement in statements:
            cursor.execute(statement)
    return statements
