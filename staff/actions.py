"""The actions of the case page: each one form, one service call, and what staff are told.

Irreversible actions ask first: the first POST shows a confirmation page (what will happen, the
reason where the record needs one, and for a decision the exact messages that will go out);
only its "confirmed" POST acts. A decision's preview carries a digest of the messages, so a
template edited between the preview and the confirmation is shown again instead of sent.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.components import COMPONENTS
from cases.errors import InvalidCaseData
from cases.selectors import case_by_number
from routing import access, casework
from routing import services as routing
from staff import forms
from staff.case_page import own_component


@dataclass(frozen=True)
class Confirmation:
    question: Promise
    consequence: Promise
    button: Promise
    # (request, case, cleaned data) -> the messages that would go out, for a preview.
    preview: Callable | None = None
    # (request, case, posted data) -> (label, value) lines saying what was chosen.
    describe: Callable | None = None


@dataclass(frozen=True)
class CaseAction:
    form: type
    perform: Callable  # (request, case, cleaned data) -> what to tell staff
    confirm: Confirmation | None = None


def preview_digest(messages) -> str:
    text = "\x1e".join(
        f"{m.recipient}\x1f{m.channel}\x1f{m.to_address}\x1f{m.subject}\x1f{m.body}"
        for m in messages
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _assign(request, case, data):
    officer = request.user if data["to"] == "me" else data["officer"]
    if officer is None:
        routing.take_back(case=case, actor=request.user)
        return _("Case returned to the queue.")
    routing.assign_to_officer(case=case, officer=officer, actor=request.user)
    return _("Case assigned.")


def _undo_assignment(request, case, data):
    routing.undo_assignment(case=case, actor=request.user)
    return _("Assignment undone.")


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


def _chosen_outcome(request, case, data):
    module = COMPONENTS.get(own_component(request.user))
    outcome = data.get("outcome", "")
    label = module.outcome_label(outcome) if module and outcome else _("none chosen")
    return [(_("Outcome"), label)]


def _decision_preview(request, case, data):
    return casework.decision_preview(
        case=case, actor=request.user, port=data["port"], present_at=data["present_at"]
    )


def _amendment_preview(request, case, data):
    return casework.decision_preview(
        case=case,
        actor=request.user,
        port=data["port"],
        present_at=data["present_at"],
        amending=True,
    )


def _communicate(request, case, data):
    casework.communicate_decision(
        case=case, actor=request.user, port=data["port"], present_at=data["present_at"]
    )
    return _("Decision communicated.")


def _amend(request, case, data):
    casework.amend_decision(
        case=case,
        actor=request.user,
        reason=data["reason"],
        port=data["port"],
        present_at=data["present_at"],
    )
    return _("Corrected notice sent; the earlier one is kept, marked superseded.")


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


def _reopen(request, case, data):
    routing.reopen_case(case=case, actor=request.user, reason=data["reason"])
    return _("Case reopened.")


def public_base_url(request) -> str:
    """Where links in messages to the requestor point: the public site's address."""
    configured = urlsplit(settings.INTAKE_PUBLIC_URL or "")
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}"
    return request.build_absolute_uri("/")


def _request_information(request, case, data):
    casework.request_information(
        case=case,
        actor=request.user,
        message=data["message"],
        base_url=public_base_url(request),
    )
    return _("Request sent; the case waits for the answer.")


def _answer_read(request, case, data):
    casework.mark_answer_read(case=case, actor=request.user, request_id=data["request"])
    return _("Answer marked as read.")


def _movement(function, done):
    def act(request, case, data):
        function(case=case, actor=request.user, reason=data["reason"])
        return done

    return act


