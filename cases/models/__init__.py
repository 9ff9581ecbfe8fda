"""The case record: what was submitted, who works on it, and what was decided.

State changes happen only through ``cases.services``; these models hold fields, constraints and
small properties. One module a part of the record; everything is importable from here.
"""

from cases.models.case import (
    Case,
    CaseTransition,
    ContactPerson,
    Enrollee,
    Preparer,
    Representative,
    SubmissionToken,
)
from cases.models.communications import Communication, InformationRequest, MessageTemplate
from cases.models.documents import Document, document_storage_name
from cases.models.modules import (
    AnalysisNote,
    CBPReview,
    ComponentReview,
    CRCLAudit,
    ProgramReview,
    USCISReview,
)
from cases.models.retention import Disposition, LegalHold, RetentionSchedule
from cases.models.vocabulary import (
    CLOSURE_REASON_OF_RECORD_TYPE,
    CONCERN_FIELDS,
    CONDITION_FIELDS,
    OPEN_STATUSES,
    REVIEW_STATUSES,
    CBPOutcome,
    ClosureReason,
    CommunicationKind,
    Component,
    CRCLOutcome,
    DeliveryStatus,
    DocumentKind,
    Language,
    MessageKind,
    ProgramOutcome,
    Recipient,
    RecordType,
    ScanStatus,
    Status,
    SubmitterType,
    USCISOutcome,
)

__all__ = [
    "CLOSURE_REASON_OF_RECORD_TYPE",
    "CONCERN_FIELDS",
    "CONDITION_FIELDS",
    "OPEN_STATUSES",
    "REVIEW_STATUSES",
    "AnalysisNote",
    "CBPOutcome",
    "CBPReview",
    "Case",
    "CaseTransition",
    "ClosureReason",
    "Communication",
    "CommunicationKind",
    "Component",
    "ComponentReview",
    "ContactPerson",
    "CRCLAudit",
    "CRCLOutcome",
    "DeliveryStatus",
    "Disposition",
    "Document",
    "DocumentKind",
    "Enrollee",
    "InformationRequest",
    "Language",
    "LegalHold",
    "MessageKind",
    "MessageTemplate",
    "Preparer",
    "ProgramOutcome",
    "ProgramReview",
    "Recipient",
    "RecordType",
    "Representative",
    "RetentionSchedule",
    "ScanStatus",
    "Status",
    "SubmissionToken",
    "SubmitterType",
    "USCISOutcome",
    "USCISReview",
    "document_storage_name",
]
