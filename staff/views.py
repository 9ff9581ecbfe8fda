"""Small views behind the case page: the audited download, the printable decision, the actions.

Each action is one POST, read by its form, that calls one service; refusals come back as
translated messages on the case page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import roles
from audit.models import Action
from audit.services import record_event
from cases.components import holding_component
from cases.errors import DocumentNotDownloadable, IllegalTransition, InvalidCaseData
from cases.models import Channel, Communication
from cases.selectors import case_by_number
from cases.services.communications import communication_for_print
from cases.services.documents import open_document_for_download
from routing import access, casework
from routing import services as routing
from staff import forms
from staff.case_page import own_component
from staff.selectors import may_use_back_office, officers


def _case_page(case_id):
    return redirect("admin:queues_casefile_change", case_id)


def download_document(request, case_id, document_id):
    """Stream a clean document as an attachment; every download is audited."""
    if not may_use_back_office(request.user):
        raise Http404
    document = access.document_for_user(request.user, document_id)
    if document.case_id != case_id:
        raise Http404("No document matches the given query.")
    try:
        stream = open_document_for_download(document=document, actor=request.user, request=request)
    except DocumentNotDownloadable:
        messages.error(request, _("This document has not been scanned clean yet."))
        return _case_page(case_id)
    return FileResponse(
        stream,
        as_attachment=True,
        filename=document.display_name,
        content_type="application/octet-stream",
    )


def officers_for(page) -> list:
    """Colleagues of the component holding the case, for the assign form."""
    holder = holding_component(page.case)
    if holder is None or "assign" not in page.actions:
        return []
    return list(officers(roles_held=[holder]).only("pk", "username", "first_name", "last_name"))


def print_communication(request, case_id, communication_id):
    """The decision as sent, on a page to print for delivery by other means (audited)."""
    if not may_use_back_office(request.user):
        raise Http404
    case = access.case_for_user(request.user, case_id)
    try:
        communication = communication_for_print(
            user=request.user, case=case, communication_id=communication_id, request=request
        )
    except Communication.DoesNotExist:
        raise Http404("No communication matches the given query.") from None
    return _letter_page(request, case, communication)


def letter(request, case_id, communication_id):
    """A letter to print and hand over: letterhead, addressee, case number, date, the text in
    the case's language; the staff site's header and actions do not print. Opening it is a
    view of the case, audited; printing is recorded by the button on the page."""
    if not may_use_back_office(request.user):
        raise Http404
    case = access.case_for_user(request.user, case_id)
    communication = (
        Communication.objects.filter(pk=communication_id, case=case, channel=Channel.LETTER)
        .select_related("printed_by", "delivered_by")
        .first()
    )
    if communication is None:
        raise Http404("No letter matches the given query.")
    record_event(
        action=Action.VIEW_CASE,
        actor=request.user,
        case_id=case.pk,
        request=request,
        detail={"letter": communication.pk},
    )
    return _letter_page(request, case, communication)


def _letter_page(request, case, communication):
    return TemplateResponse(
        request,
        "staff/letter.html",
        {
            **admin.site.each_context(request),
            "title": f"{case.case_number}: {communication.get_kind_display()}",
            "case": case,
            "communication": communication,
            "may_record": communication.is_letter and own_component(request.user) == roles.PROGRAM,
        },
    )


def _public_base_url(request) -> str:
    configured = urlsplit(settings.INTAKE_PUBLIC_URL or "")
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}"
    return request.build_absolute_uri("/")


# The actions: (form, what to do with its data, what to say when done) ------------------------


def _assign(request, case, data):
    officer = request.user if data["to"] == "me" else data["officer"]
    if officer is None:
        routing.take_back(case=case, actor=request.user)
        return _("Case returned to the queue.")
    routing.assign_to_officer(case=case, officer=officer, actor=request.user)
    return _("Case assigned.")


def _close_duplicate(request, case, data):
    original = case_by_number(data["original"])
    if original is None:
        raise InvalidCaseData(_("Give the case number of the original case."))
    original = access.case_for_user(request.user, original)
    routing.close_as_duplicate(
        case=case, original=original, actor=request.user, reason=data["reason"]
    )
    return _("Case closed as a duplicate.")


def _note(request, case, data):
    casework.record_analysis_note(
        case=case,
        actor=request.user,
        component=own_component(request.user),
        text=data["text"],
        shared=data["shared"],
    )
    return _("Note added.")


def _upload(request, case, data):
    upload = data["file"]
    if upload is None:
        raise InvalidCaseData(_("Choose a file to upload."))
    casework.add_component_upload(
        case=case,
        actor=request.user,
        component=own_component(request.user),
        file=upload,
        display_name=upload.name,
        shared=data["shared"],
    )
    return _("File uploaded; it can be downloaded once scanned.")


def _outcome(request, case, data):
    casework.record_outcome(
        case=case,
        actor=request.user,
        component=own_component(request.user),
        outcome=data["outcome"],
        reason=data["reason"],
    )
    return _("Outcome recorded.")


def _communicate(request, case, data):
    casework.communicate_decision(
        case=case,
        actor=request.user,
        port_of_entry=data["port_of_entry"],
        present_at=data["present_at"],
        present_time_zone=data["present_time_zone"],
    )
    return _("Decision communicated.")


def _letter_printed(request, case, data):
    casework.record_letter_printed(
        case=case, actor=request.user, communication_id=data["communication"], request=request
    )
    return _("Letter recorded as printed by you.")


def _letter_delivered(request, case, data):
    casework.record_letter_delivered(
        case=case,
        actor=request.user,
        communication_id=data["communication"],
        note=data["note"],
        request=request,
    )
    return _("Letter recorded as delivered.")


def _request_information(request, case, data):
    casework.request_information(
        case=case,
        actor=request.user,
        message=data["message"],
        base_url=_public_base_url(request),
    )
    return _("Request sent; the case waits for the answer.")


def _movement(function, done):
    def act(request, case, data):
        function(case=case, actor=request.user, reason=data["reason"])
        return done

    return act


ACTIONS = {
    "request_information": (forms.InformationRequestForm, _request_information),
    "communicate": (forms.CommunicateForm, _communicate),
    "letter_printed": (forms.LetterForm, _letter_printed),
    "letter_delivered": (forms.LetterForm, _letter_delivered),
    "assign": (forms.AssignForm, _assign),
    "route_to_cbp": (
        forms.ReasonForm,
        _movement(routing.route_to_cbp, _("Case routed to CBP.")),
    ),
    "route_to_uscis": (
        forms.ReasonForm,
        _movement(routing.route_to_uscis, _("Case routed to USCIS.")),
    ),
    "not_disenrollment": (
        forms.ReasonForm,
        _movement(routing.mark_not_disenrollment_request, _("Case kept with program personnel.")),
    ),
    "close_withdrawn": (
        forms.ReasonForm,
        _movement(routing.close_as_withdrawn, _("Case closed as withdrawn.")),
    ),
    "close_duplicate": (forms.DuplicateForm, _close_duplicate),
    "refer_to_uscis": (
        forms.ReasonForm,
        _movement(routing.refer_to_uscis, _("Case referred to USCIS.")),
    ),
    "return_to_cbp": (
        forms.ReasonForm,
        _movement(routing.return_to_cbp, _("Case returned to CBP.")),
    ),
    "note": (forms.NoteForm, _note),
    "upload": (forms.UploadForm, _upload),
    "record_outcome": (forms.OutcomeForm, _outcome),
    "close_case": (
        forms.ReasonForm,
        _movement(casework.close_completed_case, _("Case closed.")),
    ),
}


@require_POST
def act_on_case(request, case_id, action):
    if not may_use_back_office(request.user) or action not in ACTIONS:
        raise Http404
    case = access.case_for_user(request.user, case_id)
    if own_component(request.user) is None and action != "assign":
        raise Http404
    form_class, act = ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _case_page(case_id)
    try:
        done = act(request, case, form.cleaned_data)
    except PermissionDenied as refusal:
        messages.error(request, refusal.args[0] if refusal.args else _("Not allowed."))
    except IllegalTransition:
        messages.error(request, _("The case is no longer in a state that allows this."))
    except InvalidCaseData as problem:
        messages.error(request, problem.args[0] if problem.args else _("Check the form."))
    else:
        messages.success(request, done)
    if not _still_visible(request.user, case_id):
        return redirect("admin:queues_mycase_changelist")
    return _case_page(case_id)


def _still_visible(user, case_id) -> bool:
    return access.cases_visible_to(user).filter(pk=case_id).exists()
