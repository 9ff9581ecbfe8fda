"""Two web nodes behind a load balancer: every request of a public submission (the upload
held between steps included) and of a staff session goes to the other node than the last.

Two gunicorn instances on their own loopback ports share PostgreSQL (this test's database),
Redis (the suite's own database number) and the document storage: a folder, or S3 on moto's
server. The case, its file and both sessions must survive the alternation; what the nodes must
share is listed in docs/operations.md.
"""

import os
import re
import subprocess  # noqa: S404 - the servers under test
import sys
from pathlib import Path

import boto3
import pytest
import requests
from django.conf import settings
from django.db import connection
from django_otp.oath import TOTP
from moto.server import ThreadedMotoServer

from tests.faults.services import free_port, wait_until
from tests.intake.conftest import PDF
from tests.intake.walk import CONCERN, ENROLLEE

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
ROOT = Path(settings.BASE_DIR)
BUCKET = "two-nodes-documents"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPORT = PDF + b"%" + b"medical report " * 500 + b"\n"
LOGIN = "/staff/account/login/"
STEP = "staff_login_view-current_step"
PASSWORD = "two nodes, one session"


class Balancer:
    """Sends each request to the other node than the previous one, with one cookie jar (a
    browser's: cookies belong to the host, whatever the port)."""

    def __init__(self, nodes):
        self.nodes, self.turn, self.session, self.served_by = nodes, 0, requests.Session(), []

    def _next(self):
        self.turn += 1
        node = self.nodes[self.turn % 2]
        self.served_by.append(node)
        return node

    def get(self, path, **kwargs):
        return self.session.get(self._next() + path, timeout=30, allow_redirects=False, **kwargs)

    def post(self, path, data, **kwargs):
        return self.session.post(
            self._next() + path, data=data, timeout=30, allow_redirects=False, **kwargs
        )


def _start_node(env):
    port = free_port()
    node = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def answers():
        assert node.poll() is None, "gunicorn exited"
        try:
            return requests.get(base + "/healthz", timeout=2).status_code > 0
        except requests.RequestException:
            return False

    wait_until(answers, timeout=120, what="gunicorn")
    return node, base


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(params=["filesystem", "s3"])
def nodes(request, tmp_path, s3_endpoint, transactional_db):
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        # Nothing listens there: work for the worker waits in its outbox, as in an outage.
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "DJANGO_LOG_LEVEL": "CRITICAL",
        "DOCUMENTS_ROOT": str(tmp_path / "documents"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    s3 = None
    if request.param == "s3":
        s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        s3.create_bucket(Bucket=BUCKET)
        env |= {
            "DOCUMENTS_BACKEND": "s3",
            "DOCUMENTS_S3_BUCKET": BUCKET,
            "DOCUMENTS_S3_ENDPOINT_URL": s3_endpoint,
        }
    started = [_start_node(env) for _ in range(2)]
    yield [base for _node, base in started], request.param, tmp_path / "documents", s3
    for node, _base in started:
        node.terminate()
        node.wait(timeout=15)
    if s3 is not None:
        for found in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=found["Key"])
        s3.delete_bucket(Bucket=BUCKET)


def _token(response):
    return CSRF.search(response.text).group(1)


def _submit(balancer):
    """The public form, each request on the other node; the case number shown at the end."""
    page = balancer.get("/request/privacy/")
    assert page.status_code == 200
    steps = [
        ("privacy", {"language": "en", "acknowledge": "on"}, None),
        ("submitter", {"submitter_type": "enrollee"}, None),
        ("enrollee", ENROLLEE, None),
        ("concern", CONCERN, None),
        # The file is held in private storage by one node; the review on the other uses it.
        ("documents", {}, {"documents-files": ("report.pdf", REPORT, "application/pdf")}),
        ("review", {"attest": "on", "website": ""}, None),
    ]
    token = _token(page)
    for step, data, files in steps:
        payload = {f"{step}-{name}": value for name, value in data.items()}
        payload |= {"intake-current_step": step, "csrfmiddlewaretoken": token}
        response = balancer.post(f"/request/{step}/", payload, files=files)
        assert response.status_code == 302, (step, response.status_code)
        following = balancer.get(response.headers["Location"])
        if step != "review":
            assert following.status_code == 200, (step, following.status_code)
            token = _token(following)
    assert following.status_code in (200, 302)
    while following.status_code == 302:
        following = balancer.get(following.headers["Location"])
    return re.search(r'id="case-number">([^<]+)<', following.text).group(1)


def _sign_in(balancer, user, device):
    page = balancer.get(LOGIN)
    page = balancer.post(
        LOGIN,
        {
            "csrfmiddlewaretoken": _token(page),
            STEP: "auth",
            "auth-username": user.get_username(),
            "auth-password": PASSWORD,
            "auth-accept_warning": "on",
        },
    )
    assert 'name="token-otp_token"' in page.text
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    done = balancer.post(
        LOGIN,
        {
            "csrfmiddlewaretoken": _token(page),
            STEP: "token",
            "token-otp_token": f"{totp.token():06d}",
        },
    )
    assert done.status_code == 302
    rules = balancer.get("/staff/")
    assert "/rules-of-behavior/" in rules.headers["Location"]
    form = balancer.get(rules.headers["Location"])
    acknowledged = balancer.post(
        rules.headers["Location"], {"csrfmiddlewaretoken": _token(form), "accept_rules": "on"}
    )
    assert acknowledged.status_code == 302


def test_a_submission_and_a_staff_session_survive_alternating_web_nodes(
    nodes, django_user_model, settings
):
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cases.models import Case, Document, ScanStatus

    bases, backend, documents_root, s3 = nodes
    public = Balancer(bases)
    number = _submit(public)
    assert set(public.served_by) == set(bases)

    case = Case.objects.get(case_number=number)
    document = Document.objects.get(case=case)
    if backend == "s3":
        stored = s3.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    else:
        stored = (documents_root / document.file.name).read_bytes()
    assert stored == REPORT
    Document.objects.filter(pk=document.pk).update(scan_status=ScanStatus.CLEAN)

    # Hashed as the nodes hash (the suite's own fast hasher is not theirs).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    officer = django_user_model.objects.create_user(
        username="program.two.nodes", password=PASSWORD, is_staff=True
    )
    officer.groups.add(Group.objects.get(name="program"))
    device = TOTPDevice.objects.create(user=officer, name="default", confirmed=True)
    staff = Balancer(bases)
    _sign_in(staff, officer, device)
    for _turn in range(4):
        page = staff.get(f"/staff/queues/casefile/{case.pk}/change/")
        assert page.status_code == 200 and number in page.text
    download = staff.get(f"/staff/queues/casefile/{case.pk}/documents/{document.pk}/")
    assert download.status_code == 200
    assert download.content == REPORT
    assert set(staff.served_by) == set(bases)
