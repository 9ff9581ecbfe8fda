"""What staff do on a case beyond moving it, each use case checked against need-to-know.

Each function checks with ``routing.access`` that the actor may edit the module concerned,
then calls the ``cases`` service that writes it (which checks the change is legal and records
it). Movements between queues are in ``routing.services``.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts import roles
from audit.models import Action
from audit.services import record_event
from cases.components import holding_component
from cases.errors import InvalidCaseData
from cases.models import Case, Component, DocumentKind, InformationRequest
from cases.services import communications, documents, information, letters, lifecycle, reviews
from routing import access


def _require_module(actor, case, component) -> Case:
    try:
        return access.case_for_user(actor, case, purpose=access.module_purpose(component))
    except Http404:
        raise PermissionDenied(_("You may not edit this module of the case.")) from None


@transaction.atomic
def record_analysis_note(*, case, actor, component, text, shared=False):
    """A new timestamped entry in the component's module; earlier entries stay as they were."""
    case = _require_module(actor, case, component)
    return reviews.record_analysis_note(
        case=case, actor=actor, component=component, text=text, shared=shared
    )


@transaction.atomic
def add_component_upload(*, case, actor, component, file, display_name, shared=False):
    """A file in the component's module, scanned for viruses after commit like every upload."""
    case = _require_module(actor, case, component)
    document = documents.store_component_upload(
        case=case,
        upload=documents.UploadedDocument(
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
        reviews.record_crcl_audit_outcome(
            case=case, outcome=outcome, actor=actor, reason=reason
        )
        return case
    return reviews.record_decision(
        case=case, component=component, outcome=outcome, actor=actor, reason=reason
    )


@transaction.atomic
def close_completed_case(*, case, actor, reason="") -> Case:
    """Program personnel close a case once its decision was communicated."""
    case = _require_module(actor, case, roles.PROGRAM)
    return lifecycle.close_case(case=case, actor=actor, reason=reason)


@transaction.atomic
def request_information(*, case, actor, message, base_url) -> InformationRequest:
    """The component holding the case asks the requestor; the case waits for the answer."""
    component = holding_component(case)
    if component is None:
        raise InvalidCaseData(_("Only a case under review can wait for information."))
    case = _require_module(actor, case, component)
    return information.request_information(
        case=case, component=component, actor=actor, message=message, base_url=base_url
    )


@transaction.atomic
def mark_answer_read(*, case, actor, request_id):
    """An officer of the component that asked has read the requestor's answer."""
    component = holding_component(case)
    if component is None:
        raise InvalidCaseData(_("Only a case under review has answers to read."))
    case = _require_module(actor, case, component)
    found = case.information_requests.filter(pk=request_id).first()
    if found is None:
        raise InvalidCaseData(_("There is no answer to mark as read."))
    return information.mark_answer_read(request=found, actor=actor)


def _presentation(port, present_at) -> communications.Presentation | None:
    if port is None or present_at is None:
        return None
    return communications.Presentation(
        port_name=port.name, port_address=port.address, time_zone=port.time_zone, at=present_at
    )


def decision_preview(*, case, actor, port=None, present_at=None, amending=False) -> list:
    """The decision's messages exactly as they would go out, for staff to read before sending;
    nothing is recorded. Raises InvalidCaseData when the decision cannot go out as given."""
    case = _require_module(actor, case, roles.PROGRAM)
    amends = communications.current_decision_notices(case) if amending else None
    return communications.decision_messages(
        case=case, presentation=_presentation(port, present_at), amends=amends
    )


@transaction.atomic
def communicate_decision(*, case, actor, port=None, present_at=None) -> list:
    """Program personnel send the decision to the requestor (port: a routing.PortOfEntry)."""
    case = _require_module(actor, case, roles.PROGRAM)
    return communications.communicate_decision(
        case=case, actor=actor, presentation=_presentation(port, present_at)
    )


@transaction.atomic
def amend_decision(*, case, actor, reason, port=None, present_at=None) -> list:
    """Program personnel correct a decision notice already sent, with the reason."""
    case = _require_module(actor, case, roles.PROGRAM)
    return communications.amend_decision(
        case=case, actor=actor, reason=reason, presentation=_presentation(port, present_at)
    )


@transaction.atomic
def record_letter_printed(*, case, actor, communication_id, request=None):
    """Program personnel print a letter for a requestor no message reaches."""
    case = _require_module(actor, case, roles.PROGRAM)
    return letters.record_letter_printed(
        case=case, communication_id=communication_id, actor=actor, request=request
    )


@transaction.atomic
def record_letter_delivered(*, case, actor, communication_id, note="", request=None):
    """Program personnel record that the printed letter reached the requestor."""
    case = _require_module(actor, case, roles.PROGRAM)
    return letters.record_letter_delivered(
        case=case, communication_id=communication_id, actor=actor, note=note, request=request
    )
