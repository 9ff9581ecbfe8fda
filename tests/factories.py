"""Cases built through the real services, so a test's case went through real transitions."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cases.models import DocumentKind, Status, SubmitterType
from cases.services import documents, lifecycle, reviews, submissions
from routing import casework
from routing import services as routing

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submission(**overrides) -> submissions.Submission:
    submitter_type = overrides.pop("submitter_type", SubmitterType.ENROLLEE)
    now = timezone.now()
    enrollee = submissions.EnrolleeDetails(
        full_name=overrides.pop("full_name", "María José Hernández López"),
        date_of_birth=overrides.pop("date_of_birth", datetime.date(1990, 4, 12)),
        citizenship=overrides.pop("citizenship", "HN"),
        current_location=overrides.pop("current_location", "Ciudad Juárez, Chihuahua"),
        a_number=overrides.pop("a_number", "A-212 345 678"),
        email=overrides.pop("email", "maria@example.org"),
        phone=overrides.pop("phone", ""),
        texts_consent=overrides.pop("texts_consent", False),
        whatsapp_consent=overrides.pop("whatsapp_consent", False),
    )
    documents = list(overrides.pop("documents", []))
    contact = overrides.pop("contact", None)
    if submitter_type == SubmitterType.REPRESENTATIVE:
        contact = contact or submissions.ContactDetails(
            full_name="Ana Attorney", relationship="Attorney", email="ana@lawfirm.example"
        )
        if not any(d.kind == DocumentKind.G28 for d in documents):
            documents.append(g28_upload())
    if submitter_type == SubmitterType.PREPARER:
        contact = contact or submissions.ContactDetails(
            full_name="Pedro Preparer", relationship="Shelter volunteer"
        )
    fields = dict(
        submitter_type=submitter_type,
        language="es",
        enrollee=enrollee,
        description="Tengo una condición médica crónica.",
        privacy_notice_version="2026-1",
        privacy_notice_acknowledged_at=now,
        attestation_version="2026-1",
        attested_at=now,
        concerns={"concern_vulnerability_at_enrollment": True},
        conditions={"condition_physical_health": True},
        contact=contact,
        documents=documents,
    )
    fields.update(overrides)
    return submissions.Submission(**fields)


def g28_upload():
    return documents.UploadedDocument(
        file=ContentFile(PDF, name="g28.pdf"),
        display_name="G-28 signed.pdf",
        content_type="application/pdf",
        kind=DocumentKind.G28,
    )


# How to reach each status from a fresh case, through the services.
_PATHS = {
    Status.SUBMITTED: [],
    Status.TRIAGE: [lifecycle.place_in_triage],
    Status.CBP_REVIEW: [lifecycle.place_in_triage, lifecycle.route_to_cbp],
    Status.USCIS_REVIEW: [lifecycle.place_in_triage, lifecycle.route_to_uscis],
    Status.PROGRAM_HANDLING: [lifecycle.place_in_triage, lifecycle.mark_not_disenrollment_request],
    Status.AWAITING_INFORMATION: [
        lifecycle.place_in_triage,
        lifecycle.route_to_cbp,
        lifecycle.start_waiting_for_information,
    ],
    Status.DECIDED: [
        lifecycle.place_in_triage,
        lifecycle.route_to_cbp,
        lambda **kw: reviews.record_cbp_outcome(outcome="remain_enrolled", **kw),
    ],
    Status.COMMUNICATED: [
        lifecycle.place_in_triage,
        lifecycle.route_to_cbp,
        lambda **kw: reviews.record_cbp_outcome(outcome="remain_enrolled", **kw),
        lifecycle.record_decision_communicated,
    ],
    Status.CLOSED: [lifecycle.place_in_triage, lifecycle.close_as_withdrawn],
}


def case_in(status, *, actor=None, **submission_overrides):
    case = submissions.open_case(submission=submission(**submission_overrides))
    for step in _PATHS[status]:
        step(case=case, actor=actor)
    case.refresh_from_db()
    assert case.status == status
    return case


# ---------------------------------------------------------------------------------------------
# Routing-aware cases: opened and placed as intake does, moved through routing.services, so the
# object permissions of each movement are granted. ``staff`` is the conftest fixture.
# ---------------------------------------------------------------------------------------------

# Answers the default rules send to program triage (with a suggestion of CBP).
TRIAGE_ANSWERS = {
    "concerns": {"concern_vulnerability_at_enrollment": True},
    "concern_something_else": True,
}


def placed_case(**submission_overrides):
    with transaction.atomic():
        case = submissions.open_case(submission=submission(**submission_overrides))
        routing.place_new_case(case=case)
    case.refresh_from_db()
    return case


def _routed_steps(staff):
    return {
        Status.TRIAGE: [],
        Status.CBP_REVIEW: [lambda c: routing.route_to_cbp(case=c, actor=staff.program)],
        Status.USCIS_REVIEW: [
            lambda c: routing.route_to_cbp(case=c, actor=staff.program),
            lambda c: routing.refer_to_uscis(case=c, actor=staff.cbp),
        ],
        Status.PROGRAM_HANDLING: [
            lambda c: routing.mark_not_disenrollment_request(case=c, actor=staff.program)
        ],
        Status.DECIDED: [
            lambda c: routing.route_to_cbp(case=c, actor=staff.program),
            lambda c: reviews.record_cbp_outcome(
                case=c, outcome="remain_enrolled", actor=staff.cbp
            ),
        ],
    }


def routed_case_in(status, *, staff, **submission_overrides):
    """A case that reached ``status`` from program triage through routing.services."""
    overrides = {**TRIAGE_ANSWERS, **submission_overrides}
    case = placed_case(**overrides)
    for step in _routed_steps(staff)[status]:
        step(case)
    case.refresh_from_db()
    assert case.status == status
    return case


def cbp_notes_and_scans(case, officer, count):
    """``count`` CBP analysis notes and as many uploaded scans: a case page with a timeline."""
    for number in range(count):
        casework.record_analysis_note(
            case=case, actor=officer, component="cbp", text=f"note {number}"
        )
        casework.add_component_upload(
            case=case,
            actor=officer,
            component="cbp",
            file=g28_upload().file,
            display_name=f"scan {number}.pdf",
        )
