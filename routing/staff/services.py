"""What staff do on a case from the back office, one function per use case.

Each checks with ``routing.access`` that the actor may edit the module concerned, then calls
the lifecycle in ``cases.services`` (which checks the move is legal and records it).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record_event
from cases import services as case_services
from cases.models import AnalysisNote, Case, Component, DocumentKind
from routing import access, roles

_OUTCOME_RECORDERS = {
    roles.CBP: case_services.record_cbp_outcome,
    roles.USCIS: case_services.record_uscis_outcome,
    roles.PROGRAM: case_services.record_program_outcome,
}


def _require_module(actor, case, component) -> Case:
    try:
        return access.case_for_user(actor, case, purpose=access.module_purpose(component))
    except Http404:
        raise PermissionDenied(_("You may not edit this module of the case.")) from None


@transaction.atomic
def record_analysis_note(*, case, actor, component, text, shared=False) -> AnalysisNote:
    """A new timestamped entry in the component's module; earlier entries stay as they were."""
    case = _require_module(actor, case, component)
    text = (text or "").strip()
    if not text:
        raise case_services.InvalidCaseData(_("Write the note before saving it."))
    note = AnalysisNote.objects.create(
        case=case,
        component=component,
        author=actor,
        created_at=timezone.now(),
        text=text,
        shared_with_other_components=shared,
    )
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        detail={"analysis_note": note.pk, "component": component, "shared": shared},
    )
    return note


@transaction.atomic
def add_component_upload(*, case, actor, component, file, display_name, shared=False):
    """A file in the component's module, scanned for viruses after commit like every upload."""
    case = _require_module(actor, case, component)
    document = case_services.store_component_upload(
        case=case,
        upload=case_services.UploadedDocument(
            file=file,
            display_name=display_name,
            content_type="",
            kind=DocumentKind.COMPONENT_UPLOAD,
        ),
        uploaded_by=actor,
        component=component,
        shared=shared,
    )
    record_event(
        action=Action.CHANGE_CASE,
        actor=actor,
        case_id=case.pk,
        document_id=document.pk,
        detail={"component_upload": document.pk, "component": component, "shared": shared},
    )
    return document


@transaction.atomic
def record_outcome(*, case, actor, component, outcome, reason="") -> Case:
    """The component's decision, with the specification's outcome field for that component."""
    case = _require_module(actor, case, component)
    if component == Component.CRCL:
        case_services.record_crcl_audit_outcome(case=case, outcome=outcome, actor=actor)
        return case
    recorder = _OUTCOME_RECORDERS.get(component)
    if recorder is None:
        raise PermissionDenied(_("You may not edit this module of the case."))
    return recorder(case=case, outcome=outcome, actor=actor, reason=reason)


@transaction.atomic
def close_completed_case(*, case, actor, reason="") -> Case:
    """Program personnel close a case once its decision was communicated."""
    case = _require_module(actor, case, roles.PROGRAM)
    return case_services.close_case(case=case, actor=actor, reason=reason)
