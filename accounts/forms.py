from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class WarnedAuthenticationForm(AuthenticationForm):
    """Username and password, accepted only together with the system-use warning."""

    accept_warning = forms.BooleanField(
        required=True,
        label=_("I have read the warning above and consent to monitoring."),
    )

    def clean(self):
        if not self.cleaned_data.get("accept_warning"):
            # No password check at all until the warning is accepted.
            return self.cleaned_data
        return super().clean()


class RulesOfBehaviorForm(forms.Form):
    accept_rules = forms.BooleanField(
        required=True,
        label=_("I have read and will follow the Rules of Behavior."),
    )
