"""Writes of staff accounts: the Rules of Behavior, second-factor and lockout resets.

Administrators manage people and their roles; they never read a second-factor secret (a reset
removes the devices, the person enrols again at the next sign-in) and never reach beyond their
role: a superuser's account is changed only by a superuser. Every write is audited in its own
transaction.
"""

import getpass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import RulesOfBehaviorAcknowledgement
from audit.models import Action
from audit.services import client_address, record_event, record_events


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


def is_staff_for(*, is_superuser: bool, role_names) -> bool:
    """Whoever holds a role works on the staff site; nobody sets the flag by hand."""
    return is_superuser or not set(role_names).isdisjoint(roles.ROLES)


def may_administer(actor, user) -> bool:
    """An administrator manages anyone but a superuser; only a superuser manages those."""
    return user is None or not user.is_superuser or bool(actor and actor.is_superuser)


def command_line_origin() -> dict:
    """Who ran a command, as the operating system knows them (there is no signed-in user)."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = ""
    return {"via": "command line", "system_account": account[:150]}


def reset_second_factor(*, user, actor=None, request=None, detail=None) -> list[str]:
    """Remove every second-factor device of ``user``; they enrol a new one at the next sign-in.

    Nothing secret is read or recorded: the devices are deleted and their kinds listed.
    """
    from django_otp import devices_for_user

    if not may_administer(actor, user):
        raise PermissionDenied(_("Only a superuser may reset a superuser's second factor."))
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        kinds = sorted(type(device).__name__ for device in devices)
        record_event(
            action=Action.SECOND_FACTOR_RESET,
            actor=actor,
            request=request,
            detail={
                "user_id": user.pk,
                "username": user.get_username(),
                "devices": kinds,
                **(detail or {}),
            },
        )
    return kinds


def reset_lockout(*, attempts, actor=None, request=None, detail=None) -> int:
    """Unlock: delete the failed sign-in attempts (django-axes) and record whose they were."""
    with transaction.atomic():
        rows = list(attempts.values("username", "ip_address", "failures_since_start"))
        attempts.delete()
        record_events(
            [
                {
                    "action": Action.LOCKOUT_RESET,
                    "detail": {
                        "username": row["username"],
                        "address": row["ip_address"],
                        "failures": row["failures_since_start"],
                        **(detail or {}),
                    },
                }
                for row in rows
            ],
            actor=actor,
            request=request,
        )
    return len(rows)
