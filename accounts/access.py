"""Who has done what they must before reaching staff pages: second factor, Rules of Behavior."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts import roles
from accounts.models import IdentityProviderDevice, RulesOfBehaviorAcknowledgement


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


def memberships(user) -> dict:
    """The user's groups, name by id, read once per user object (that is, once a request).

    Every role check on a staff page (the admin's app list, the queues, need-to-know) asks
    this, so a page reads the user's groups once however many checks it makes.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    if not hasattr(user, "_group_memberships"):
        user._group_memberships = dict(user.groups.values_list("pk", "name"))
    return user._group_memberships


def in_any_group(user, names) -> bool:
    return not set(memberships(user).values()).isdisjoint(names)


def is_administrator(user) -> bool:
    return user.is_active and (user.is_superuser or in_any_group(user, [roles.ADMIN]))
