"""The steps of the public form. Each collects only what the specification lists."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cases.errors import InvalidCaseData
from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, SubmitterType
from cases.normalise import normalise_a_number
from intake.birth_date import BirthDateMixin, birth_date_fields
from intake.contact import TEXTS_HINT, PhoneField, TextsConsentMixin, clean_phone  # noqa: F401
from intake.countries import country_choices
from intake.statements import (
    CONCERN_LABELS,
    CONCERN_LABELS_FOR_SOMEONE_ELSE,
    CONDITION_LABELS,
    CONDITION_LABELS_FOR_SOMEONE_ELSE,
)
from intake.step_form import StepForm
from intake.uploads import ACCEPT_ATTRIBUTE, MAX_FILE_BYTES, file_size_error, file_type_error
from intake.widgets import CountrySelect

NATIVE_LANGUAGE_NAMES = [
    ("en", "English"),
    ("es", "Español"),
    ("ht", "Kreyòl ayisyen"),
    ("pt-br", "Português (Brasil)"),
]
DESCRIPTION_MAX = 5000


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


A_NUMBER_ERROR = _(
    "Write the 8 or 9 digits of the A-number, for example A-012 345 678, or leave it empty."
)


class EnrolleeForm(TextsConsentMixin, BirthDateMixin, StepForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_month, birth_day, birth_year = birth_date_fields()
    citizenship = forms.ChoiceField(
        label=_("Country of citizenship"),
        choices=country_choices,
        widget=CountrySelect,
    )
    current_location = forms.CharField(label=_("Where is the person now?"), max_length=300)
    a_number = forms.CharField(label=_("A-number (optional)"), max_length=40, required=False)
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
    hints_for_someone_else = {
        "full_name": _("Write the name as it appears on their MPP documents."),
        "a_number": _("8 or 9 digits, on their MPP documents, for example A-012 345 678."),
    }

    def __init__(self, *args, someone_else=False, **kwargs):
        if someone_else:
            self.hints = {**self.hints, **self.hints_for_someone_else}
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
        self.setup_birth_fields()

    def contact_fields(self):
        """How to reach the person: phone and the consents it carries, then e-mail."""
        names = ("phone", "texts", "whatsapp", "email")
        return [self[name] for name in names if name in self.fields]

    def clean_a_number(self):
        try:
            return normalise_a_number(self.cleaned_data["a_number"])
        except InvalidCaseData as error:
            raise forms.ValidationError(A_NUMBER_ERROR) from error

    def clean(self):
        cleaned = super().clean()
        self.check_texts_consent(cleaned)
        parts = [cleaned.get(name) for name in ("birth_year", "birth_month", "birth_day")]
        if None in parts:
            return cleaned
        try:
            born = datetime.date(*parts)
        except ValueError:
            self.add_error(
                "birth_day", _("This date does not exist. Check the day and the month.")
            )
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
        widget.attrs.update(
            {
                "accept": ACCEPT_ATTRIBUTE,
                "class": "usa-file-input",
                # For intake.js: the server's own messages, said as soon as a file is chosen.
                "data-type-error": file_type_error(),
                "data-size-error": file_size_error(),
                "data-chosen": gettext("%(name)s will be attached when you continue."),
                "data-max-bytes": str(MAX_FILE_BYTES),
            }
        )

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

    groups = {
        "concerns": (_("What is your concern?"), "concern_vulnerability_at_enrollment"),
    }

    def __init__(self, *args, someone_else=False, **kwargs):
        super().__init__(*args, **kwargs)
        concern_labels, condition_labels = (
            (CONCERN_LABELS_FOR_SOMEONE_ELSE, CONDITION_LABELS_FOR_SOMEONE_ELSE)
            if someone_else
            else (CONCERN_LABELS, CONDITION_LABELS)
        )
        for name in (*CONDITION_FIELDS, *CONCERN_FIELDS, "concern_something_else"):
            labels = concern_labels if name.startswith("concern") else condition_labels
            self.fields[name] = forms.BooleanField(label=labels[name], required=False)
            self.fields[name].widget.attrs["class"] = "usa-checkbox__input"
        self.order_fields(
            [*CONDITION_FIELDS, *CONCERN_FIELDS, "concern_something_else", "description"]
        )

    @staticmethod
    def characters_left():
        """intake.js's texts, by plural category (Intl.PluralRules) of the count left."""
        return {
            "one": ngettext("%(count)s character left", "%(count)s characters left", 1),
            "other": ngettext("%(count)s character left", "%(count)s characters left", 2),
        }

    def condition_fields(self):
        return [self[name] for name in CONDITION_FIELDS]

    def concern_fields(self):
        return [self[name] for name in (*CONCERN_FIELDS, "concern_something_else")]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in (*CONCERN_FIELDS, "concern_something_else")):
            self.add_group_error(
                "concerns",
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
    # Shown chosen as on the first step; left out (an old page), that choice stands.
    language = forms.ChoiceField(
        label=_("Language of our messages to you"),
        choices=language_choices,
        widget=forms.RadioSelect,
        required=False,
    )
    attest = forms.BooleanField(
        label=_(
            "I confirm that the information I am submitting is true and accurate to the best "
            "of my knowledge."
        ),
        error_messages={"required": _("You must confirm that the information is true to submit.")},
    )
    # A field people never see: only robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, someone_else=False, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty"))
        return ""
