"""Django calls every password validator's `password_changed` after a new password is saved:
the one hook that catches the admin form, the reset flow and the shell alike."""

from simple_history.models import HistoricalRecords

from audit.models import Action
from audit.services import record_event


class RecordPasswordChange:
    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        # The current request, when there is one (simple-history's middleware keeps it).
        request = getattr(HistoricalRecords.context, "request", None)
        signed_in = getattr(request, "user", None)
        if signed_in is not None and signed_in.is_authenticated and signed_in.pk != user.pk:
            # An administrator set someone else's password: the actor is the administrator.
            record_event(
                action=Action.PASSWORD_CHANGED,
                actor=signed_in,
                request=request,
                detail={"user_id": user.pk, "username": user.get_username()},
            )
            return
        record_event(action=Action.PASSWORD_CHANGED, actor=user, request=request)

    def get_help_text(self):
        return ""
