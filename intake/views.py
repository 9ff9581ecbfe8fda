"""The public pages: the multi-step request form, its confirmation and the tear sheet."""

import io
import logging
import secrets

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited
from formtools.wizard.views import NamedUrlSessionWizardView

from cases.models import TEXT_CHANNELS, Channel, SubmitterType
from cases.selectors import case_for_submission_token, channels_used
from intake import forms, services
from intake.contact import reachable
from intake.summary import review_sections
from intake.uploads import UploadRejected, accept_upload, discard_held

STEPS = [
    ("privacy", forms.PrivacyForm),
    ("submitter", forms.SubmitterForm),
    ("enrollee", forms.EnrolleeForm),
    ("representative", forms.RepresentativeForm),
    ("preparer", forms.PreparerForm),
    ("concern", forms.ConcernForm),
    ("documents", forms.DocumentsForm),
    ("review", forms.ReviewForm),
]
logger = logging.getLogger(__name__)
UPLOAD_STEPS = {"representative": "g28", "documents": "files"}
CONFIRMATION_KEY = "intake_confirmation"
TOKEN_FIELD = "submission_token"  # noqa: S105 - a form field name, not a secret
SUBMISSION_RATE = "5/h"


def _submitter_is(kind):
    def condition(wizard):
        data = wizard.get_cleaned_data_for_step("submitter") or {}
        return data.get("submitter_type") == kind

    return condition


def landing(request):
    return render(request, "intake/landing.html")


@method_decorator(never_cache, name="dispatch")
class RequestWizard(NamedUrlSessionWizardView):
    form_list = STEPS
    condition_dict = {
        "representative": _submitter_is(SubmitterType.REPRESENTATIVE),
        "preparer": _submitter_is(SubmitterType.PREPARER),
    }
    template_name = "intake/step.html"
    # Required by formtools for file fields; unused, as process_step_files hands it nothing.
    file_storage = default_storage

    # Files are held by intake.uploads as they arrive, not by formtools.
    def process_step_files(self, form):
        return {}

    def get_form(self, step=None, data=None, files=None):
        return super().get_form(step=step, data=data, files=None)

    def _uploads(self) -> dict:
        return self.storage.extra_data.setdefault("uploads", {})

    def _hold_posted_files(self):
        # The step the page was for, as formtools itself reads it from the management form.
        step = self.request.POST.get(f"{self.prefix}-current_step", self.steps.current)
        if step not in UPLOAD_STEPS:
            return []
        uploads = self._uploads()
        held = uploads.setdefault(step, [])
        removed = set(self.request.POST.getlist(f"{step}-remove"))
        kept = [item for item in held if item["key"] not in removed]
        discard_held([item for item in held if item["key"] in removed])
        errors = []
        everything = [item for items in uploads.values() for item in items]
        for uploaded in self.request.FILES.getlist(f"{step}-{UPLOAD_STEPS[step]}"):
            try:
                item = accept_upload(uploaded, already_held=everything)
            except UploadRejected as rejected:
                errors.append(rejected.args[0])
                continue
            kept.append(item.as_session_data())
            everything.append(item.as_session_data())
        uploads[step] = kept
        self.storage.extra_data = {**self.storage.extra_data, "uploads": uploads}
        return errors

    def _submission_token(self) -> str:
        # One token per filling-in of the form; the case is stored with it (exactly once).
        token = self.storage.extra_data.get(TOKEN_FIELD)
        if not token:
            token = secrets.token_urlsafe(24)
            self.storage.extra_data = {**self.storage.extra_data, TOKEN_FIELD: token}
        return token

    def post(self, *args, **kwargs):
        # Back-and-resubmit after the case was opened: show its confirmation again.
        already = case_for_submission_token(self.request.POST.get(TOKEN_FIELD, ""))
        if already is not None:
            return _confirm(self.request, already)
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step is not None and posted_step not in self.get_form_list():
            # A page for a step this person's answers skip (or no step at all): show theirs.
            return self.render_goto_step(self.steps.current)
        self._upload_errors = self._hold_posted_files()
        return super().post(*args, **kwargs)

    def get_form_kwargs(self, step=None):
        if step in UPLOAD_STEPS:
            is_current = step == self.request.POST.get(f"{self.prefix}-current_step")
            return {
                "held_uploads": self._uploads().get(step, []),
                "upload_errors": getattr(self, "_upload_errors", []) if is_current else [],
            }
        return {}

    def process_step(self, form):
        data = super().process_step(form)
        if self.steps.current == "privacy":
            self.storage.extra_data = {
                **self.storage.extra_data,
                "acknowledged_at": timezone.now().isoformat(),
            }
            self._language = form.cleaned_data["language"]
        return data

    def get_step_url(self, step):
        with translation.override(getattr(self, "_language", None) or translation.get_language()):
            return reverse(self.url_name, kwargs={"step": step})

    def get_prefix(self, request, *args, **kwargs):
        return "intake"

    def get_form_initial(self, step):
        if step == "privacy":
            return {"language": translation.get_language()}
        return {}

    def answers(self) -> dict:
        answers = {step: self.get_cleaned_data_for_step(step) for step in self.get_form_list()}
        answers["privacy"] = {
            **(answers.get("privacy") or {}),
            "acknowledged_at": self.storage.extra_data.get("acknowledged_at"),
        }
        return answers

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context["step_number"] = self.steps.step1
        context["step_count"] = self.steps.count
        context["held_uploads"] = self._uploads().get(step, [])
        context["language_codes"] = [code for code, _name in forms.NATIVE_LANGUAGE_NAMES]
        context["vulnerability_hint"] = forms.VULNERABILITY_HINT
        if step == "review":
            context["no_channel"] = not reachable(self.answers(), translation.get_language())
            context[TOKEN_FIELD] = self._submission_token()
            context["sections"] = review_sections(
                form_classes=self.get_form_list(), answers=self.answers(), uploads=self._uploads()
            )
        return context

    def get_template_names(self):
        return [f"intake/steps/{self.steps.current}.html"]

    def render_done(self, form, **kwargs):
        response = super().render_done(form, **kwargs)
        if kwargs.get("step") == self.done_step_name:
            # Nothing of the answers stays in the session once the case holds them.
            self.request.session.pop(self.storage.prefix, None)
        return response

    def done(self, form_list, **kwargs):
        if _submitting_too_often(self.request):
            return render(self.request, "intake/too_many.html", status=429)
        token = self._submission_token()
        already = case_for_submission_token(token)
        if already is not None:  # a double click or a retried request
            return _confirm(self.request, already)
        answers = self.answers()
        uploads = {step: self._uploads().get(step, []) for step in answers if step in UPLOAD_STEPS}
        case = services.submit_request(
            answers=answers, uploads=uploads, language=translation.get_language(), token=token
        )
        return _confirm(self.request, case)


