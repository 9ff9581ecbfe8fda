"""Confirmation emails through a real Celery worker and a real SMTP server on loopback."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker

from cases.models import Communication, DeliveryStatus
from config.celery import app as celery_app
from tests.intake.conftest import PDF
from tests.intake.walk import submit, upload

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    yield handler
    controller.stop()


@pytest.fixture
def celery_worker():
    celery_app.control.purge()  # tasks queued by other tests, whose rows are gone
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=10):
        yield


def wait_for_sent(count, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Communication.objects.filter(status=DeliveryStatus.SENT).count() >= count:
            return
        time.sleep(0.1)
    raise AssertionError("confirmations were not sent in time")


def test_it_emails_the_enrollee_and_representative_in_their_language(client, inbox, celery_worker):
    submit(client, language="es", submitter="representative", g28=upload("g28.pdf", PDF))

    wait_for_sent(2)
    recipients = sorted(r for message in inbox.messages for r in message.rcpt_tos)
    assert recipients == ["ana@lawfirm.example", "maria@example.org"]
    body = inbox.messages[0].content.decode()
    assert Communication.objects.first().case.case_number in body
    assert "Hernández" not in body  # the case number identifies it; names stay out of mail


def test_it_never_writes_to_a_preparer(client, inbox, celery_worker):
    submit(client, submitter="preparer")

    wait_for_sent(1)
    assert [r for message in inbox.messages for r in message.rcpt_tos] == ["maria@example.org"]
    assert not Communication.objects.filter(to_address="pedro@example.org").exists()
