"""Who has done what they must before reaching staff pages: second factor, Rules of Behavior."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from audit.models import IdentityProviderDevice, RulesOfBehaviorAcknowledgement


def must_acknowledge_rules(user) -> bool:
    """True on first sign-in, after the rules change, and once a year."""
    since = timezone.now() - timedelta(days=settings.RULES_OF_BEHAVIOR_VALID_DAYS)
    return not RulesOfBehaviorAcknowledgement.objects.filter(
        user=user, version=settings.RULES_OF_BEHAVIOR_VERSION, acknowledged_at__gte=since
    ).exists()


def has_second_factor_device(user) -> bool:
    """A factor the person can use here; the identity provider's stand-in is not one."""
    from django_otp import devices_for_user

    return any(
        not isinstance(device, IdentityProviderDevice)
        for device in devices_for_user(user, confirmed=True)
    )
