"""The status page's look-up form: the case number and the enrollee's date of birth."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.case_numbers import parse_case_number
from intake.forms import StepForm


class LookupForm(StepForm):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        error_messages={"required": _("Enter the case number.")},
    )
    birth_month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    birth_day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31)
    birth_year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)

    hints = {"case_number": _("For example MPP-7K4QM-9M3XZ. Dashes and capitals are optional.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields["case_number"].widget
        number.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})
        number.attrs["spellcheck"] = "false"
        for name, length in (("birth_month", 2), ("birth_day", 2), ("birth_year", 4)):
            widget = self.fields[name].widget
            widget.input_type = "text"
            widget.attrs.update({"inputmode": "numeric", "maxlength": length})
            widget.attrs["class"] = f"usa-input usa-form-group--{name.split('_')[1]}"

    def birth_fields(self):
        return [self["birth_month"], self["birth_day"], self["birth_year"]]

    def clean_case_number(self):
        # Only the shape is judged here, which anyone can compute: whether such a case exists
        # is never told apart from a wrong birth date.
        parsed = parse_case_number(self.cleaned_data["case_number"])
        if not parsed.check_ok:
            raise forms.ValidationError(
                _(
                    "This is not a complete case number. Check each character: it looks like "
                    "MPP-7K4QM-9M3XZ."
                )
            )
        return parsed.canonical

    def clean(self):
        cleaned = super().clean()
        parts = [cleaned.get(name) for name in ("birth_year", "birth_month", "birth_day")]
        if None not in parts:
            try:
                cleaned["date_of_birth"] = datetime.date(*parts)
            except ValueError:
                self.add_error("birth_day", _("Enter a real date of birth."))
        return cleaned
