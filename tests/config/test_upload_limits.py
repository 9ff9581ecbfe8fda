"""Uploads are refused as they stream in: a file once it passes the limit, a request whose
declared length passes the cap before a byte of it is read."""

import pytest
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client

from cases.models import Document, Status
from tests import factories
from tests.intake.conftest import PDF
from tests.intake.walk import REPRESENTATIVE, post_step, step_url, upload
from tests.staff.conftest import act_url

MB = 1024 * 1024
CHUNK = 64 * 1024  # Django's upload chunk size
KEPT = []


class KeepingHandler(FileUploadHandler):
    """Stands where Django's own handlers stand, counting every byte they would keep."""

    def receive_data_chunk(self, raw_data, start):
        KEPT.append(len(raw_data))
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture
def counted(settings):
    KEPT.clear()
    settings.FILE_UPLOAD_HANDLERS = [
        "config.upload_limits.LimitedUploadHandler",
        "tests.config.test_upload_limits.KeepingHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
    return KEPT


def _start(client):
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "representative"})


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_before_it_is_kept_whole(client, counted):
    _start(client)
    twelve_megabytes = PDF + b"0" * (12 * MB)

    page = post_step(
        client, "representative", REPRESENTATIVE, files={"g28": upload("g28.pdf", twelve_megabytes)}
    )

    html = page.content.decode()
    assert page.status_code == 200
    # The form's own words, naming the file refused and why.
    assert "g28.pdf is too large: each file must be 10 MB or smaller." in html
    assert 'value="Border Law Clinic"' in html  # the answers sent with it are kept
    # What reached the handlers that keep files stopped at the limit, not at 12 MB.
    assert 10 * MB - CHUNK <= sum(counted) <= 10 * MB


@pytest.mark.django_db
def test_a_file_within_the_limit_is_kept_as_before(client, counted):
    _start(client)

    page = post_step(client, "representative", REPRESENTATIVE, files={"g28": upload("g.pdf", PDF)})

    assert page.status_code == 302
    assert sum(counted) == len(PDF)


class EndlessZeros:
    """A request body that is never there: it counts what the server reads of it."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        size = 65536 if size is None or size < 0 else size
        self.read_bytes += size
        return b"0" * size

    def readline(self, size=-1):
        return self.read(size)


@pytest.mark.django_db
def test_a_sixty_megabyte_request_is_refused_before_its_body_is_read(client):
    client.get(step_url("privacy"))
    body = EndlessZeros()

    response = client.generic(
        "POST",
        step_url("documents"),
        b"",
        # generic() sets the content type only with a body: given here, as a browser sends it.
        CONTENT_TYPE="multipart/form-data; boundary=----mpp",
        CONTENT_LENGTH=str(60 * MB),
        **{"wsgi.input": body},
    )

    assert response.status_code == 400
    page = response.content.decode()
    # Why, what is kept, and the way back to the same page of the form.
    assert "Everything sent with one page must be 52 MB or smaller" in page
    assert "Your answers on the earlier pages and the files you attached before are kept" in page
    assert f'href="{step_url("documents")}"' in page
    assert body.read_bytes == 0


@pytest.mark.django_db
def test_a_request_over_the_cap_elsewhere_gets_the_plain_error_page(client):
    response = client.generic(
        "POST",
        "/status/answer/",
        CONTENT_TYPE="multipart/form-data; boundary=----mpp",
        CONTENT_LENGTH=str(60 * MB),
        **{"wsgi.input": EndlessZeros()},
    )

    assert response.status_code == 400
    assert "Something in the request was not right" in response.content.decode()


@pytest.mark.django_db
def test_a_staff_upload_over_the_limit_is_refused_and_nothing_is_stored(staff, verified_client):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    client: Client = verified_client(staff.cbp)

    response = client.post(
        act_url(case, "upload"), {"file": upload("scan.pdf", PDF + b"0" * (11 * MB))}
    )

    page = client.get(response["Location"]).content.decode()
    assert "Each file must be 10 MB or smaller." in page
    assert not Document.objects.filter(case=case, kind="component_upload").exists()
