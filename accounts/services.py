"""Writes of staff accounts: acknowledging the Rules of Behavior."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import RulesOfBehaviorAcknowledgement
from audit.models import Action
from audit.services import client_address, record_event


def acknowledge_rules_of_behavior(*, user, request=None) -> RulesOfBehaviorAcknowledgement:
    with transaction.atomic():
        acknowledgement = RulesOfBehaviorAcknowledgement.objects.create(
            user=user,
            version=settings.RULES_OF_BEHAVIOR_VERSION,
            acknowledged_at=timezone.now(),
            address=client_address(request) if request is not None else None,
        )
        record_event(
            action=Action.RULES_ACKNOWLEDGED,
            actor=user,
            request=request,
            detail={"version": acknowledgement.version},
        )
    return acknowledgement
