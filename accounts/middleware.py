"""Staff accountability on every request: session limits, second factor, Rules of Behavior.

An authenticated user who has not verified a second factor, or has not acknowledged the
current Rules of Behavior, reaches only the sign-in, set-up and acknowledgement pages.

The session is written when something in it changed, or to renew its expiry at most once
every SESSION_REFRESH_SECONDS (``SessionKeepAliveMiddleware``): a read-only page writes
nothing but its audit event. The server forgets a session SESSION_IDLE_SECONDS after its last
renewal, so a staff session idle for (SESSION_IDLE_SECONDS - SESSION_REFRESH_SECONDS) may
already be gone: the idle limit is never longer than configured.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.access import has_second_factor_device, load_staff_facts, must_acknowledge_rules
from accounts.receivers import SIGNED_IN_AT
from audit.models import Action
from audit.services import record_event

# URL namespaces and names reachable before the second factor.
OPEN_NAMESPACES = {"two_factor", "intake"}
# When the session's expiry was last renewed (epoch seconds).
RENEWED_AT = "mpp_session_renewed_at"
OPEN_NAMES = {"logout", "rules_of_behavior", "set_language", "javascript-catalog"}
RULES_OPEN_NAMES = {"logout", "rules_of_behavior", "set_language"}


class StaffAccountabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        if request.session.get("_session_expiry") != settings.SESSION_IDLE_SECONDS:
            request.session.set_expiry(settings.SESSION_IDLE_SECONDS)
        if self._session_too_old(request):
            record_event(action=Action.SESSION_EXPIRED, actor=user, request=request)
            logout(request)
            return redirect(settings.LOGIN_URL)
        match = request.resolver_match
        namespaces, name = set(match.namespaces), match.url_name
        if not user.is_verified():
            if namespaces & OPEN_NAMESPACES or name in OPEN_NAMES:
                return None
            if has_second_factor_device(user):
                return redirect(_with_next(settings.LOGIN_URL, request.path))
            return redirect("two_factor:setup")
        if name in RULES_OPEN_NAMES or "two_factor" in namespaces or "intake" in namespaces:
            return None
        load_staff_facts(user)
        if must_acknowledge_rules(user, request.session):
            return redirect(_with_next("rules_of_behavior", request.path))
        return None

    @staticmethod
    def _session_too_old(request):
        signed_in_at = request.session.get(SIGNED_IN_AT)
        if signed_in_at is None:
            request.session[SIGNED_IN_AT] = timezone.now().timestamp()
            return False
        age = timezone.now().timestamp() - signed_in_at
        return age > settings.SESSION_ABSOLUTE_SECONDS


class SessionKeepAliveMiddleware:
    """Renews a session in use (staff or public form) at most once every
    SESSION_REFRESH_SECONDS, instead of writing it on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = time.time()
        renewed_at = session.get(RENEWED_AT)
        if renewed_at is None or now - renewed_at >= settings.SESSION_REFRESH_SECONDS:
            session[RENEWED_AT] = now
        return response


def _with_next(name, path):
    return f"{reverse(name)}?{urlencode({'next': path})}"
