"""Small views behind the case page: the audited download, the printable decision, the actions.

Each action (``staff.actions``) is one POST, read by its form, that calls one service; refusals
come back as translated messages on the case page, or on the action's confirmation page.
"""

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
from cases.services.communications import communication_for_print
from cases.services.documents import open_document_for_download
from routing import access
from staff.actions import ACTIONS, EDITABLE_ON_CONFIRMATION, preview_digest
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


@require_POST
def act_on_case(request, case_id, action):
    """One action of the case page. An irreversible one shows its confirmation page first."""
    if not may_use_back_office(request.user) or action not in ACTIONS:
        raise Http404
    case = access.case_for_user(request.user, case_id)
    if own_component(request.user) is None and action != "assign":
        raise Http404
    spec = ACTIONS[action]
    form = spec.form(request.POST, request.FILES)
    confirmed = request.POST.get("confirmed") == "yes"
    if spec.confirm is not None and not confirmed:
        return _confirmation_page(request, case, action, spec, form, first_visit=True)
    if not form.is_valid():
        if spec.confirm is not None:
            return _confirmation_page(request, case, action, spec, form)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _case_page(case_id)
    try:
        if spec.confirm is not None and spec.confirm.preview is not None:
            shown = request.POST.get("preview_digest", "")
            if shown != preview_digest(spec.confirm.preview(request, case, form.cleaned_data)):
                # The text changed since it was shown (a template edited meanwhile): show it again.
                return _confirmation_page(request, case, action, spec, form, changed=True)
        done = spec.perform(request, case, form.cleaned_data)
    except PermissionDenied as refusal:
        messages.error(request, refusal.args[0] if refusal.args else _("Not allowed."))
    except IllegalTransition:
        messages.error(request, _("The case is no longer in a state that allows this."))
    except InvalidCaseData as problem:
        if spec.confirm is not None:
            return _confirmation_page(request, case, action, spec, form, problem=problem)
        messages.error(request, problem.args[0] if problem.args else _("Check the form."))
    else:
        messages.success(request, done)
    if not _still_visible(request.user, case_id):
        return redirect("admin:queues_mycase_changelist")
    return _case_page(case_id)


def _confirmation_page(
    request, case, action, spec, form, *, first_visit=False, changed=False, problem=None
):
    """What the action will do, the fields it needs, and for a decision the exact messages."""
    preview, digest = [], ""
    if spec.confirm.preview is not None and problem is None and form.is_valid():
        try:
            preview = spec.confirm.preview(request, case, form.cleaned_data)
            digest = preview_digest(preview)
        except (InvalidCaseData, PermissionDenied) as refusal:
            problem = refusal
    context = {
        **admin.site.each_context(request),
        "case": case,
        "action": action,
        "confirm": spec.confirm,
        "form": form,
        # On the first visit the form is only shown, not judged (its reason is asked here).
        "show_errors": not first_visit,
        "problem": problem.args[0] if problem is not None and problem.args else None,
        "changed": changed,
        "preview": preview,
        "preview_digest": digest,
        "chosen": (
            spec.confirm.describe(request, case, request.POST) if spec.confirm.describe else []
        ),
        "editable": EDITABLE_ON_CONFIRMATION,
        "title": spec.confirm.question,
    }
    return TemplateResponse(request, "staff/confirm_action.html", context)


def _still_visible(user, case_id) -> bool:
    return access.cases_visible_to(user).filter(pk=case_id).exists()
