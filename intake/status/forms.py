"""The status page's look-up form: the case number and the enrollee's date of birth."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.case_numbers import parse_case_number
from intake.birth_date import BirthDateMixin, birth_date_fields
from intake.step_form import StepForm


class LookupForm(BirthDateMixin, StepForm):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        error_messages={"required": _("Enter the case number.")},
    )
    # In the order the page's language writes dates, with errors that say what to type.
    birth_month, birth_day, birth_year = birth_date_fields()

    hints = {"case_number": _("For example MPP-7K4QM-9M3XZ. Dashes and capitals are optional.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields["case_number"].widget
        number.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})
        number.attrs["spellcheck"] = "false"
        self.setup_birth_fields()

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
