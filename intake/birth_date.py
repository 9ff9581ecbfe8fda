"""A date of birth as three fields, in the order each language writes dates (day, month, year
in Spanish, Haitian Creole and Portuguese), with errors that say what to type and mark the
whole date. Used by the enrollee step and the status page's look-up."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

DAY_ERROR = _("Enter the day of birth as a number from 1 to 31.")
MONTH_ERROR = _("Enter the month of birth as a number from 1 to 12, for example 4 for April.")
YEAR_ERROR = _("Enter the year of birth with four digits, for example 1986.")
DAY_FIRST_LANGUAGES = ("es", "ht", "pt-br")
PARTS = ("birth_day", "birth_month", "birth_year")


def _number_errors(message):
    return {key: message for key in ("required", "invalid", "min_value", "max_value")}


def birth_date_fields():
    """The month, day and year fields, to unpack in a form's body."""
    return (
        forms.IntegerField(
            label=_("Month"), min_value=1, max_value=12, error_messages=_number_errors(MONTH_ERROR)
        ),
        forms.IntegerField(
            label=_("Day"), min_value=1, max_value=31, error_messages=_number_errors(DAY_ERROR)
        ),
        forms.IntegerField(
            label=_("Year"),
            min_value=1900,
            max_value=2100,
            error_messages=_number_errors(YEAR_ERROR),
        ),
    )


class BirthDateMixin:
    """For a form with birth_month, birth_day and birth_year; the page shows one hint
    (id dob-hint) and one error message (id dob-error) for the date."""

    def setup_birth_fields(self):
        for name, length in (("birth_month", 2), ("birth_day", 2), ("birth_year", 4)):
            widget = self.fields[name].widget
            widget.input_type = "text"
            widget.attrs.update({"inputmode": "numeric", "maxlength": length})
            widget.attrs["class"] = f"usa-input usa-form-group--{name.split('_')[1]}"
            widget.attrs["aria-describedby"] = "dob-hint"

    @staticmethod
    def day_first() -> bool:
        return translation.get_language() in DAY_FIRST_LANGUAGES

    def birth_fields(self):
        """Day, month, year where the language writes dates so; month, day, year in English."""
        order = ("day", "month", "year") if self.day_first() else ("month", "day", "year")
        return [self[f"birth_{part}"] for part in order]

    def birth_errors(self):
        return [message for field in self.birth_fields() for message in field.errors]

    def full_clean(self):
        super().full_clean()
        errors = [name for name in PARTS if name in self.errors]
        if errors:  # each part of the date points to the group's messages
            for name in PARTS:
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = "dob-hint dob-error"
                if name in errors:
                    widget.attrs["aria-invalid"] = "true"
                    widget.attrs["class"] = widget.attrs["class"].replace(
                        "usa-input ", "usa-input usa-input--error ", 1
                    )
