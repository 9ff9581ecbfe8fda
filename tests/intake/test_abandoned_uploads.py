"""Files held for a form nobody finished are removed; a form still being filled in keeps its."""

import datetime
import os
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cases.models import Document
from config.celery import app as celery_app
from intake.services import discard_abandoned_uploads
from intake.uploads import TEMPORARY_PREFIX
from tests.intake.conftest import PDF
from tests.intake.walk import CONCERN, ENROLLEE, post_step, step_url, upload

pytestmark = pytest.mark.django_db(transaction=True)


def _attach_a_document(client, name):
    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})
    post_step(client, "enrollee", ENROLLEE)
    post_step(client, "concern", CONCERN)
    post_step(client, "documents", {}, files={"files": [upload(name, PDF)]})
    [held] = client.session[_wizard_key(client)]["extra_data"]["uploads"]["documents"]
    return held["tmp_name"]


def _wizard_key(client):
    return next(key for key in client.session.keys() if key.startswith("wizard_"))


def _written_hours_ago(held_name, hours):
    path = storages["default"].path(held_name)
    moment = (timezone.now() - datetime.timedelta(hours=hours)).timestamp()
    os.utime(path, (moment, moment))


def _exists(held_name):
    return Path(storages["default"].path(held_name)).exists()


def test_it_removes_an_abandoned_forms_file_and_keeps_those_of_live_forms(settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    abandoned, slow, recent = Client(), Client(), Client()
    abandoned_file = _attach_a_document(abandoned, "left.pdf")
    slow_file = _attach_a_document(slow, "slow.pdf")
    recent_file = _attach_a_document(recent, "recent.pdf")
    # Three hours ago: one person left (their session expired), one is still at it.
    _written_hours_ago(abandoned_file, 3)
    _written_hours_ago(slow_file, 3)
    Session.objects.filter(session_key=abandoned.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=50)
    )

    removed = discard_abandoned_uploads()

    assert removed == [abandoned_file]
    assert not _exists(abandoned_file)
    assert _exists(slow_file) and _exists(recent_file)
    # The slow person finishes: their document is there.
    response = post_step(slow, "review", {"attest": "on", "website": ""})
    slow.get(response.url)
    assert Document.objects.get().display_name == "slow.pdf"


def test_a_dry_run_names_the_abandoned_files_and_removes_nothing():
    person = Client()
    held = _attach_a_document(person, "left.pdf")
    _written_hours_ago(held, 3)
    Session.objects.all().delete()
    out = StringIO()

    call_command("discard_abandoned_uploads", "--dry-run", stdout=out)

    assert held in out.getvalue()
    assert "1 abandoned upload(s) would be removed." in out.getvalue()
    assert _exists(held)
    call_command("discard_abandoned_uploads", stdout=StringIO())
    assert not _exists(held)
    assert not list(Path(storages["default"].path(TEMPORARY_PREFIX)).iterdir())


def test_it_does_nothing_when_nothing_was_ever_held():
    assert discard_abandoned_uploads() == []


def test_the_beat_schedule_runs_it_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["discard-abandoned-uploads"]
    celery_app.loader.import_default_modules()  # what a worker does on start: autodiscovery
    assert entry["task"] == "intake.tasks.discard_abandoned_uploads"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] == 60 * 60
