"""The case record: what was submitted, who works on it, and what was decided.

State changes happen only through ``cases.services``; these models hold fields, constraints and
small properties.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords


class SubmitterType(models.TextChoices):
    ENROLLEE = "enrollee", _("The person enrolled in MPP")
    REPRESENTATIVE = "representative", _("An attorney or accredited representative")
    PREPARER = "preparer", _("A preparer helping the enrollee")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")
    PORTUGUESE = "pt-br", _("Brazilian Portuguese")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGE = "triage", _("Program triage")
    CBP_REVIEW = "cbp_review", _("CBP review")
    USCIS_REVIEW = "uscis_review", _("USCIS review")
    PROGRAM_HANDLING = "program_handling", _("Handled by program personnel")
    AWAITING_INFORMATION = "awaiting_information", _("Awaiting information from the requestor")
    DECIDED = "decided", _("Decided")
    COMMUNICATED = "communicated", _("Decision communicated")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.TRIAGE,
    Status.CBP_REVIEW,
    Status.USCIS_REVIEW,
    Status.PROGRAM_HANDLING,
    Status.AWAITING_INFORMATION,
)
REVIEW_STATUSES = (Status.TRIAGE, Status.CBP_REVIEW, Status.USCIS_REVIEW, Status.PROGRAM_HANDLING)


class ClosureReason(models.TextChoices):
    COMPLETED = "completed", _("Completed after the decision was communicated")
    DUPLICATE = "duplicate", _("Duplicate of another case")
    WITHDRAWN = "withdrawn", _("Withdrawn by the requestor")


class Component(models.TextChoices):
    PROGRAM = "program", _("MPP program personnel")
    CBP = "cbp", _("CBP")
    USCIS = "uscis", _("USCIS")
    CRCL = "crcl", _("CRCL")


# The condition and concern questions of the form, in the specification's order.
CONDITION_FIELDS = (
    "condition_physical_health",
    "condition_mental_health",
    "condition_disability",
    "condition_pregnancy",
    "condition_safety_need",
)
CONCERN_FIELDS = (
    "concern_vulnerability_at_enrollment",
    "concern_vulnerability_changed",
    "concern_new_fear_no_interview",
    "concern_fear_changed_since_interview",
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


class DocumentKind(models.TextChoices):
    SUPPORTING = "supporting", _("Supporting document")
    G28 = "g28", _("Form G-28")
    COMPONENT_UPLOAD = "component_upload", _("Component upload")
    INFORMATION_RESPONSE = "information_response", _("Further information from the requestor")


class ScanStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for virus scan")
    CLEAN = "clean", _("Clean")
    INFECTED = "infected", _("Infected (quarantined)")
    ERROR = "error", _("Scan failed")


def document_storage_name(instance, filename):
    # A random name: the original is kept only as a sanitised display name.
    return f"cases/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    # For component uploads: whose module it belongs to (program, CBP, USCIS or CRCL).
    component = models.CharField(max_length=8, choices=Component.choices, blank=True)
    shared_with_other_components = models.BooleanField(default=False)
    file = models.FileField(upload_to=document_storage_name, max_length=200)
    display_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        max_length=10, choices=ScanStatus.choices, default=ScanStatus.PENDING
    )
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A PDF that carries JavaScript: kept (it may be real evidence) but flagged to staff.
    pdf_has_javascript = models.BooleanField(_("PDF contains JavaScript"), default=False)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="component_upload_names_component",
                condition=~Q(kind=DocumentKind.COMPONENT_UPLOAD) | ~Q(component=""),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_downloadable(self) -> bool:
        return self.scan_status == ScanStatus.CLEAN


class AnalysisNote(models.Model):
    """A timestamped, authored entry in a component's module; never overwritten."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="analysis_notes")
    component = models.CharField(max_length=8, choices=Component.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    text = models.TextField(_("analysis notes"))
    shared_with_other_components = models.BooleanField(
        _("visible to the other component"), default=False
    )

    class Meta:
        verbose_name = _("analysis note")
        verbose_name_plural = _("analysis notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_component_display()} note on case {self.case_id}"


class CBPOutcome(models.TextChoices):
    DISENROLL = "disenroll", _("Remove from MPP: present at a port of entry")
    NONREFOULEMENT_INTERVIEW = (
        "nonrefoulement_interview",
        _("Non-refoulement interview needed: present at a port of entry"),
    )
    REMAIN_ENROLLED = "remain_enrolled", _("Remains in MPP")
    NOT_IDENTIFIED = "not_identified", _("No MPP enrollment found for this person")


class USCISOutcome(models.TextChoices):
    FEAR_ESTABLISHED = (
        "fear_established",
        _("Reasonable possibility of persecution or torture in Mexico: remove from MPP"),
    )
    FEAR_NOT_ESTABLISHED = "fear_not_established", _("Fear not established: remains in MPP")
    RETURNED_TO_CBP = "returned_to_cbp", _("Returned to CBP for further review")


class ProgramOutcome(models.TextChoices):
    ANSWERED = "answered", _("Question answered or referred elsewhere")
    NO_ACTION = "no_action", _("No action needed")


class CRCLOutcome(models.TextChoices):
    CONSISTENT = "consistent", _("Consistent with DHS guidance")
    INCONSISTENT = "inconsistent", _("Not consistent with DHS guidance")
    FOLLOW_UP = "follow_up", _("Needs follow-up with the component")


class ComponentReview(models.Model):
    """A component's module on a case: its outcome and when it was communicated."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="%(class)s")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_communicated_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class CBPReview(ComponentReview):
    outcome = models.CharField(
        _("outcome of CBP analysis"), max_length=32, choices=CBPOutcome.choices, blank=True
    )
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("CBP review")
        verbose_name_plural = _("CBP reviews")
        constraints = [
            models.CheckConstraint(
                name="cbp_outcome_has_decision_time",
                condition=Q(outcome="") | Q(decided_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"CBP review of case {self.case_id}"


class USCISReview(ComponentReview):
    outcome = models.CharField(
        _("outcome of USCIS analysis"), max_length=32, choices=USCISOutcome.choices, blank=True
    )
    fig_requested = models.BooleanField(_("further information gathering requested"), default=False)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("USCIS review")
        verbose_name_plural = _("USCIS reviews")
        constraints = [
            models.CheckConstraint(
                name="uscis_outcome_has_decision_time",
                condition=Q(outcome="") | Q(decided_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"USCIS review of case {self.case_id}"


class ProgramReview(ComponentReview):
    """Submissions that are not a disenrollment request, handled by program personnel."""

    outcome = models.CharField(max_length=16, choices=ProgramOutcome.choices, blank=True)
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("program review")
        verbose_name_plural = _("program reviews")
        constraints = [
            models.CheckConstraint(
                name="program_outcome_has_decision_time",
                condition=Q(outcome="") | Q(decided_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"Program review of case {self.case_id}"


class CRCLAudit(models.Model):
    """CRCL's module: runs beside the lifecycle on sampled cases and never changes its state."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="crcl_audit")
    sampled_at = models.DateTimeField()
    outcome = models.CharField(
        _("outcome of CRCL audit"), max_length=16, choices=CRCLOutcome.choices, blank=True
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("CRCL audit")
        verbose_name_plural = _("CRCL audits")
        # CRCL's queue: open audits only, oldest sample first. Partial, so it holds only the
        # audits still waiting however many were ever completed (PostgreSQL and SQLite).
        indexes = [
            models.Index(
                fields=["sampled_at", "case"],
                condition=Q(outcome=""),
                name="crclaudit_open_by_sampling",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="crcl_outcome_has_completion_time",
                condition=Q(outcome="") | Q(completed_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"CRCL audit of case {self.case_id}"


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


class InformationRequest(models.Model):
    """A further-information request (FIG) sent to the requestor, answered through a link."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    component = models.CharField(max_length=8, choices=Component.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("what we need"))
    created_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # Only a hash of the single-use link's token is kept.
    token_hash = models.CharField(max_length=64, unique=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="information_request_answered_or_expired_once",
                condition=Q(answered_at__isnull=True) | Q(expired_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"Information request on case {self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.expired_at is None


class CommunicationKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation of receipt")
    INFORMATION_REQUEST = "information_request", _("Request for further information")
    REMINDER = "reminder", _("Reminder")
    DECISION = "decision", _("Decision")


class Recipient(models.TextChoices):
    ENROLLEE = "enrollee", _("Enrollee")
    REPRESENTATIVE = "representative", _("Representative")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    PRINTED = "printed", _("Printed for delivery by other means")


class Communication(models.Model):
    """A message to the enrollee or representative (never a preparer), kept as sent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="communications")
    kind = models.CharField(max_length=24, choices=CommunicationKind.choices)
    recipient = models.CharField(max_length=16, choices=Recipient.choices)
    to_address = models.EmailField(blank=True)
    language = models.CharField(max_length=5, choices=Language.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    information_request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Where the decision requires it: the port of entry and when to present there.
    port_of_entry = models.CharField(max_length=100, blank=True)
    present_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="sent_communication_has_time",
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.get_recipient_display()}"


class RecordType(models.TextChoices):
    COMPLETED_CASE = "completed_case", _("Case closed after its decision was communicated")
    WITHDRAWN_CASE = "withdrawn_case", _("Case withdrawn by the requestor")
    DUPLICATE_CASE = "duplicate_case", _("Case closed as a duplicate")


CLOSURE_REASON_OF_RECORD_TYPE = {
    RecordType.COMPLETED_CASE: ClosureReason.COMPLETED,
    RecordType.WITHDRAWN_CASE: ClosureReason.WITHDRAWN,
    RecordType.DUPLICATE_CASE: ClosureReason.DUPLICATE,
}


class RetentionSchedule(models.Model):
    """How long a type of record is kept after the case closes.

    Inactive by default: the specification holds every record permanently until NARA approves a
    records schedule. Activating one needs the name of whoever approved it.
    """

    record_type = models.CharField(max_length=20, choices=RecordType.choices, unique=True)
    retain_days_after_closure = models.PositiveIntegerField()
    authority = models.CharField(
        _("disposition authority"), max_length=200, blank=True, help_text=_("NARA schedule item")
    )
    active = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention schedule")
        verbose_name_plural = _("retention schedules")
        constraints = [
            models.CheckConstraint(
                name="active_schedule_was_approved",
                condition=Q(active=False)
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
            )
        ]

    def __str__(self):
        return f"{self.get_record_type_display()}: {self.retain_days_after_closure} days"


class LegalHold(models.Model):
    """While a hold is in place, no schedule disposes of the case."""

    # Released holds go with the case when it is disposed of; an open hold prevents that.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        indexes = [models.Index(fields=["case", "released_at"], name="legal_hold_case_open")]

    def __str__(self):
        return f"Legal hold on case {self.case_id}"


class Disposition(models.Model):
    """The record that a case was destroyed under a schedule. Holds no personal data."""

    case_number = models.CharField(max_length=20, unique=True)
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    schedule = models.ForeignKey(RetentionSchedule, on_delete=models.PROTECT, related_name="+")
    authority = models.CharField(max_length=200, blank=True)
    approved_by_username = models.CharField(max_length=150)
    closed_at = models.DateTimeField()
    disposed_at = models.DateTimeField()
    documents_destroyed = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        ordering = ["-disposed_at"]

    def __str__(self):
        return f"{self.case_number} disposed {self.disposed_at:%Y-%m-%d}"


class SubmissionToken(models.Model):
    """The public form's one-time token: a retried or repeated submission finds its case."""

    token = models.CharField(max_length=64, primary_key=True)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="submission_token")
    created_at = models.DateTimeField()

    def __str__(self):
        return self.token
