"""Case documents on both storage backends: the local file system and S3 (moto's server).

moto stands in for S3 because no cloud is reachable here; it runs as a real HTTP server on
loopback and django-storages talks to it through boto3 exactly as it would to S3.
"""

import hashlib
import socket
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
from moto.server import ThreadedMotoServer

from cases.models import Case, Status, SubmitterType
from tests import factories

BUCKET = "mpp-documents-test"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(settings, monkeypatch, s3_endpoint):
    """Documents go to a private, encrypted bucket on the loopback S3 server."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "default_acl": "private",
                "querystring_expire": 60,
                "signature_version": "s3v4",
                "object_parameters": {"ServerSideEncryption": "AES256"},
                "file_overwrite": False,
            },
        },
    }
    return client


@pytest.fixture(params=["filesystem", "s3"])
def backend(request):
    if request.param == "s3":
        request.getfixturevalue("s3")
    return request.param


def test_it_stores_and_reads_back_every_document(db, backend):
    case = factories.case_in(Status.TRIAGE, submitter_type=SubmitterType.REPRESENTATIVE)
    document = Case.objects.get(pk=case.pk).g28_document

    with document.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")
    assert document.file.name.startswith("cases/")
    assert "G-28" not in document.file.name and "g28" not in document.file.name


def test_on_s3_documents_are_private_and_encrypted(db, s3):
    case = factories.case_in(Status.TRIAGE, submitter_type=SubmitterType.REPRESENTATIVE)
    key = Case.objects.get(pk=case.pk).g28_document.file.name
    client = s3

    head = client.head_object(Bucket=BUCKET, Key=key)
    grants = client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]

    assert head["ServerSideEncryption"] == "AES256"
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)
    assert all("AuthenticatedUsers" not in str(grant["Grantee"]) for grant in grants)


def test_on_s3_a_link_to_a_document_lives_a_minute_at_most(db, s3):
    case = factories.case_in(Status.TRIAGE, submitter_type=SubmitterType.REPRESENTATIVE)
    url = Case.objects.get(pk=case.pk).g28_document.file.url

    query = parse_qs(urlparse(url).query)
    expires = int(query.get("X-Amz-Expires", query.get("Expires", ["0"]))[0])
    assert 0 < expires <= 60


def test_a_file_held_by_the_form_is_stored_under_its_own_private_name(db, backend):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    from cases.services import documents

    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    held_name = storages["default"].save("incoming/held-report", ContentFile(content))
    case = factories.case_in(Status.TRIAGE)
    upload = documents.UploadedDocument(
        file=None,
        held_name=held_name,
        display_name="report.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )

    document = documents.store_information_response(case=case, upload=upload)

    assert document.file.name.startswith("cases/") and document.file.name != held_name
    storages["default"].delete(held_name)  # what the form does once the case is saved
    with document.file.open("rb") as stored:
        assert stored.read() == content
    assert document.sha256 == hashlib.sha256(content).hexdigest()
