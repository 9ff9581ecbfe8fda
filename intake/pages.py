"""The public pages around the form: landing, confirmation and receipt, saved requests, the
tear sheet. The form itself is ``intake.views``."""

import datetime
import io

import qrcode
import qrcode.image.svg
from django import forms as django_forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from intake import drafts, limits, receipt
from intake.addresses import public_address
from intake.views import CONFIRMATION_KEY, SAVED_KEY, WIZARD_KEY

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CHOSEN_LANGUAGE = "lang"  # /?lang=en: English chosen on purpose, whatever the browser says


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
def landing(request):
    """/ follows the browser's language unless the person chose one (a language link)."""
    language = translation.get_language()
    chosen = request.GET.get(CHOSEN_LANGUAGE)
    unprefixed = translation.get_language_from_path(request.path_info) is None
    if unprefixed and chosen not in LANGUAGE_CODES:
        # The language cookie (a choice made before), else the browser's Accept-Language.
        wanted = translation.get_language_from_request(request)
        if wanted != language and wanted in LANGUAGE_CODES:
            return redirect(translate_url(request.path, wanted))
    response = render(request, "intake/landing.html")
    if chosen in LANGUAGE_CODES or not unprefixed:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


def _weeks_to_decide() -> int:
    # The program's own timeliness targets: triage, then a component's review.
    days = settings.QUEUE_OVERDUE_DAYS["triage"] + settings.QUEUE_OVERDUE_DAYS["cbp_review"]
    return max(1, -(-days // 7))


def _confirmation_context(request, confirmed):
    return {
        "confirmed": confirmed,
        "received_on": datetime.date.fromisoformat(confirmed["received_on"]),
        "preparer": confirmed.get("submitter_type") == "preparer",
        "weeks": _weeks_to_decide(),
        "status_address": public_address(request, reverse("intake:status")),
        "program_phone": settings.INTAKE_PROGRAM_PHONE,
        "program_postal_address": settings.INTAKE_PROGRAM_POSTAL_ADDRESS,
    }


@never_cache
def confirmation(request):
    confirmed = request.session.get(CONFIRMATION_KEY)
    if not confirmed or "received_on" not in confirmed:
        return redirect("intake:request")
    return render(request, "intake/confirmation.html", _confirmation_context(request, confirmed))


@never_cache
def confirmation_receipt(request):
    """The receipt to keep, as a PDF in the page's language."""
    confirmed = request.session.get(CONFIRMATION_KEY)
    if not confirmed or "received_on" not in confirmed:
        return redirect("intake:request")
    pdf = receipt.receipt_pdf(**_confirmation_context(request, confirmed))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{confirmed['case_number']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
def saved(request):
    """The resume code of the request just saved. Never in an address: read from the session."""
    kept = request.session.get(SAVED_KEY)
    if not kept:
        return redirect("intake:resume")
    with translation.override(translation.get_language()):
        continue_url = reverse("intake:request_step", kwargs={"step": kept["step"]})
    return render(
        request,
        "intake/saved.html",
        {
            "code": kept["code"],
            "kept_until": datetime.datetime.fromisoformat(kept["kept_until"]),
            "emailed_to": kept.get("emailed_to", []),
            "texted_to": kept.get("texted_to", []),
            "continue_url": continue_url,
            "keep_days": settings.DRAFT_KEEP_DAYS,
        },
    )


class ResumeForm(django_forms.Form):
    code = django_forms.CharField(
        label=_("Your resume code"),
        max_length=40,
        help_text=_("12 letters and digits, for example 7K4Q-M9M3-XZ2H."),
        error_messages={"required": _("Enter the resume code we gave you.")},
        widget=django_forms.TextInput(
            attrs={
                "class": "usa-input",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "aria-describedby": "id_code-hint",
            }
        ),
    )

    def clean_code(self):
        typed = drafts.read_resume_code(self.cleaned_data["code"])
        if typed.problem == "length":
            raise django_forms.ValidationError(
                _("A resume code has 12 letters and digits, for example 7K4Q-M9M3-XZ2H.")
            )
        if typed.problem == "check":
            raise django_forms.ValidationError(
                _("One of the characters is not right. Check the code and type it again.")
            )
        return typed.code


@never_cache
def resume(request):
    """Type the resume code (POST only: a code never travels in an address) to continue."""
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = limits.seconds_until_allowed(request, limits.RESUME_LIMITS)
        draft = None if wait else drafts.draft_for_code(form.cleaned_data["code"])
        if wait:
            form.add_error(
                "code",
                _("Too many codes were tried from here. Please try again in an hour."),
            )
        elif draft is None:
            limits.count(request, limits.RESUME_LIMITS)
            form.add_error(
                "code",
                _(
                    "We have no saved request with this code. A saved request is kept for "
                    "%(days)s days, and is gone once it has been sent."
                )
                % {"days": settings.DRAFT_KEEP_DAYS},
            )
        else:
            data, code = draft.data, form.cleaned_data["code"]
            data["extra_data"] = {**data.get("extra_data", {}), "draft_code": code}
            request.session.cycle_key()  # a new session id for what the code opened
            request.session[WIZARD_KEY] = data
            request.session.pop(CONFIRMATION_KEY, None)
            step = data.get("step") or "privacy"
            return redirect(reverse("intake:request_step", kwargs={"step": step}))
    for name in form.errors:
        form.fields[name].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": "id_code-hint id_code-error"}
        )
        form.fields[name].widget.attrs["class"] = "usa-input usa-input--error"
    return render(
        request, "intake/resume.html", {"form": form, "keep_days": settings.DRAFT_KEEP_DAYS}
    )


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
