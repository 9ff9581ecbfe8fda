"""Writing the audit trail. Callers pass ids and request metadata, never personal data."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from audit import chain
from audit.models import Action, AuditEvent, RulesOfBehaviorAcknowledgement

# Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
CHAIN_LOCK_KEY = 0x4D5050_A0D17


def _request_origin(request):
    if request is None:
        return None, ""
    address = chain.canonical_address(request.META.get("REMOTE_ADDR") or None)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return address, user_agent


def _lock_chain_head():
    # Held until the surrounding transaction ends, so ids follow chain order. SQLite already
    # serialises writers (IMMEDIATE transactions), so it needs nothing more.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def record_event(
    *, action, actor=None, case_id=None, document_id=None, request=None, detail=None
) -> AuditEvent:
    """Append one event. Call inside the transaction of the change it records."""
    address, user_agent = _request_origin(request)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    # Stored exactly as hashed: a JSON round trip first.
    detail = json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder))
    with transaction.atomic():
        _lock_chain_head()
        head = AuditEvent.objects.order_by("-id").values("sequence", "row_hash").first()
        event = AuditEvent(
            sequence=(head["sequence"] + 1) if head else 1,
            prev_hash=head["row_hash"] if head else chain.GENESIS,
            occurred_at=timezone.now(),
            action=str(action),
            actor_id=actor.pk if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            case_id=case_id,
            document_id=document_id,
            address=address,
            user_agent=user_agent,
            detail=detail,
        )
        event.row_hash = chain.row_hash(vars(event))
        event.save(force_insert=True)
    return event


def acknowledge_rules_of_behavior(*, user, request=None) -> RulesOfBehaviorAcknowledgement:
    from django.conf import settings

    address, _user_agent = _request_origin(request)
    with transaction.atomic():
        acknowledgement = RulesOfBehaviorAcknowledgement.objects.create(
            user=user,
            version=settings.RULES_OF_BEHAVIOR_VERSION,
            acknowledged_at=timezone.now(),
            address=address,
        )
        record_event(
            action=Action.RULES_ACKNOWLEDGED,
            actor=user,
            request=request,
            detail={"version": acknowledgement.version},
        )
    return acknowledgement
