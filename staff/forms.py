"""One small form per action of the case page: each reads and tidies what was posted.

The forms parse; the services decide. A value a service must judge (an outcome, whether a
reason is needed) is passed on as typed, so the refusal staff see is the service's own.
"""

from django import forms
from django.contrib.auth import get_user_model
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


class CommunicateForm(forms.Form):
    port_of_entry = forms.CharField(label=_("Port of entry"), max_length=100, required=False)
    present_at = forms.DateTimeField(
        label=_("Date and time to present oneself"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )


class InformationRequestForm(forms.Form):
    message = forms.CharField(label=_("What we need"), required=False)
