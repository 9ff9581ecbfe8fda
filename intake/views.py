"""The public request form: one step a page, and nothing typed is ever lost.

The answers live in the session (formtools' NamedUrlSessionWizardView); files are held by
``intake.uploads`` as they arrive. Besides "Continue", a step page can be left by "Back",
"Save and continue later" or a language button: each keeps what was typed on the page, as
typed, without checking it (``typed`` in the wizard's data) and shows it again there. Nothing
is accepted before the privacy notice is acknowledged: a later step opened without it leads to
the notice, or, when the page was sent, to the page that says the answers are gone.
"""

import math

from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from formtools.wizard.views import NamedUrlSessionWizardView

from cases.errors import InvalidCaseData
from cases.models import TEXT_CHANNELS, Channel, SubmitterType
from cases.selectors import case_for_submission_token, channels_used
from intake import drafts, forms, limits, services
from intake.addresses import public_address
from intake.contact import reachable
from intake.statements import VULNERABILITY_HINT
from intake.summary import review_sections
from intake.uploads import UploadRejected, accept_upload, discard_held, open_held

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
UPLOAD_STEPS = {"representative": "g28", "documents": "files"}
THIRD_PERSON_STEPS = ("enrollee", "concern", "review")
CONFIRMATION_KEY = "intake_confirmation"
ARRIVED_KEY = "intake_arrived_without_answers"
SAVED_KEY = "intake_saved"
WIZARD_KEY = "wizard_intake"  # formtools' session key for this form (prefix "intake")
TOKEN_FIELD = "submission_token"  # noqa: S105 - a form field name, not a secret
ACTION_FIELD = "intake-action"
CONTINUE, SAVE, BACK, LANGUAGE = "continue", "save", "back", "language:"


