"""The steps of the public form. Each collects only what the specification lists."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cases.errors import InvalidCaseData
from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, SubmitterType
from cases.normalise import normalise_a_number
from intake.contact import TEXTS_HINT, PhoneField, TextsConsentMixin, clean_phone  # noqa: F401
from intake.countries import country_choices
from intake.uploads import ACCEPT_ATTRIBUTE

NATIVE_LANGUAGE_NAMES = [
    ("en", "English"),
    ("es", "Español"),
    ("ht", "Kreyòl ayisyen"),
    ("pt-br", "Português (Brasil)"),
]
DESCRIPTION_MAX = 5000

CONDITION_LABELS = {
    "condition_physical_health": _(
        "I have a known physical health issue, such as a chronic illness."
    ),
    "condition_mental_health": _("I have a known mental health issue."),
    "condition_disability": _("I have a disability."),
    "condition_pregnancy": _("I have a condition related to pregnancy."),
    "condition_safety_need": _("I have a safety need."),
}
CONCERN_LABELS = {
    "concern_vulnerability_at_enrollment": _(
        "I should not have been placed in MPP because of a particular vulnerability."
    ),
    "concern_vulnerability_changed": _(
        "My circumstances have changed since I was first placed in MPP and I believe I should "
        "now be taken out of MPP due to a particular vulnerability."
    ),
    "concern_new_fear_no_interview": _(
        "I did not previously receive an interview about my fear of remaining in Mexico, but my "
        "circumstances have changed and I now have a fear of remaining in Mexico."
    ),
    "concern_fear_changed_since_interview": _(
        "I received an interview about my fear of remaining in Mexico, but my circumstances "
        "have changed significantly since that time."
    ),
    "concern_something_else": _("Something else: my request is not about leaving MPP."),
}
VULNERABILITY_HINT = _(
    "A particular vulnerability may be a known physical or mental health issue, including a "
    "disability or a medical condition related to pregnancy; advanced age; or a higher risk of "
    "harm in Mexico because of sexual orientation or gender identity."
)

USWDS_CLASSES = {
    "textinput": "usa-input",
    "emailinput": "usa-input",
    "telinput": "usa-input",
    "numberinput": "usa-input",
    "select": "usa-select",
    "countryselect": "usa-select",
    "textarea": "usa-textarea",
    "checkboxinput": "usa-checkbox__input",
    "radioselect": "usa-radio__input",
    "fileinput": "usa-file-input",
}


class StepForm(forms.Form):
    """Adds the USWDS classes and the aria links between a field, its hint and its error."""

    hints: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget_type = type(field.widget).__name__.lower()
            css = USWDS_CLASSES.get(widget_type, "")
            if css:
                field.widget.attrs.setdefault("class", css)
            if name in self.hints:
                field.help_text = self.hints[name]
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(
                part
                for part in (widget.attrs.get("aria-describedby"), f"{self[name].auto_id}-error")
                if part
            )
            base = widget.attrs.get("class", "").split(" ")[0]
            if base in ("usa-input", "usa-select", "usa-textarea"):
                widget.attrs["class"] += f" {base}--error"

    def error_links(self):
        """(anchor, message) for the error summary: each message links to its field."""
        links = [("main-content", message) for message in self.non_field_errors()]
        for bound in self:
            anchor = bound.auto_id
            if bound.widget_type == "radioselect":
                anchor = f"{anchor}_0"
            links.extend((anchor, f"{bound.label}: {message}") for message in bound.errors)
        return links


def language_choices():
    return NATIVE_LANGUAGE_NAMES


class PrivacyForm(StepForm):
    language = forms.ChoiceField(
        label=_("Language of the form and of our messages to you"),
        choices=language_choices,
        widget=forms.RadioSelect,
    )
    acknowledge = forms.BooleanField(
        label=_(
            "I have read the privacy notice and I agree that DHS may use my information as it "
            "describes."
        ),
        error_messages={"required": _("You must agree to the privacy notice to continue.")},
    )


class SubmitterForm(StepForm):
    submitter_type = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=[
            (SubmitterType.ENROLLEE, _("I am the person enrolled in MPP")),
            (SubmitterType.REPRESENTATIVE, _("I am an attorney or accredited representative")),
            (SubmitterType.PREPARER, _("I am helping the person enrolled in MPP (preparer)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is filling in this form.")},
    )


class CountrySelect(forms.Select):
    """Django's Select, same markup, drawn in Python rather than one template per option.

    Two lists of 250 countries through the template engine took about 40 ms, most of the
    enrollee step's page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = set(widget["value"])
        parts = [format_html('<select name="{}"', name), *_attributes(widget["attrs"]), ">"]
        has_selected = False

        def option(option_value, label):
            nonlocal has_selected
            option_value = "" if option_value is None else str(option_value)
            selected = not has_selected and option_value in chosen
            has_selected = has_selected or selected
            return (
                f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>'
                f"{escape(str(label))}</option>\n"
            )

        for key, value in self.choices:
            if isinstance(value, list | tuple):  # a group, as Django's optgroup markup
                parts.append(f'\n  <optgroup label="{escape(str(key))}">')
                parts.extend(option(code, label) for code, label in value)
                parts.append("\n  </optgroup>")
            else:
                parts.append(option(key, value))
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label escaped


