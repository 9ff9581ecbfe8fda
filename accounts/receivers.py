"""Sign-in events, received from the libraries that raise them (auth, two_factor, axes)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone
from two_factor.signals import user_verified

from accounts.throttle import note_failed_sign_in
from audit.models import Action
from audit.services import record_event

SIGNED_IN_AT = "mpp_signed_in_at"


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = timezone.now().timestamp()
    record_event(action=Action.SIGN_IN, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def record_sign_in_failure(sender, credentials, request=None, **kwargs):
    # The username typed is kept (it may not exist); the password never reaches us.
    username = str(credentials.get("username", ""))[:150]
    note_failed_sign_in(request)
    record_event(action=Action.SIGN_IN_FAILED, request=request, detail={"username": username})


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action=Action.SIGN_OUT, actor=user, request=request)


@receiver(user_verified, dispatch_uid="audit_second_factor_ok")
def record_second_factor(sender, request, user, device, **kwargs):
    record_event(
        action=Action.SECOND_FACTOR_OK,
        actor=user,
        request=request,
        detail={"device": type(device).__name__},
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def record_lockout(sender, request, username, ip_address, **kwargs):
    record_event(
        action=Action.LOCKED_OUT, request=request, detail={"username": str(username)[:150]}
    )
