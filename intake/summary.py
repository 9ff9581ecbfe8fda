"""The review page's view of every answer, in the person's language."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intake import forms

SECTION_TITLES = {
    "privacy": _("Language and privacy notice"),
    "submitter": _("Who is filling in this form"),
    "enrollee": _("The person enrolled in MPP"),
    "representative": _("About you, the representative"),
    "preparer": _("About you, the preparer"),
    "concern": _("Your situation and your concern"),
    "documents": _("Supporting documents"),
}
YES, NO, NOT_GIVEN = _("Yes"), _("No"), _("Not given")


def _value(form, name, value):
    field = form.fields[name]
    if isinstance(field, forms.forms.BooleanField):
        return YES if value else NO
    if value in (None, ""):
        return NOT_GIVEN
    if isinstance(field, forms.forms.ChoiceField):
        if name in ("citizenship", "country_of_birth"):
            return countries.name(value)
        return dict(field.choices).get(value, value)
    return value


THIRD_PERSON = ("enrollee", "concern")
# Asked again on the review page itself (the language of our messages), or not an answer.
NOT_SHOWN = ("birth_month", "birth_day", "birth_year", "g28", "files", "language")


def review_sections(
    *, form_classes: dict, answers: dict, uploads: dict, someone_else: bool = False
) -> list[dict]:
    sections = []
    for step, form_class in form_classes.items():
        if step == "review":
            continue
        data = answers.get(step) or {}
        form = form_class(someone_else=someone_else) if step in THIRD_PERSON else form_class()
        rows = []
        for name in form.fields:
            if name in NOT_SHOWN:
                continue
            rows.append((form.fields[name].label, _value(form, name, data.get(name))))
        if step == "enrollee" and data.get("date_of_birth"):
            rows.insert(1, (_("Date of birth"), date_format(data["date_of_birth"], "DATE_FORMAT")))
        if step in ("representative", "documents"):
            names = [item["display_name"] for item in uploads.get(step, [])] or [NOT_GIVEN]
            label = _("Form G-28") if step == "representative" else _("Files")
            rows.append((label, ", ".join(str(name) for name in names)))
        sections.append({"step": step, "title": SECTION_TITLES[step], "rows": rows})
    return sections
