import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """A real SMTP server's inbox; refuses the first ``refuse`` messages with a 451."""

    def __init__(self):
        self.messages = []
        self.envelopes = []
        self.refuse = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refuse:
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd), with Django pointed at it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    mailbox.port = port
    yield mailbox
    controller.stop()


@pytest.fixture
def leaders(db, django_user_model):
    """Two members of the leadership group, and a CBP officer who gets no report."""
    group, _ = Group.objects.get_or_create(name="leadership")
    for name in ("chief", "deputy"):
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@dhs.example.gov", password="x-long-password-1"
        )
        user.groups.add(group)
    django_user_model.objects.create_user(username="cbp", email="cbp@dhs.example.gov")


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest storage needs collectstatic; staff pages under test need only the URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
