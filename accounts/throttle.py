"""Slowing guesses from one address without locking out the colleagues behind it.

Lockout (django-axes) counts failed passwords per account and per account + address, so one
person's mistakes behind a shared office address never lock another person out. Guessing many
accounts from one address is slowed here instead: after SIGN_IN_FAILURES_PER_ADDRESS failed
passwords in an hour from one address, that address may not try again until the hour is over.
Counters live in the cache (Redis in production, shared by every worker).
"""

import logging

from django.conf import settings
from django_ratelimit.core import get_usage, is_ratelimited

logger = logging.getLogger(__name__)
GROUP = "staff-sign-in-failures"


def _rate() -> str:
    return f"{settings.SIGN_IN_FAILURES_PER_ADDRESS}/h"


def note_failed_sign_in(request) -> None:
    if request is None:
        return
    try:
        is_ratelimited(request, group=GROUP, key="ip", rate=_rate(), increment=True)
    except Exception:  # the cache is down: lockout per account still holds
        logger.warning("sign-in failure counter unavailable")


def address_is_slowed(request) -> bool:
    """True once the address has SIGN_IN_FAILURES_PER_ADDRESS failures in the current hour."""
    try:
        usage = get_usage(request, group=GROUP, key="ip", rate=_rate(), increment=False)
    except Exception:
        return False
    return usage is not None and usage["count"] >= usage["limit"]