def _attributes(attrs):
    # As django/forms/widgets/attrs.html writes them, in order.
    for name, value in attrs.items():
        if value is True:
            yield format_html(" {}", name)
        elif value is not False:
            yield format_html(' {}="{}"', name, str(value))


class EnrolleeForm(TextsConsentMixin, StepForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    birth_day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31)
    birth_year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    citizenship = forms.ChoiceField(
        label=_("Country of citizenship"),
        choices=country_choices,
        widget=CountrySelect,
    )
    current_location = forms.CharField(label=_("Where is the person now?"), max_length=300)
    a_number = forms.CharField(label=_("A-number (optional)"), max_length=20, required=False)
    country_of_birth = forms.ChoiceField(
        label=_("Country of birth (optional)"),
        choices=country_choices,
        required=False,
        widget=CountrySelect,
    )
    phone = PhoneField(label=_("Phone (optional)"))
    texts = forms.BooleanField(label=_("Send text messages to this phone"), required=False)
    whatsapp = forms.BooleanField(label=_("Send WhatsApp messages to this phone"), required=False)
    email = forms.EmailField(label=_("Email (optional)"), required=False)

    consent_fields = ("texts", "whatsapp")
    hints = {
        "full_name": _("Write the name as it appears on your MPP documents."),
        "current_location": _("City and state in Mexico, for example Ciudad Juárez, Chihuahua."),
        "a_number": _("8 or 9 digits, on your MPP documents, for example A-012 345 678."),
        "phone": _(
            "A Mexican or US number, or any number with its country code. It may be a phone "
            "you share with others."
        ),
        "texts": TEXTS_HINT,
        "whatsapp": _("The same short notice as the texts, by WhatsApp."),
        "email": _(
            "We send the confirmation, any request for more information and the decision to "
            "this address."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.WHATSAPP_ENABLED:
            del self.fields["whatsapp"]
        for name, autocomplete in (
            ("full_name", "name"),
            ("birth_month", "bday-month"),
            ("birth_day", "bday-day"),
            ("birth_year", "bday-year"),
            ("email", "email"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        for name, length in (("birth_month", 2), ("birth_day", 2), ("birth_year", 4)):
            widget = self.fields[name].widget
            widget.input_type = "text"
            widget.attrs.update({"inputmode": "numeric", "maxlength": length})
            widget.attrs["class"] = f"usa-input usa-form-group--{name.split('_')[1]}"

    def birth_fields(self):
        return [self["birth_month"], self["birth_day"], self["birth_year"]]

    def contact_fields(self):
        """How to reach the person: phone and the consents it carries, then e-mail."""
        names = ("phone", "texts", "whatsapp", "email")
        return [self[name] for name in names if name in self.fields]

    def clean_a_number(self):
        try:
            return normalise_a_number(self.cleaned_data["a_number"])
        except InvalidCaseData as error:
            raise forms.ValidationError(
                _("An A-number has 8 or 9 digits, for example A-012 345 678.")
            ) from error

    def clean(self):
        cleaned = super().clean()
        self.check_texts_consent(cleaned)
        parts = [cleaned.get(name) for name in ("birth_year", "birth_month", "birth_day")]
        if None in parts:
            return cleaned
        try:
            born = datetime.date(*parts)
        except ValueError:
            self.add_error("birth_day", _("Enter a real date of birth."))
            return cleaned
        today = timezone.localdate()
        if born > today or born.year < today.year - 120:
            self.add_error("birth_year", _("Enter a date of birth in the past 120 years."))
        else:
            cleaned["date_of_birth"] = born
        return cleaned


class ContactForm(StepForm):
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    phone = PhoneField(label=_("Your phone (optional)"))
    email = forms.EmailField(label=_("Your email (optional)"), required=False)
    relationship = forms.CharField(
        label=_("Your relationship to the person enrolled in MPP"), max_length=200
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class UploadStepMixin:
    """Files are held by the view as they arrive; the form shows and checks what is held."""

    upload_field = "files"

    def __init__(self, *args, held_uploads=(), upload_errors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.held_uploads = list(held_uploads)
        self.upload_errors = list(upload_errors)
        widget = self.fields[self.upload_field].widget
        widget.attrs.update({"accept": ACCEPT_ATTRIBUTE, "class": "usa-file-input"})

    def clean(self):
        cleaned = super().clean()
        for message in self.upload_errors:
            self.add_error(self.upload_field, message)
        return cleaned


class RepresentativeForm(TextsConsentMixin, UploadStepMixin, ContactForm):
    upload_field = "g28"
    organization = forms.CharField(
        label=_("Law firm or organization (optional)"), max_length=200, required=False
    )
    texts = forms.BooleanField(label=_("Send text messages to this phone"), required=False)
    g28 = forms.FileField(label=_("Form G-28"), required=False, widget=forms.FileInput)

    hints = {
        "texts": TEXTS_HINT,
        "email": _("We send the confirmation and our decision to you and to the enrollee."),
        "g28": _("Your signed Form G-28: a PDF, JPEG, PNG or HEIC file of at most 10 MB."),
    }
    field_order = ["full_name", "organization", "phone", "texts", "email", "relationship", "g28"]

    def clean(self):
        cleaned = super().clean()
        self.check_texts_consent(cleaned)
        if not self.held_uploads and "g28" not in self.errors:
            self.add_error("g28", _("Upload your signed Form G-28."))
        return cleaned


class PreparerForm(ContactForm):
    hints = {
        "phone": _("We never send you messages about the request: they go to the enrollee."),
        "email": _("We use it only if we need to ask you how you helped fill in the form."),
    }


class ConcernForm(StepForm):
    description = forms.CharField(
        label=_("Describe your concern"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "maxlength": DESCRIPTION_MAX,
                "class": "usa-textarea usa-character-count__field",
            }
        ),
        error_messages={"required": _("Describe your concern in a few sentences.")},
    )
    hints = {
        "description": _(
            "Give specific details: why your placement in MPP is wrong, or how your "
            "circumstances have changed. You can write up to 5000 characters."
        )
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (*CONDITION_FIELDS, *CONCERN_FIELDS, "concern_something_else"):
            labels = CONCERN_LABELS if name.startswith("concern") else CONDITION_LABELS
            self.fields[name] = forms.BooleanField(label=labels[name], required=False)
            self.fields[name].widget.attrs["class"] = "usa-checkbox__input"
        self.order_fields(
            [*CONDITION_FIELDS, *CONCERN_FIELDS, "concern_something_else", "description"]
        )

    def condition_fields(self):
        return [self[name] for name in CONDITION_FIELDS]

    def concern_fields(self):
        return [self[name] for name in (*CONCERN_FIELDS, "concern_something_else")]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in (*CONCERN_FIELDS, "concern_something_else")):
            self.add_error(
                "concern_vulnerability_at_enrollment",
                _("Choose at least one statement about your concern, or choose Something else."),
            )
        return cleaned


class DocumentsForm(UploadStepMixin, StepForm):
    files = forms.FileField(
        label=_("Supporting documents (optional)"),
        required=False,
        widget=MultipleFileInput,
    )
    hints = {
        "files": _(
            "PDF, JPEG, PNG or HEIC. Up to 10 files, each at most 10 MB, 50 MB in all. You can "
            "choose several files at once."
        )
    }


class ReviewForm(StepForm):
    attest = forms.BooleanField(
        label=_(
            "I confirm that the information I am submitting is true and accurate to the best "
            "of my knowledge."
        ),
        error_messages={"required": _("You must confirm that the information is true to submit.")},
    )
    # A field people never see: only robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty"))
        return ""
