"""One small form per action of the case page: each reads and tidies what was posted.

The forms parse; the services decide. A value a service must judge (an outcome, whether a
reason is needed) is passed on as typed, so the refusal staff see is the service's own.
"""

from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REASON_MAX = 500


class ReasonForm(forms.Form):
    """A movement of the case: the reason, recorded with it."""

    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX, required=False)

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()


class AssignForm(forms.Form):
    """To me, to a colleague, or (neither) back to the queue."""

    to = forms.ChoiceField(choices=[("", ""), ("me", _("me"))], required=False)
    # Any user: whether they may hold the case is the service's to say.
    officer = forms.ModelChoiceField(queryset=get_user_model().objects.all(), required=False)


class DuplicateForm(ReasonForm):
    original = forms.CharField(label=_("Case number of the original"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("New analysis note"), required=False, strip=False)
    shared = forms.BooleanField(label=_("visible to the other component"), required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Add a file to the module"), required=False)
    shared = forms.BooleanField(label=_("visible to the other component"), required=False)


class OutcomeForm(ReasonForm):
    outcome = forms.CharField(label=_("Outcome"), required=False)


# The time zones of the ports of entry on the southern border, for the time to present
# oneself: staff type the port's wall-clock time, and the requestor reads it the same way.
PORT_TIME_ZONES = [
    ("", _("Not given (this office's time zone)")),
    ("America/Los_Angeles", _("Pacific: California ports (San Ysidro, Otay Mesa, Calexico)")),
    ("America/Phoenix", _("Arizona ports (Nogales, San Luis, Douglas)")),
    ("America/Denver", _("Mountain: New Mexico and El Paso, Texas")),
    ("America/Chicago", _("Central: Texas ports (Laredo, Eagle Pass, Hidalgo, Brownsville)")),
]


class CommunicateForm(forms.Form):
    port_of_entry = forms.CharField(label=_("Port of entry"), max_length=100, required=False)
    present_at = forms.DateTimeField(
        label=_("Date and time to present oneself"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    present_time_zone = forms.ChoiceField(
        label=_("Time zone of the port of entry"), choices=PORT_TIME_ZONES, required=False
    )

    def clean(self):
        cleaned = super().clean()
        moment, zone = cleaned.get("present_at"), cleaned.get("present_time_zone")
        if moment and zone:
            # Typed as the port's local time, not this office's.
            cleaned["present_at"] = timezone.make_aware(
                timezone.make_naive(moment), ZoneInfo(zone)
            )
        return cleaned


class LetterForm(forms.Form):
    """Which letter of the case was printed or delivered, and how it was handed over."""

    communication = forms.IntegerField(min_value=1)
    note = forms.CharField(label=_("How it was delivered"), max_length=200, required=False)


class InformationRequestForm(forms.Form):
    message = forms.CharField(label=_("What we need"), required=False)
