"""Writing the audit trail. Callers pass ids and request metadata, never personal data."""

from django.utils import timezone

from audit.models import AuditEvent


def _request_origin(request):
    if request is None:
        return None, ""
    address = request.META.get("REMOTE_ADDR") or None
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return address, user_agent


def record_event(
    *, action, actor=None, case_id=None, document_id=None, request=None, detail=None
) -> AuditEvent:
    """Append one event. Call inside the transaction of the change it records."""
    address, user_agent = _request_origin(request)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        action=action,
        actor_id=actor.pk if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        case_id=case_id,
        document_id=document_id,
        address=address,
        user_agent=user_agent,
        detail=detail or {},
    )
