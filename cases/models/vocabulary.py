"""The words of the case record: statuses, people, components, outcomes, kinds and channels.

Defined once here; models, services, forms, queues and reports read them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import roles


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
    """The four components that work on cases; each is also the role (group) of its staff."""

    PROGRAM = roles.PROGRAM, _("MPP program personnel")
    CBP = roles.CBP, _("CBP")
    USCIS = roles.USCIS, _("USCIS")
    CRCL = roles.CRCL, _("CRCL")


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


class CommunicationKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation of receipt")
    INFORMATION_REQUEST = "information_request", _("Request for further information")
    REMINDER = "reminder", _("Reminder")
    DECISION = "decision", _("Decision")


class Recipient(models.TextChoices):
    ENROLLEE = "enrollee", _("Enrollee")
    REPRESENTATIVE = "representative", _("Representative")


class Channel(models.TextChoices):
    """How a message reaches its recipient. Letters are printed and handed over by staff."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LETTER = "letter", _("Letter")


# Channels a worker delivers through a provider; a letter is delivered by people.
DIGITAL_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.WHATSAPP)
# Channels that carry only the content-free notice pointing to the status page.
TEXT_CHANNELS = (Channel.SMS, Channel.WHATSAPP)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    TO_PRINT = "to_print", _("Letter waiting to be printed")
    PRINTED = "printed", _("Letter printed, not yet delivered")
    DELIVERED = "delivered", _("Letter delivered")


class AttemptOutcome(models.TextChoices):
    """What the provider answered to one attempt at delivering a message."""

    ACCEPTED = "accepted", _("Accepted by the provider")
    REFUSED = "refused", _("Refused for good (wrong number or address)")
    UNAVAILABLE = "unavailable", _("Provider unavailable, to retry")


class RecordType(models.TextChoices):
    COMPLETED_CASE = "completed_case", _("Case closed after its decision was communicated")
    WITHDRAWN_CASE = "withdrawn_case", _("Case withdrawn by the requestor")
    DUPLICATE_CASE = "duplicate_case", _("Case closed as a duplicate")


CLOSURE_REASON_OF_RECORD_TYPE = {
    RecordType.COMPLETED_CASE: ClosureReason.COMPLETED,
    RecordType.WITHDRAWN_CASE: ClosureReason.WITHDRAWN,
    RecordType.DUPLICATE_CASE: ClosureReason.DUPLICATE,
}


class MessageKind(models.TextChoices):
    """The messages whose text staff edit, one template per kind and language."""

    CONFIRMATION = "confirmation", _("Confirmation of receipt")
    DECISION = "decision", _("Decision")
    PRESENTATION = "presentation", _("Decision: where and when to present oneself")
    INFORMATION_REQUEST = "information_request", _("Request for further information")
    INFORMATION_REMINDER = "information_reminder", _("Reminder of a request for information")
