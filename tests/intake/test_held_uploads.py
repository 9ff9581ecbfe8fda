"""A file is checked, hashed and held when it arrives; the submission stores that very file."""

import datetime
import hashlib
import os
from pathlib import Path

import pytest
from django.core.files.storage import storages

from audit.models import AuditEvent
from cases.models import Case, Document
from intake import services
from intake.uploads import TEMPORARY_PREFIX
from tests.intake.conftest import PDF
from tests.intake.walk import CONCERN, ENROLLEE, post_step, step_url, upload

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = PDF + b"%" + b"informe medico " * 2000 + b"\n"


def _root() -> Path:
    return Path(storages["default"].path(""))


def _files_under(folder: str) -> list[Path]:
    base = _root() / folder
    return sorted(path for path in base.rglob("*") if path.is_file()) if base.exists() else []


def _fill_in_with_a_document(client, content=REPORT):
    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "enrollee"})
    post_step(client, "enrollee", ENROLLEE)
    post_step(client, "concern", CONCERN)
    post_step(client, "documents", {}, files={"files": [upload("informe.pdf", content)]})
    response = post_step(client, "review", {"attest": "on", "website": ""})
    assert response.status_code == 302
    return response.url  # the address that opens the case


def test_it_stores_the_very_file_held_at_upload_with_its_right_hash(client):
    done_url = _fill_in_with_a_document(client)
    [held] = _files_under(TEMPORARY_PREFIX)
    held_inode = held.stat().st_ino

    client.get(done_url)

    document = Document.objects.get()
    stored = Path(storages["default"].path(document.file.name))
    assert stored.read_bytes() == REPORT
    assert document.sha256 == hashlib.sha256(REPORT).hexdigest()
    assert document.size == len(REPORT)
    assert stored.stat().st_ino == held_inode  # linked, not copied
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    assert _files_under(TEMPORARY_PREFIX) == []  # the held name goes once the case is saved


def test_it_keeps_nothing_of_a_failed_submission_and_the_files_for_another_try(client, monkeypatch):
    done_url = _fill_in_with_a_document(client)
    held = _files_under(TEMPORARY_PREFIX)

    def mail_template_missing(*, case):
        raise RuntimeError("confirmation could not be prepared")

    monkeypatch.setattr(services.communications, "send_confirmation", mail_template_missing)
    with pytest.raises(RuntimeError):
        client.get(done_url)

    assert not Case.objects.exists()
    assert not Document.objects.exists()
    assert not AuditEvent.objects.exists()
    assert _files_under("cases") == []
    assert _files_under(TEMPORARY_PREFIX) == held

    monkeypatch.undo()
    client.get(done_url)  # the person tries again

    document = Document.objects.get()
    assert document.sha256 == hashlib.sha256(REPORT).hexdigest()
    assert AuditEvent.objects.filter(case_id=document.case_id, action="create_case").exists()


def test_it_still_stores_a_file_held_before_uploads_were_hashed_on_arrival(client):
    done_url = _fill_in_with_a_document(client)
    session = client.session
    [wizard_key] = [key for key in session.keys() if key.startswith("wizard_")]
    wizard = session[wizard_key]
    for item in wizard["extra_data"]["uploads"]["documents"]:
        del item["sha256"], item["pdf_has_javascript"]
    session[wizard_key] = wizard
    session.save()

    client.get(done_url)

    document = Document.objects.get()
    assert document.sha256 == hashlib.sha256(REPORT).hexdigest()
    with document.file.open("rb") as stored:
        assert stored.read() == REPORT


def test_a_twin_request_arriving_after_the_files_moved_on_gets_the_same_case(client):
    _fill_in_with_a_document(client)
    session = client.session
    [wizard_key] = [key for key in session.keys() if key.startswith("wizard_")]
    uploads = {"documents": session[wizard_key]["extra_data"]["uploads"]["documents"]}
    answers = {
        "privacy": {"acknowledged_at": "2026-11-02T10:00:00+00:00"},
        "submitter": {"submitter_type": "enrollee"},
        "enrollee": {**ENROLLEE, "date_of_birth": datetime.date(1990, 4, 12)},
        "concern": {
            "description": CONCERN["description"],
            "concern_vulnerability_at_enrollment": True,
            "concern_something_else": False,
            "condition_physical_health": True,
        },
    }
    first = services.submit_request(answers=answers, uploads=uploads, language="en", token="t1")
    assert not os.listdir(_root() / TEMPORARY_PREFIX)  # committed: the held files are gone

    second = services.submit_request(answers=answers, uploads=uploads, language="en", token="t1")

    assert second.pk == first.pk
    assert Case.objects.count() == 1
    assert Document.objects.count() == 1
    assert len(_files_under("cases")) == 1
