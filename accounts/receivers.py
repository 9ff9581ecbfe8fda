"""Sign-in events, received from the libraries that raise them (auth, two_factor, axes)."""

from axes.signals import user_locked_out
from django.contrib.auth.models import Group, User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from two_factor.signals import user_verified

from accounts.access import forget_every_users_facts
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


# Who holds which role or permission: any change empties every user's cached facts
# (accounts.access), whichever side of the relation it was made from.
def _roles_changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        forget_every_users_facts()


for _relation in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(_roles_changed, sender=_relation, dispatch_uid=f"facts_{_relation}")
post_save.connect(_roles_changed, sender=Group, dispatch_uid="facts_group_saved")
post_delete.connect(_roles_changed, sender=Group, dispatch_uid="facts_group_deleted")
post_delete.connect(_roles_changed, sender=User, dispatch_uid="facts_user_deleted")