ACTIONS = {
    "request_information": CaseAction(forms.InformationRequestForm, _request_information),
    "answer_read": CaseAction(forms.AnswerReadForm, _answer_read),
    "communicate": CaseAction(
        forms.CommunicateForm,
        _communicate,
        Confirmation(
            question=_("Send this decision?"),
            consequence=_(
                "These messages go out as shown, in the case's language. A sent decision is "
                "never edited: a mistake is corrected by an amended notice."
            ),
            button=_("Send the decision as shown"),
            preview=_decision_preview,
        ),
    ),
    "amend_decision": CaseAction(
        forms.AmendDecisionForm,
        _amend,
        Confirmation(
            question=_("Send a corrected notice?"),
            consequence=_(
                "The corrected notice goes out as shown; the earlier one stays on the case, "
                "marked superseded, and the correction is recorded with your reason."
            ),
            button=_("Send the corrected notice"),
            preview=_amendment_preview,
        ),
    ),
    "letter_printed": CaseAction(forms.LetterForm, _letter_printed),
    "letter_delivered": CaseAction(forms.LetterForm, _letter_delivered),
    "assign": CaseAction(forms.AssignForm, _assign),
    "undo_assignment": CaseAction(forms.ReasonForm, _undo_assignment),
    "route_to_cbp": CaseAction(
        forms.ReasonForm, _movement(routing.route_to_cbp, _("Case routed to CBP."))
    ),
    "route_to_uscis": CaseAction(
        forms.ReasonForm, _movement(routing.route_to_uscis, _("Case routed to USCIS."))
    ),
    "not_disenrollment": CaseAction(
        forms.ReasonForm,
        _movement(routing.mark_not_disenrollment_request, _("Case kept with program personnel.")),
    ),
    "close_withdrawn": CaseAction(
        forms.RequiredReasonForm,
        _movement(routing.close_as_withdrawn, _("Case closed as withdrawn.")),
        Confirmation(
            question=_("Close this case as withdrawn?"),
            consequence=_(
                "The case leaves every queue and no component may edit it. Program personnel "
                "can reopen it, with a reason."
            ),
            button=_("Close as withdrawn"),
        ),
    ),
    "close_duplicate": CaseAction(
        forms.DuplicateForm,
        _close_duplicate,
        Confirmation(
            question=_("Close this case as a duplicate?"),
            consequence=_(
                "The case is closed and points to the original; work goes on there. Program "
                "personnel can reopen it, with a reason."
            ),
            button=_("Close as a duplicate"),
        ),
    ),
    "refer_to_uscis": CaseAction(
        forms.ReasonForm, _movement(routing.refer_to_uscis, _("Case referred to USCIS."))
    ),
    "return_to_cbp": CaseAction(
        forms.ReasonForm, _movement(routing.return_to_cbp, _("Case returned to CBP."))
    ),
    "note": CaseAction(forms.NoteForm, _note),
    "upload": CaseAction(forms.UploadForm, _upload),
    "record_outcome": CaseAction(
        forms.OutcomeForm,
        _outcome,
        Confirmation(
            question=_("Record this outcome?"),
            describe=_chosen_outcome,
            consequence=_(
                "The outcome decides the case; it then waits for program personnel to "
                "communicate the decision. An outcome is not changed afterwards."
            ),
            button=_("Record the outcome"),
        ),
    ),
    "record_finding": CaseAction(
        forms.OutcomeForm,
        _outcome,
        Confirmation(
            question=_("Record this audit finding?"),
            consequence=_(
                "The finding and its reason are kept on the case. Changing it later keeps this "
                "one, with who recorded it and when, in the case's history."
            ),
            button=_("Record the finding"),
            describe=_chosen_outcome,
        ),
    ),
    "close_case": CaseAction(
        forms.ReasonForm,
        _movement(casework.close_completed_case, _("Case closed.")),
        Confirmation(
            question=_("Close this case?"),
            consequence=_(
                "The decision was communicated; closing ends the work on the case. Program "
                "personnel can reopen it, with a reason."
            ),
            button=_("Close the case"),
        ),
    ),
    "reopen": CaseAction(
        forms.ReopenForm,
        _reopen,
        Confirmation(
            question=_("Reopen this closed case?"),
            consequence=_(
                "The case goes back to where it stood before it was closed, and your reason is "
                "kept with it."
            ),
            button=_("Reopen the case"),
        ),
    ),
}


# What the confirmation page lets staff type or correct; every other field rides along hidden.
EDITABLE_ON_CONFIRMATION = frozenset({"reason", "port", "present_date", "present_time", "original"})