def _submitter_is(kind):
    def condition(wizard):
        data = wizard.get_cleaned_data_for_step("submitter") or {}
        return data.get("submitter_type") == kind

    return condition


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

    # The wizard's own data -------------------------------------------------------------------

    def _extra(self) -> dict:
        return self.storage.extra_data

    def _update_extra(self, **values):
        self.storage.extra_data = {**self.storage.extra_data, **values}

    def _acknowledged(self) -> bool:
        return bool(self._extra().get("acknowledged_at"))

    def _uploads(self) -> dict:
        return self._extra().get("uploads", {})

    def _typed(self, step):
        return self._extra().get("typed", {}).get(step)

    def _keep_typed(self, step):
        prefix = f"{step}-"
        typed = {
            key: values
            for key, values in self.request.POST.lists()
            if key.startswith(prefix) and not key.endswith("-remove")
        }
        self._update_extra(typed={**self._extra().get("typed", {}), step: typed})

    def _forget_typed(self, step):
        typed = dict(self._extra().get("typed", {}))
        typed.pop(step, None)
        self._update_extra(typed=typed)

    def _submission_token(self) -> str:
        # One token per filling-in of the form; the case is stored with it (exactly once).
        token = self._extra().get(TOKEN_FIELD)
        if not token:
            token = services.new_submission_token()
            self._update_extra(**{TOKEN_FIELD: token})
        return token

    def _someone_else(self) -> bool:
        data = self.get_cleaned_data_for_step("submitter") or {}
        return data.get("submitter_type", SubmitterType.ENROLLEE) != SubmitterType.ENROLLEE

    def message_language(self, steps=("review", "privacy")) -> str:
        """The language chosen for our messages: on the review page, else on the first step."""
        for step in steps:
            typed = self._typed(step) or {}
            chosen = (typed.get(f"{step}-language") or [None])[0]
            chosen = chosen or (self.get_cleaned_data_for_step(step) or {}).get("language")
            if chosen in dict(forms.NATIVE_LANGUAGE_NAMES):
                return chosen
        return translation.get_language()

    # Held files ------------------------------------------------------------------------------

    def _hold_posted_files(self, step):
        if step not in UPLOAD_STEPS:
            return []
        uploads = dict(self._uploads())
        held = uploads.get(step, [])
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
        lost = dict(self._extra().get("lost", {}))
        lost.pop(step, None)  # the page was sent again: its notes about lost files are read
        self._update_extra(uploads=uploads, lost=lost)
        return errors

    def _drop_missing_uploads(self):
        """Held files that are gone (removed on another phone sharing the saved request, or
        by the cleanup): forgotten, with a note for their step. Returns the first such step."""
        uploads, lost = dict(self._uploads()), dict(self._extra().get("lost", {}))
        first = None
        for step in self.get_form_list():
            present = []
            for item in uploads.get(step, []):
                try:
                    open_held(item).close()
                except FileNotFoundError:
                    lost.setdefault(step, []).append(item["display_name"])
                    first = first or step
                    continue
                present.append(item)
            if step in uploads:
                uploads[step] = present
        if first:
            self._update_extra(uploads=uploads, lost=lost)
        return first

    # Forms -----------------------------------------------------------------------------------

    def process_step_files(self, form):
        return {}

    def get_form(self, step=None, data=None, files=None):
        return super().get_form(step=step, data=data, files=None)

    def get_form_kwargs(self, step=None):
        kwargs = {}
        if step in THIRD_PERSON_STEPS:
            kwargs["someone_else"] = self._someone_else()
        if step in UPLOAD_STEPS:
            is_current = step == self.request.POST.get(f"{self.prefix}-current_step")
            lost = [
                _("We could not keep %(name)s. Please attach it again.") % {"name": name}
                for name in self._extra().get("lost", {}).get(step, [])
            ]
            kwargs["held_uploads"] = self._uploads().get(step, [])
            kwargs["upload_errors"] = lost + (
                getattr(self, "_upload_errors", []) if is_current else []
            )
        return kwargs

    def get_form_initial(self, step):
        typed = self._typed(step)
        if typed is not None:
            return {
                key[len(step) + 1 :]: values if len(values) > 1 else values[0]
                for key, values in typed.items()
            }
        if step == "privacy":
            return {"language": translation.get_language()}
        if step == "review":
            return {"language": self.message_language(steps=("privacy",))}
        return {}

    def process_step(self, form):
        data = super().process_step(form)
        step = self.steps.current
        self._forget_typed(step)
        if step == "privacy":
            self._update_extra(acknowledged_at=timezone.now().isoformat())
            self._language = form.cleaned_data["language"]
        return data

    def get_step_url(self, step):
        with translation.override(getattr(self, "_language", None) or translation.get_language()):
            return reverse(self.url_name, kwargs={"step": step})

    def get_prefix(self, request, *args, **kwargs):
        return "intake"

    # Requests --------------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if step is not None and step != self.steps.first and not self._acknowledged():
            return self._without_answers()
        if step == self.done_step_name:
            return self._submit(*args, **kwargs)
        if step in self.get_form_list():
            if request.GET.get("from") == "review":
                self._update_extra(return_to_review=True)
            if self._typed(step) is not None:
                self.storage.current_step = step
                return self.render(self.get_form(step))
        return super().get(request, *args, **kwargs)

    def _without_answers(self):
        if self.request.session.get(CONFIRMATION_KEY):
            # Back, a reload or a retried request after submitting: the same confirmation.
            return redirect("intake:confirmation")
        self.request.session[ARRIVED_KEY] = True
        return redirect(self.get_step_url(self.steps.first))

    def post(self, *args, **kwargs):
        # Back-and-resubmit after the case was opened: show its confirmation again.
        already = case_for_submission_token(self.request.POST.get(TOKEN_FIELD, ""))
        if already is not None:
            return _confirm(self.request, already)
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step != self.steps.first and not self._acknowledged():
            # Nothing is accepted before the notice; the session that held it is gone.
            return render(self.request, "intake/session_lost.html")
        if posted_step not in self.get_form_list():
            # A page for a step this person's answers skip (or no step at all): show theirs.
            return self.render_goto_step(self.steps.current)
        self._upload_errors = self._hold_posted_files(posted_step)
        action = self.request.POST.get(ACTION_FIELD, CONTINUE)
        if action != CONTINUE:
            return self._leave_step(posted_step, action)
        return super().post(*args, **kwargs)

    def _leave_step(self, step, action):
        self._keep_typed(step)
        self.storage.current_step = step
        if self._upload_errors:  # say which file was refused and why before leaving the page
            form = self.get_form(step=step, data=self.request.POST)
            form.is_valid()
            return self.render(form)
        if action == SAVE and self._acknowledged():
            self.save_draft()
            return redirect("intake:saved")
        if action == BACK and self.get_prev_step(step):
            return redirect(self.get_step_url(self.get_prev_step(step)))
        code = action.removeprefix(LANGUAGE)
        if action.startswith(LANGUAGE) and code in dict(forms.NATIVE_LANGUAGE_NAMES):
            with translation.override(code):
                return redirect(reverse(self.url_name, kwargs={"step": step}))
        return redirect(self.get_step_url(step))

    def render_next_step(self, form, **kwargs):
        if not self._extra().get("return_to_review"):
            return super().render_next_step(form, **kwargs)
        # After "Change" on the review page: back to it, through any step the change added.
        unanswered = [
            step
            for step in self.get_form_list()
            if step != self.steps.current and self.storage.get_step_data(step) is None
        ]
        target = unanswered[0] if unanswered else "review"
        if target == "review":
            self._update_extra(return_to_review=False)
        self.storage.current_step = target
        return redirect(self.get_step_url(target))

    # Saving ----------------------------------------------------------------------------------

    def save_draft(self) -> drafts.SavedDraft:
        self._submission_token()  # one request, one case, whichever phone sends it
        data = {**self.storage.data}
        extra = {key: value for key, value in self._extra().items() if key != "draft_code"}
        data["extra_data"] = extra  # the code itself never goes into the draft
        saved = drafts.save_draft(
            data=data,
            language=self.message_language(),
            code=self._extra().get("draft_code", ""),
            resume_url=public_address(self.request, reverse("intake:resume")),
        )
        self._update_extra(draft_code=saved.code)
        self.request.session[SAVED_KEY] = {
            "code": saved.code,
            "kept_until": saved.expires_at.isoformat(),
            "emailed_to": saved.emailed_to,
            "texted_to": saved.texted_to,
            "step": self.steps.current,
        }
        return saved

    # Submitting ------------------------------------------------------------------------------

    def _submit(self, *args, **kwargs):
        wait = limits.seconds_until_allowed(self.request, limits.SUBMISSION_LIMITS)
        if wait:
            return self._limit_reached(wait)
        step_with_lost_file = self._drop_missing_uploads()
        if step_with_lost_file:
            return redirect(self.get_step_url(step_with_lost_file))
        return super().get(self.request, *args, **kwargs)

    def _limit_reached(self, wait_seconds):
        saved = self.save_draft()
        response = render(
            self.request,
            "intake/too_many.html",
            {
                "saved": saved,
                "minutes": max(1, math.ceil(wait_seconds / 60)),
                "submit_url": self.get_step_url(self.done_step_name),
                "review_url": self.get_step_url("review"),
            },
            status=429,
        )
        response["Retry-After"] = str(wait_seconds)
        return response

    def answers(self) -> dict:
        answers = {step: self.get_cleaned_data_for_step(step) for step in self.get_form_list()}
        answers["privacy"] = {
            **(answers.get("privacy") or {}),
            "acknowledged_at": self._extra().get("acknowledged_at"),
        }
        return answers

    def render_done(self, form, **kwargs):
        # formtools' own, except that the answers are forgotten only once a case holds them.
        if kwargs.get("step") != self.done_step_name:
            return redirect(self.get_step_url(self.done_step_name))
        final_forms = {}
        for step in self.get_form_list():
            form_obj = self.get_form(step=step, data=self.storage.get_step_data(step))
            if not form_obj.is_valid():
                return self.render_revalidation_failure(step, form_obj, **kwargs)
            final_forms[step] = form_obj
        case = self.done(list(final_forms.values()), form_dict=final_forms, **kwargs)
        if case is None:  # nothing was opened; the answers stay
            return redirect(self.get_step_url(self._drop_missing_uploads() or "review"))
        drafts.discard_draft(self._extra().get("draft_code", ""))
        self.storage.reset()
        self.request.session.pop(self.storage.prefix, None)
        self.request.session.pop(SAVED_KEY, None)
        return _confirm(self.request, case)

    def done(self, form_list, form_dict=None, **kwargs):
        token = self._submission_token()
        already = case_for_submission_token(token)
        if already is not None:  # a double click or a retried request
            return already
        answers = self.answers()
        uploads = {step: self._uploads().get(step, []) for step in answers if step in UPLOAD_STEPS}
        try:
            case = services.submit_request(
                answers=answers,
                uploads=uploads,
                language=form_dict["review"].cleaned_data["language"]
                or self.message_language(steps=("privacy",)),
                token=token,
            )
        except services.HeldFileMissing:
            return None  # the step that lost a file says so
        except InvalidCaseData as refused:
            self._update_extra(submit_error=str(refused))
            return None
        limits.count(self.request, limits.SUBMISSION_LIMITS)
        return case

    # Pages -----------------------------------------------------------------------------------

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context["step_number"] = self.steps.step1
        context["step_count"] = self.steps.count
        context["held_uploads"] = self._uploads().get(step, [])
        context["language_codes"] = [code for code, _name in forms.NATIVE_LANGUAGE_NAMES]
        context["vulnerability_hint"] = VULNERABILITY_HINT
        context["someone_else"] = self._someone_else()
        context["step_form_id"] = "step-form"
        if step == self.steps.first:
            context["arrived_without_answers"] = self.request.session.pop(ARRIVED_KEY, False)
        if step == "review":
            context["submit_error"] = self._extra().get("submit_error", "")
            context["no_channel"] = not reachable(self.answers(), self.message_language())
            context[TOKEN_FIELD] = self._submission_token()
            context["sections"] = review_sections(
                form_classes=self.get_form_list(),
                answers=self.answers(),
                uploads=self._uploads(),
                someone_else=self._someone_else(),
            )
        return context

    def get_template_names(self):
        return [f"intake/steps/{self.steps.current}.html"]


def _confirm(request, case):
    channels = channels_used(case)
    request.session[CONFIRMATION_KEY] = {
        "case_number": case.case_number,
        "emailed": Channel.EMAIL in channels,
        "texted": bool(channels & set(TEXT_CHANNELS)),
        "submitter_type": case.submitter_type,
        "received_on": timezone.localdate(case.received_at or timezone.now()).isoformat(),
    }
    return redirect("intake:confirmation")


request_wizard = RequestWizard.as_view(url_name="intake:request_step", done_step_name="submitted")
