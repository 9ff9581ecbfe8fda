"""The case itself, the people on it, each step of its lifecycle, and its submission token."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from cases.models.vocabulary import (
    CONCERN_FIELDS,
    CONDITION_FIELDS,
    OPEN_STATUSES,
    ClosureReason,
    Language,
    Status,
    SubmitterType,
)


class Case(models.Model):
    case_number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    submitter_type = models.CharField(
        _("submitted by"), max_length=20, choices=SubmitterType.choices
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    # Where an information request returns the case to when it is answered or expires.
    resume_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        verbose_name=_("assigned to"),
    )

    # The nature of the concern (the specification's four yes/no questions), and "something
    # else", which is not a disenrollment request and stays with program personnel.
    concern_vulnerability_at_enrollment = models.BooleanField(
        _("should not have been placed in MPP because of a particular vulnerability"),
        default=False,
    )
    concern_vulnerability_changed = models.BooleanField(
        _("circumstances changed: should now be taken out of MPP due to a vulnerability"),
        default=False,
    )
    concern_new_fear_no_interview = models.BooleanField(
        _("no fear interview before; circumstances changed and now fears remaining in Mexico"),
        default=False,
    )
    concern_fear_changed_since_interview = models.BooleanField(
        _("had a fear interview; circumstances changed significantly since"), default=False
    )
    concern_something_else = models.BooleanField(_("something else"), default=False)

    # Conditions that apply to the enrollee (five yes/no questions).
    condition_physical_health = models.BooleanField(
        _("known physical health issue, such as a chronic illness"), default=False
    )
    condition_mental_health = models.BooleanField(_("known mental health issue"), default=False)
    condition_disability = models.BooleanField(_("disability"), default=False)
    condition_pregnancy = models.BooleanField(_("condition related to pregnancy"), default=False)
    condition_safety_need = models.BooleanField(_("safety need"), default=False)

    description = models.TextField(_("description of the concern"))

    # Consent, as shown and accepted on the form.
    privacy_notice_version = models.CharField(max_length=20)
    privacy_notice_acknowledged_at = models.DateTimeField()
    attestation_version = models.CharField(max_length=20)
    attested_at = models.DateTimeField()

    # Lifecycle timestamps. received_at is empty only while the submission is being written.
    received_at = models.DateTimeField(_("received"), null=True, blank=True, db_index=True)
    first_referred_at = models.DateTimeField(_("first referred"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    communicated_at = models.DateTimeField(_("decision communicated"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Time spent waiting on the requestor; queue ages leave it out.
    paused_seconds = models.PositiveIntegerField(default=0)
    waiting_since = models.DateTimeField(null=True, blank=True)

    # The Form G-28 of a representative submission, referenced so a constraint can insist on it.
    # DO_NOTHING: the database's deferred foreign key still refuses to drop a G-28 on its own,
    # while a case can be disposed of together with its documents.
    g28_document = models.OneToOneField(
        "Document", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="g28_of"
    )

    history = HistoricalRecords(excluded_fields=["description"], cascade_delete_history=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["received_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="representative_case_has_g28",
                condition=~Q(submitter_type=SubmitterType.REPRESENTATIVE)
                | Q(received_at__isnull=True)
                | Q(g28_document__isnull=False),
            ),
            models.CheckConstraint(
                name="decided_case_has_decision_time",
                condition=~Q(status__in=[Status.DECIDED, Status.COMMUNICATED])
                | Q(decided_at__isnull=False),
            ),
            models.CheckConstraint(
                name="communicated_case_has_communication_time",
                condition=~Q(status=Status.COMMUNICATED) | Q(communicated_at__isnull=False),
            ),
            models.CheckConstraint(
                name="closed_case_has_reason_and_time",
                condition=~Q(status=Status.CLOSED)
                | (Q(closed_at__isnull=False) & ~Q(closure_reason="")),
            ),
            models.CheckConstraint(
                name="duplicate_names_original",
                condition=~Q(closure_reason=ClosureReason.DUPLICATE)
                | Q(duplicate_of__isnull=False),
            ),
            models.CheckConstraint(
                name="waiting_case_knows_where_to_return",
                condition=~Q(status=Status.AWAITING_INFORMATION)
                | (~Q(resume_status="") & Q(waiting_since__isnull=False)),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_at"], name="case_status_received"),
            # The "awaiting information" queue of one team: a small share of the waiting cases,
            # read in its own order instead of filtering the status index row by row.
            models.Index(
                fields=["resume_status", "received_at"],
                condition=Q(status=Status.AWAITING_INFORMATION),
                name="case_awaiting_by_resume",
            ),
            # "My cases" walked in the queue's order from the index alone, its status read
            # from the index too, stopping after a page: through the officer and status
            # indexes it read a heap page per case held and sorted them all (an officer with
            # 14,000 cases at a million: 25 ms for the page, against 1.6 ms).
            models.Index(
                fields=["assigned_to", "received_at", "id"],
                include=["status"],
                name="case_assigned_received",
            ),
            # The team's unassigned cases in id order: the count of a long queue merges it
            # with the team's permission rows (also in id order) instead of filtering every
            # case of the primary key (11 ms against 2 ms at 100,000 cases).
            models.Index(
                fields=["status", "id"],
                condition=Q(assigned_to__isnull=True),
                name="case_unassigned_status_id",
            ),
        ]

    def __str__(self):
        return self.case_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def conditions(self) -> list[str]:
        return [name for name in CONDITION_FIELDS if getattr(self, name)]

    @property
    def concerns(self) -> list[str]:
        names = [name for name in CONCERN_FIELDS if getattr(self, name)]
        return names + (["concern_something_else"] if self.concern_something_else else [])

    @property
    def is_disenrollment_request(self) -> bool:
        return any(getattr(self, name) for name in CONCERN_FIELDS)


class Enrollee(models.Model):
    """The person enrolled in MPP on whose behalf the request is made."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="enrollee")
    # One name field: names do not split into given and family the same way everywhere.
    full_name = models.CharField(_("full name"), max_length=200)
    # Lower case, accents removed, words sorted: for duplicate detection and name search.
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    a_number = models.CharField(
        _("A-number"), max_length=9, blank=True, db_index=True, help_text=_("Nine digits")
    )
    date_of_birth = models.DateField(_("date of birth"))
    citizenship = CountryField(_("citizenship"))
    country_of_birth = CountryField(_("country of birth"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    # Consent, given on the form, to content-free texts on a phone that may be shared.
    texts_consent = models.BooleanField(_("agreed to text messages"), default=False)
    whatsapp_consent = models.BooleanField(_("agreed to WhatsApp messages"), default=False)
    current_location = models.CharField(_("current location"), max_length=300)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("enrollee")
        verbose_name_plural = _("enrollees")
        constraints = [
            models.CheckConstraint(
                name="a_number_is_nine_digits",
                condition=Q(a_number="") | Q(a_number__regex=r"^[0-9]{9}$"),
            )
        ]
        indexes = [models.Index(fields=["name_key", "date_of_birth"], name="enrollee_name_dob")]

    def __str__(self):
        return self.full_name

    @property
    def masked_a_number(self) -> str:
        return f"•••••{self.a_number[-4:]}" if self.a_number else ""


class ContactPerson(models.Model):
    """Someone other than the enrollee who filled in the form."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="%(class)s")
    full_name = models.CharField(_("full name"), max_length=200)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    relationship = models.CharField(_("nature of relationship"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.full_name


class Representative(ContactPerson):
    """An attorney or accredited representative: receives communications; files a G-28."""

    organization = models.CharField(_("organization"), max_length=200, blank=True)
    texts_consent = models.BooleanField(_("agreed to text messages"), default=False)
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")


class Preparer(ContactPerson):
    """Helped fill in the form. Receives nothing: communications go to the enrollee only."""

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("preparer")
        verbose_name_plural = _("preparers")


class CaseTransition(models.Model):
    """One step of the lifecycle: who moved the case, when, from where to where, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=24, choices=Status.choices)
    to_status = models.CharField(max_length=24, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["case", "occurred_at"], name="transition_case_time")]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class SubmissionToken(models.Model):
    """The public form's one-time token: a retried or repeated submission finds its case."""

    token = models.CharField(max_length=64, primary_key=True)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="submission_token")
    created_at = models.DateTimeField()

    def __str__(self):
        return self.token
