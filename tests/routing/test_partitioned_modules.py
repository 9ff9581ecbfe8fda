"""A component's notes and uploads: seen by that component, program personnel, administrators
and CRCL on sampled cases; by the other component only when the author shared them."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone

from cases.models import AnalysisNote, Document, DocumentKind, Status
from cases.services import reviews
from routing import access, crcl_audits
from tests import factories

pytestmark = pytest.mark.django_db

ENTRIES = [
    ("cbp", False),
    ("cbp", True),
    ("uscis", False),
    ("uscis", True),
    ("program", False),
]


def _write_entries(case, staff):
    """One note and one upload per (component, shared) pair, labelled 'cbp', 'cbp shared'..."""
    for component, shared in ENTRIES:
        label = f"{component}{' shared' if shared else ''}"
        AnalysisNote.objects.create(
            case=case,
            component=component,
            author=getattr(staff, component),
            created_at=timezone.now(),
            text=label,
            shared_with_other_components=shared,
        )
        document = Document(
            case=case,
            kind=DocumentKind.COMPONENT_UPLOAD,
            component=component,
            shared_with_other_components=shared,
            display_name=label,
            content_type="application/pdf",
            size=len(factories.PDF),
            sha256="0" * 64,
            uploaded_at=timezone.now(),
        )
        document.file.save("upload.pdf", ContentFile(factories.PDF), save=False)
        document.save()


@pytest.fixture
def handled_by_both(staff):
    """Referred by CBP to USCIS, decided by USCIS, and sampled for CRCL audit."""
    case = factories.routed_case_in(Status.USCIS_REVIEW, staff=staff)
    _write_entries(case, staff)
    reviews.record_uscis_outcome(case=case, outcome="fear_established", actor=staff.uscis)
    crcl_audits.sample_decided_cases_for_audit(now=timezone.now() + timedelta(seconds=1), seed=1)
    return case


EVERYTHING = {"cbp", "cbp shared", "uscis", "uscis shared", "program"}
EXPECTED = {
    "cbp": {"cbp", "cbp shared", "uscis shared"},
    "uscis": {"uscis", "uscis shared", "cbp shared"},
    "program": EVERYTHING,
    "admin": EVERYTHING,
    "crcl": EVERYTHING,
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_it_shows_each_role_the_notes_and_uploads_of_its_partition(staff, handled_by_both, role):
    user = getattr(staff, role)

    notes = {note.text for note in access.notes_visible_to(user, handled_by_both)}
    uploads = {
        doc.display_name
        for doc in access.documents_visible_to(user, handled_by_both)
        if doc.kind == DocumentKind.COMPONENT_UPLOAD
    }

    assert notes == uploads == EXPECTED[role]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_it_downloads_only_uploads_of_the_partition_and_404s_the_rest(staff, handled_by_both, role):
    user = getattr(staff, role)
    for document in Document.objects.filter(kind=DocumentKind.COMPONENT_UPLOAD):
        if document.display_name in EXPECTED[role]:
            assert access.document_for_user(user, document.pk) == document
        else:
            with pytest.raises(Http404):
                access.document_for_user(user, document.pk)


def test_it_shows_the_requesters_own_documents_to_everyone_who_sees_the_case(staff):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, submitter_type="representative")
    g28 = case.documents.get(kind=DocumentKind.G28)

    assert access.document_for_user(staff.cbp, g28.pk) == g28
    with pytest.raises(Http404):
        access.document_for_user(staff.uscis, g28.pk)
    with pytest.raises(Http404):
        access.document_for_user(staff.cbp, "not-a-number")


def test_crcl_sees_no_module_of_a_case_it_did_not_sample(staff):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    _write_entries(case, staff)

    with pytest.raises(Http404):
        access.notes_visible_to(staff.crcl, case)
    with pytest.raises(Http404):
        access.documents_visible_to(staff.crcl, case)
