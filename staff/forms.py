"""One small form per action of the case page: each reads and tidies what was posted.

The forms parse; the services decide. A value a service must judge (an outcome, whether the
case may move) is passed on as typed, so the refusal staff see is the service's own.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from routing.models import PortOfEntry

REASON_MAX = 500


class ReasonForm(forms.Form):
    """A movement of the case: the reason, recorded with it."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()


class RequiredReasonForm(ReasonForm):
    """An irreversible step the record must explain."""

    def clean_reason(self):
        reason = super().clean_reason()
        if not reason:
            raise forms.ValidationError(_("Give the reason: it is kept with the case."))
        return reason


class AssignForm(forms.Form):
    """To me, to a colleague, or (neither) back to the queue."""

    to = forms.ChoiceField(choices=[("", ""), ("me", _("me"))], required=False)
    # Any user: whether they may hold the case is the service's to say.
    officer = forms.ModelChoiceField(queryset=get_user_model().objects.all(), required=False)


class DuplicateForm(RequiredReasonForm):
    original = forms.CharField(label=_("Case number of the original"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("New analysis note"), required=False, strip=False)
    shared = forms.BooleanField(label=_("visible to the other component"), required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Add a file to the module"), required=False)
    shared = forms.BooleanField(label=_("visible to the other component"), required=False)


class OutcomeForm(RequiredReasonForm):
    outcome = forms.CharField(label=_("Outcome"), required=False)


class CommunicateForm(forms.Form):
    """Where and when to present oneself, on the port's own clock (El Paso: Mountain time)."""

    port = forms.ModelChoiceField(
        label=_("Port of entry"),
        queryset=PortOfEntry.objects.filter(is_active=True),
        required=False,
        empty_label=_("- Choose the port -"),
    )
    present_date = forms.DateField(
        label=_("Date, at the port"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    present_time = forms.TimeField(
        label=_("Time, at the port"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self):
        cleaned = super().clean()
        port, day, time = (cleaned.get(n) for n in ("port", "present_date", "present_time"))
        cleaned["present_at"] = None
        given = [value is not None for value in (port, day, time)]
        if any(given) and not all(given):
            raise forms.ValidationError(
                _("Give the port, the date and the time together, or none of them.")
            )
        if all(given):
            cleaned["present_at"] = _on_the_port_clock(port, day, time)
        return cleaned


def _on_the_port_clock(port, day, time) -> datetime.datetime:
    """The moment the port's clock shows this date and time; a time the clocks skip (the spring
    change) is refused, and in the autumn's repeated hour the first is meant."""
    moment = datetime.datetime.combine(day, time, tzinfo=port.zone)
    back = moment.astimezone(datetime.UTC).astimezone(port.zone)
    if (back.date(), back.time()) != (day, time):
        raise forms.ValidationError(
            _("The clocks at %(port)s skip that time (daylight saving begins); choose another.")
            % {"port": port.name}
        )
    return moment


class AmendDecisionForm(CommunicateForm, RequiredReasonForm):
    field_order = ["port", "present_date", "present_time", "reason"]


class ReopenForm(RequiredReasonForm):
    pass


class AnswerReadForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)


class InformationRequestForm(forms.Form):
    message = forms.CharField(label=_("What we need"), required=False)


class LetterForm(forms.Form):
    """Which letter of the case was printed or delivered, and how it was handed over."""

    communication = forms.IntegerField(min_value=1)
    note = forms.CharField(label=_("How it was delivered"), max_length=200, required=False)
