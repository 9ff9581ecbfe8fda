"""How often one connection or one device may submit requests or try resume codes.

A shelter or legal-aid office sends many people's requests through one connection, often from
one shared phone, so the limits are counted per address *and* per device session, sized for a
busy clinic day rather than for one person. The counts live in the cache every worker shares
(Redis, ``CACHES``); when the cache cannot be reached, requests are let through: losing a
request is worse than a flood. A limit never loses anything: the form keeps every answer and
file, and the page says when to try again.
"""

import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage

from audit.services import client_address

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    group: str
    rate_setting: str  # the name of the setting holding "count/period", e.g. "30/h"

    @property
    def rate(self) -> str:
        return getattr(settings, self.rate_setting)


SUBMISSIONS_PER_ADDRESS = Limit("intake-submit-address", "INTAKE_SUBMISSIONS_PER_ADDRESS")
SUBMISSIONS_PER_DEVICE = Limit("intake-submit-device", "INTAKE_SUBMISSIONS_PER_DEVICE")
RESUME_TRIES_PER_ADDRESS = Limit("intake-resume-address", "INTAKE_RESUME_TRIES_PER_ADDRESS")
RESUME_TRIES_PER_DEVICE = Limit("intake-resume-device", "INTAKE_RESUME_TRIES_PER_DEVICE")

SUBMISSION_LIMITS = (SUBMISSIONS_PER_ADDRESS, SUBMISSIONS_PER_DEVICE)
RESUME_LIMITS = (RESUME_TRIES_PER_ADDRESS, RESUME_TRIES_PER_DEVICE)


def _address_key(group, request) -> str:
    address = client_address(request) or "unknown"
    try:
        network = ipaddress.ip_network(address)
    except ValueError:
        return address
    if network.version == 6:  # one household or phone holds a whole /64
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address


def _device_key(group, request) -> str:
    session = request.session
    if session.session_key is None:
        session.save()
    return session.session_key


def _key(limit: Limit):
    return _device_key if limit.group.endswith("device") else _address_key


def _usage(request, limit: Limit, *, increment: bool):
    try:
        return get_usage(
            request, group=limit.group, key=_key(limit), rate=limit.rate, increment=increment
        )
    except Exception:  # the cache (Redis) is down
        logger.warning("rate limit %s unavailable; allowed", limit.group)
        return None


def seconds_until_allowed(request, limits) -> int:
    """0 when every limit allows one more; otherwise how long until they all do."""
    waits = []
    for limit in limits:
        usage = _usage(request, limit, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            waits.append(usage["time_left"])
    return max(waits, default=0)


def count(request, limits) -> None:
    """Count one more submission (or resume try) against each limit."""
    for limit in limits:
        _usage(request, limit, increment=True)
