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
        record_event(action=Action.PASSWORD_CHANGED, actor=user, request=request)

    def get_help_text(self):
        return ""
