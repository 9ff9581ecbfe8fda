"""Small views behind the case page: the audited download and the actions' forms.

Each action is one POST that calls one service; refusals come back as translated messages.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from cases import services as case_services
from cases.models import Communication
from cases.selectors import case_by_number
from routing import access
from routing import services as routing
from routing.staff import decisions, information, services
from routing.staff.case_file import own_component
from routing.staff.selectors import may_use_back_office, officers


def _case_page(case_id):
    return redirect("admin:routing_casefile_change", case_id)


def download_document(request, case_id, document_id):
    """Stream a clean document as an attachment; every download is audited."""
    if not may_use_back_office(request.user):
        raise Http404
    document = access.document_for_user(request.user, document_id)
    if document.case_id != case_id:
        raise Http404("No document matches the given query.")
    try:
        stream = case_services.open_document_for_download(
            document=document, actor=request.user, request=request
        )
    except case_services.DocumentNotDownloadable:
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
    holder = routing.holding_component(page.case)
    if holder is None or "assign" not in page.actions:
        return []
    return list(officers(roles_held=[holder]).only("pk", "username", "first_name", "last_name"))


def _officer(request):
    return get_user_model().objects.filter(pk=request.POST.get("officer") or None).first()


def _assign(request, case):
    officer = request.user if request.POST.get("to") == "me" else _officer(request)
    if officer is None:
        return routing.take_back(case=case, actor=request.user), _("Case returned to the queue.")
    routing.assign_to_officer(case=case, officer=officer, actor=request.user)
    return case, _("Case assigned.")


def _reason(request):
    return (request.POST.get("reason") or "").strip()[:500]


def _close_duplicate(request, case):
    original = case_by_number(request.POST.get("original", ""))
    if original is None:
        raise case_services.InvalidCaseData(_("Give the case number of the original case."))
    original = access.case_for_user(request.user, original)
    routing.close_as_duplicate(
        case=case, original=original, actor=request.user, reason=_reason(request)
    )
    return case, _("Case closed as a duplicate.")


def _note(request, case):
    services.record_analysis_note(
        case=case,
        actor=request.user,
        component=own_component(request.user),
        text=request.POST.get("text", ""),
        shared=request.POST.get("shared") == "on",
    )
    return case, _("Note added.")


def _upload(request, case):
    upload = request.FILES.get("file")
    if upload is None:
        raise case_services.InvalidCaseData(_("Choose a file to upload."))
    services.add_component_upload(
        case=case,
        actor=request.user,
        component=own_component(request.user),
        file=upload,
        display_name=upload.name,
        shared=request.POST.get("shared") == "on",
    )
    return case, _("File uploaded; it can be downloaded once scanned.")


def _outcome(request, case):
    services.record_outcome(
        case=case,
        actor=request.user,
        component=own_component(request.user),
        outcome=request.POST.get("outcome", ""),
        reason=_reason(request),
    )
    return case, _("Outcome recorded.")


def _movement(function, done):
    def act(request, case):
        function(case=case, actor=request.user, reason=_reason(request))
        return case, done

    return act


def _communicate(request, case):
    present_at = parse_datetime(request.POST.get("present_at", "") or "")
    if present_at is not None and timezone.is_naive(present_at):
        present_at = timezone.make_aware(present_at)
    decisions.communicate_decision(
        case=case,
        actor=request.user,
        port_of_entry=request.POST.get("port_of_entry", ""),
        present_at=present_at,
    )
    return case, _("Decision communicated.")


def print_communication(request, case_id, communication_id):
    """The decision as sent, on a page to print for delivery by other means."""
    if not may_use_back_office(request.user):
        raise Http404
    case = access.case_for_user(request.user, case_id)
    try:
        communication = decisions.communication_for_print(
            user=request.user, case=case, communication_id=communication_id, request=request
        )
    except Communication.DoesNotExist:
        raise Http404("No communication matches the given query.") from None
    return TemplateResponse(
        request,
        "admin/routing/casefile/print_communication.html",
        {"case": case, "communication": communication},
    )


def _public_base_url(request) -> str:
    configured = urlsplit(settings.INTAKE_PUBLIC_URL or "")
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}"
    return request.build_absolute_uri("/")


def _request_information(request, case):
    information.request_information(
        case=case,
        actor=request.user,
        message=request.POST.get("message", ""),
        base_url=_public_base_url(request),
    )
    return case, _("Request sent; the case waits for the answer.")


ACTIONS = {
    "request_information": _request_information,
    "communicate": _communicate,
    "assign": _assign,
    "route_to_cbp": _movement(routing.route_to_cbp, _("Case routed to CBP.")),
    "route_to_uscis": _movement(routing.route_to_uscis, _("Case routed to USCIS.")),
    "not_disenrollment": _movement(
        routing.mark_not_disenrollment_request, _("Case kept with program personnel.")
    ),
    "close_withdrawn": _movement(routing.close_as_withdrawn, _("Case closed as withdrawn.")),
    "close_duplicate": _close_duplicate,
    "refer_to_uscis": _movement(routing.refer_to_uscis, _("Case referred to USCIS.")),
    "return_to_cbp": _movement(routing.return_to_cbp, _("Case returned to CBP.")),
    "note": _note,
    "upload": _upload,
    "record_outcome": _outcome,
    "close_case": _movement(services.close_completed_case, _("Case closed.")),
}


def act_on_case(request, case_id, action):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not may_use_back_office(request.user) or action not in ACTIONS:
        raise Http404
    case = access.case_for_user(request.user, case_id)
    if own_component(request.user) is None and action != "assign":
        raise Http404
    try:
        _case, done = ACTIONS[action](request, case)
    except PermissionDenied as refusal:
        messages.error(request, refusal.args[0] if refusal.args else _("Not allowed."))
    except case_services.IllegalTransition:
        messages.error(request, _("The case is no longer in a state that allows this."))
    except case_services.InvalidCaseData as problem:
        messages.error(request, problem.args[0] if problem.args else _("Check the form."))
    else:
        messages.success(request, done)
    if not _still_visible(request.user, case_id):
        return redirect("admin:routing_mycase_changelist")
    return _case_page(case_id)


def _still_visible(user, case_id) -> bool:
    return access.cases_visible_to(user).filter(pk=case_id).exists()