def _submitting_too_often(request) -> bool:
    try:
        return is_ratelimited(
            request, group="intake-submit", key="ip", rate=SUBMISSION_RATE, increment=True
        )
    except Exception:  # the cache (Redis) is down: a lost submission is worse than a flood
        logger.warning("rate limit unavailable; submission allowed")
        return False


def _confirm(request, case):
    channels = channels_used(case)
    request.session[CONFIRMATION_KEY] = {
        "case_number": case.case_number,
        "emailed": Channel.EMAIL in channels,
        "texted": bool(channels & set(TEXT_CHANNELS)),
    }
    return redirect("intake:confirmation")


request_wizard = RequestWizard.as_view(url_name="intake:request_step", done_step_name="submitted")


@never_cache
def confirmation(request):
    confirmed = request.session.get(CONFIRMATION_KEY)
    if not confirmed:
        return redirect("intake:request")
    return render(request, "intake/confirmation.html", {"confirmed": confirmed})


def _form_address(request):
    return settings.INTAKE_PUBLIC_URL or request.build_absolute_uri(reverse("intake:landing"))


def tear_sheet(request):
    return render(request, "intake/tear_sheet.html", {"address": _form_address(request)})


def qr_code(request):
    """The form's address as an SVG QR code, for the printed tear sheet."""
    image = qrcode.make(
        _form_address(request), image_factory=qrcode.image.svg.SvgPathImage, box_size=8
    )
    svg = io.BytesIO()
    image.save(svg)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")
