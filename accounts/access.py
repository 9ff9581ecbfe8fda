"""Who has done what they must before reaching staff pages, and what a user holds.

Every staff request needs the same few facts: the user's groups and model permissions, and
whether they acknowledged the current Rules of Behavior. Reading them from the database on
every request cost more statements than most pages' own work (issue 19), so:

- groups and model permissions are kept in the shared cache (Redis, seen by every web node),
  under a generation that any change of who holds which role or permission replaces
  (``accounts.receivers``): the next request of every user reads them afresh. The user row
  itself is still read on every request, so a deactivated account or a changed password takes
  effect at once, and ``is_superuser`` is part of the key;
- the acknowledgement of the rules is kept in the session with its time: it is still
  compared with the current version and the yearly limit on every request, and a session
  without it (the next sign-in, for instance) reads the database.

Without a shared cache (the embedded mode's per-process memory) nothing is cached: a role
removed in one process must not stay granted in another.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

from accounts import roles
from accounts.models import IdentityProviderDevice, RulesOfBehaviorAcknowledgement

logger = logging.getLogger(__name__)

# The session's note of the acknowledgement: [version, acknowledged at (epoch seconds), user
# id]; a note of another user (a session signed in anew without signing out) is not theirs.
RULES_ACKNOWLEDGED = "mpp_rules_acknowledged"
# Bumped by accounts.receivers whenever a membership, a group or a permission changes.
GENERATION_KEY = "staff-facts:generation"
# A cached entry is read again at least this often even if nothing said it changed.
FACTS_SECONDS = 15 * 60


def must_acknowledge_rules(user, session=None) -> bool:
    """True on first sign-in, after the rules change, and once a year."""
    now = timezone.now()
    since = now - timedelta(days=settings.RULES_OF_BEHAVIOR_VALID_DAYS)
    version = settings.RULES_OF_BEHAVIOR_VERSION
    noted = session.get(RULES_ACKNOWLEDGED) if session is not None else None
    if (
        noted
        and len(noted) == 3
        and (noted[0], noted[2]) == (version, user.pk)
        and noted[1] >= since.timestamp()
    ):
        return False
    acknowledged_at = (
        RulesOfBehaviorAcknowledgement.objects.filter(
            user=user, version=version, acknowledged_at__gte=since
        )
        .order_by("-acknowledged_at")
        .values_list("acknowledged_at", flat=True)
        .first()
    )
    if acknowledged_at is None:
        return True
    if session is not None:
        session[RULES_ACKNOWLEDGED] = [version, acknowledged_at.timestamp(), user.pk]
    return False


def has_second_factor_device(user) -> bool:
    """A factor the person can use here; the identity provider's stand-in is not one."""
    from django_otp import devices_for_user

    return any(
        not isinstance(device, IdentityProviderDevice)
        for device in devices_for_user(user, confirmed=True)
    )


def shared_cache() -> bool:
    return not isinstance(cache, LocMemCache)


def cached(read):
    """``read()`` from the cache, or None when the cache is unreachable: a page then reads the
    database, as without a cache (Redis holds nothing that cannot be lost)."""
    try:
        return read()
    except Exception:  # the cache is down: the database answers
        logger.warning("staff facts cache unavailable")
        return None


def read_through(key: str, seconds: int, read):
    """The value kept under ``key`` in the shared cache, else ``read()``, kept there for
    ``seconds``. With no shared cache (the embedded mode's per-process one), or with it down,
    ``read()`` answers alone. Kept wrapped, so that None is a value like any other."""
    if shared_cache():
        found = cached(lambda: cache.get(key))
        if found is not None:
            return found["value"]
    value = read()
    if shared_cache():
        cached(lambda: cache.set(key, {"value": value}, seconds))
    return value


def forget_every_users_facts() -> None:
    """A membership, group or permission changed: every user's cached facts are stale.

    Now, and again when the change commits: a request that read the old rows between the two
    would otherwise keep them under the new generation. If the cache cannot be told, the change
    fails (an error, nothing saved) rather than leave a removed role usable from the cache.
    """
    from django.db import transaction

    cache.set(GENERATION_KEY, time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, time.time_ns(), None))


def forget_loaded_facts(user) -> None:
    """This request changed the user's roles: read them again on the next check."""
    for name in ("_group_memberships", "_user_perm_cache", "_group_perm_cache", "_perm_cache"):
        user.__dict__.pop(name, None)


def _facts_key(user) -> str:
    return f"staff-facts:{user.pk}:{int(user.is_superuser)}"


def _read_facts(user) -> dict:
    from django.contrib.auth.backends import ModelBackend

    backend = ModelBackend()
    return {
        "groups": dict(user.groups.values_list("pk", "name")),
        "user_permissions": sorted(backend.get_user_permissions(user)),
        "group_permissions": sorted(backend.get_group_permissions(user)),
    }


def _facts(user) -> dict:
    """Groups and model permissions, from the shared cache when its generation is current."""
    if not shared_cache():
        return _read_facts(user)
    key = _facts_key(user)
    found = cached(lambda: cache.get_many([key, GENERATION_KEY]))
    if found is None:
        return _read_facts(user)
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry["generation"] == generation:
        return entry["facts"]
    facts = _read_facts(user)
    if generation is not None:
        # Without a generation (a flushed cache) nothing is kept until a change sets one.
        cached(lambda: cache.set(key, {"generation": generation, "facts": facts}, FACTS_SECONDS))
    else:
        cached(lambda: cache.add(GENERATION_KEY, time.time_ns(), None))
    return facts


def load_staff_facts(user) -> None:
    """Read the user's groups and permissions once for this request (user object).

    Django's ModelBackend keeps permissions it read on the user object; filling the same
    attributes here lets every ``has_perm`` of the request (the admin's app list, need-to-know)
    answer without a query.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return
    if hasattr(user, "_group_memberships"):
        return
    facts = _facts(user)
    user._group_memberships = dict(facts["groups"])
    user._user_perm_cache = set(facts["user_permissions"])
    user._group_perm_cache = set(facts["group_permissions"])
    user._perm_cache = user._user_perm_cache | user._group_perm_cache


def memberships(user) -> dict:
    """The user's groups, name by id, read once per user object (that is, once a request).

    Every role check on a staff page (the admin's app list, the queues, need-to-know) asks
    this, so a page reads the user's groups once however many checks it makes.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    load_staff_facts(user)
    return user._group_memberships


def in_any_group(user, names) -> bool:
    return not set(memberships(user).values()).isdisjoint(names)


def is_administrator(user) -> bool:
    return user.is_active and (user.is_superuser or in_any_group(user, [roles.ADMIN]))
