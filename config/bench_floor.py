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
