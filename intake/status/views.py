"""The status page: look a case up with its number and the enrollee's birth date, follow it,
and answer an information request, with no account.

Every wrong combination (wrong number, wrong birth date, no such case) gets the same answer.
Look-ups are limited per connection and per case number (``STATUS_LOOKUP_RATE_*``), and each is
audited, with ids only. Once a case is open its id is kept in the session, never in an address,
and the session forgets it after ``STATUS_PAGE_IDLE_SECONDS`` without a click (phones are
shared) or when the person leaves.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from audit.models import Action
from audit.services import record_event
from cases.models import Case
from cases.selectors import status_lookup
from cases.services import information
from intake.information import ANSWER_MAX, AnswerForm, file_answer
from intake.status.forms import LookupForm
from intake.status.summary import status_of

logger = logging.getLogger(__name__)
SESSION_KEY = "status_page"
# An answer typed while the page closed for want of clicks, kept for the same case only.
DRAFT_KEY = "status_page_draft"


LIMITED, UNAVAILABLE = "limited", "unavailable"


def _refusal(request, case_number: str) -> str:
    """Why this look-up may not go ahead ("" if it may)."""
    limits = [("status-address", "ip", settings.STATUS_LOOKUP_RATE_PER_ADDRESS)]
    if case_number:
        by_case = lambda group, request: case_number  # noqa: E731
        limits += [
            ("status-case-hour", by_case, settings.STATUS_LOOKUP_RATE_PER_CASE),
            ("status-case-day", by_case, settings.STATUS_LOOKUP_DAILY_RATE_PER_CASE),
        ]
    try:
        # Every counter counts this look-up, so stopping at the first limit met could not help
        # a guesser spread attempts.
        hits = [
            is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
            for group, key, rate in limits
        ]
    except Exception:  # the cache (Redis) is down: unlimited guessing is worse than a pause
        logger.warning("status page rate limit unavailable; look-up refused")
        return UNAVAILABLE
    return LIMITED if any(hits) else ""


def _audit(request, outcome, case=None):
    record_event(
        action=Action.VIEW_CASE if case else Action.SEARCH,
        case_id=case.pk if case else None,
        request=request,
        detail={"status_page": outcome},
    )


def _lookup_page(request, form, *, status=200, **context):
    return render(request, "intake/status/lookup.html", {"form": form, **context}, status=status)


def _case_in_session(request, *, closing_draft=None) -> Case | None:
    """The case this session opened, unless the page went unused too long. ``closing_draft``:
    an answer being sent as the page closes, kept for the same case's next opening."""
    kept = request.session.get(SESSION_KEY)
    if not kept:
        return None
    seen = datetime.fromisoformat(kept["seen"])
    if timezone.now() - seen > timedelta(seconds=settings.STATUS_PAGE_IDLE_SECONDS):
        request.session.pop(SESSION_KEY, None)
        if closing_draft:
            request.session[DRAFT_KEY] = {"case": kept["case"], "answer": closing_draft}
        return None
    case = Case.objects.select_related("enrollee").filter(pk=kept["case"]).first()
    if case is None:
        request.session.pop(SESSION_KEY, None)
        return None
    request.session[SESSION_KEY] = {**kept, "seen": timezone.now().isoformat()}
    return case


def _look_up(request):
    form = LookupForm(request.POST)
    valid = form.is_valid()
    refusal = _refusal(request, form.cleaned_data.get("case_number", "") if valid else "")
    if refusal == LIMITED:
        _audit(request, "rate_limited")
        return _lookup_page(request, form, status=429, too_many=True)
    if refusal == UNAVAILABLE:
        _audit(request, "limit_unavailable")
        return _lookup_page(request, form, status=503, unavailable=True)
    if not valid:
        return _lookup_page(request, form)
    case = status_lookup(
        case_number=form.cleaned_data["case_number"],
        date_of_birth=form.cleaned_data["date_of_birth"],
    )
    if case is None:
        _audit(request, "no_match")
        return _lookup_page(request, form, no_match=True)
    _audit(request, "opened", case)
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"case": case.pk, "seen": timezone.now().isoformat()}
    # The page speaks the case's language; the language links still offer the others.
    with translation.override(case.language):
        return redirect(reverse("intake:status"))


def _status_page(request, case, *, form=None, refused=False):
    summary = status_of(case)
    if form is None and summary.stage == "information":
        draft = request.session.pop(DRAFT_KEY, None) or {}
        kept = draft.get("answer", "") if draft.get("case") == case.pk else ""
        form = AnswerForm(initial={"answer": kept})
    return render(
        request,
        "intake/status/page.html",
        {"summary": summary, "case": case, "form": form, "refused": refused},
    )


@never_cache
def status_page(request):
    if request.method == "POST":
        return _look_up(request)
    was_open = SESSION_KEY in request.session
    case = _case_in_session(request)
    if case is None:
        return _lookup_page(request, LookupForm(), closed=was_open)
    return _status_page(request, case)


@never_cache
@require_POST
def answer(request):
    typed = request.POST.get("answer", "")[:ANSWER_MAX]
    case = _case_in_session(request, closing_draft=typed)
    if case is None:
        return _lookup_page(request, LookupForm(), closed=True, kept_answer=bool(typed))
    form = AnswerForm(request.POST, request.FILES)
    request_id = request.POST.get("request", "")
    filed = file_answer(
        request,
        form,
        answer=lambda **given: information.answer_from_status_page(
            case=case, request_id=int(request_id) if request_id.isdigit() else 0, **given
        ),
    )
    if not filed.valid:
        return _status_page(request, case, form=form)
    if filed.answered is None:
        return _status_page(request, case, refused=True)
    return render(request, "intake/status/thanks.html")


@never_cache
@require_POST
def leave(request):
    request.session.pop(SESSION_KEY, None)
    return _lookup_page(request, LookupForm(), left=True)
