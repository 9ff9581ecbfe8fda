"""The floor a public submission is measured against: a bare view that inserts one row.

Routed only when MPP_BENCH_FLOOR_VIEW is on (bench/public_submission.py turns it on for its own
gunicorn); never in production.
"""

import secrets
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # a yardstick, reachable only in a benchmark's own server
def insert_one_row(request):
    Session.objects.create(
        session_key=secrets.token_hex(16),
        session_data="",
        expire_date=timezone.now() - timedelta(days=1),
    )
    return HttpResponse("ok", content_type="text/plain")


def list_fifty_cases(request):
    """The floor of a queue page: the same first 50 cases of a status (oldest first, with the
    enrollee and the officer), through the ORM and a template; no session, sign-in or
    permission check, no admin. What bare Django does on this machine (bench/staff_load.py)."""
    from django.shortcuts import render

    from cases.models import Case, Status

    status = request.GET.get("status", Status.CBP_REVIEW)
    cases = (
        Case.objects.select_related("enrollee", "assigned_to")
        .filter(status=status, assigned_to__isnull=True)
        .order_by("received_at", "id")[:50]
    )
    return render(request, "bench_floor/cases.html", {"cases": cases})
