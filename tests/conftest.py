import pytest
from django.contrib.auth.models import Group
from django.db.backends.signals import connection_created

from accounts.roles import ROLES


@pytest.fixture(autouse=True)
def private_document_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
        # No collectstatic before tests: serve from the finders without a manifest.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise wants STATIC_ROOT to exist even when the finders serve the files.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()


@pytest.fixture(autouse=True)
def audit_checkpoints_per_test(settings, tmp_path):
    """Each test its own checkpoint directory, and no signing key unless it sets one."""
    settings.AUDIT_CHECKPOINT_STORE = "directory"
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    settings.AUDIT_SIGNING_KEY = ""
    settings.AUDIT_SIGNING_KEY_FILE = ""
    settings.AUDIT_CHECKPOINT_VERIFY_KEYS = []


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Rate-limit and sign-in failure counters live in the cache (Redis, this suite's own
    # database number) across tests and runs.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def texts_to_files(settings, tmp_path):
    """Texts go to the test's own folder unless a test sends them through a provider; links in
    messages point to one public address."""
    settings.TEXT_MESSAGE_BACKEND = "file"
    settings.TEXT_MESSAGE_FILE_PATH = str(tmp_path / "texts")
    settings.PUBLIC_SITE_URL = "https://mpp.example.gov"
    settings.WHATSAPP_ENABLED = False


@pytest.fixture
def sms_provider(settings, monkeypatch):
    """Texts go through AWS SNS, served by moto on loopback (tests/sms_provider.py)."""
    from tests.sms_provider import SMSProvider

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    provider = SMSProvider()
    provider.start()
    settings.TEXT_MESSAGE_BACKEND = "sns"
    settings.SMS_SNS_ENDPOINT_URL = provider.url
    settings.SMS_SNS_REGION = "us-east-1"
    yield provider
    provider.stop()


@pytest.fixture
def staff(db, django_user_model):
    """One standing user per role: staff.cbp, staff.uscis, ..."""

    class Staff:
        pass

    people = Staff()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        user = django_user_model.objects.create_user(
            username=f"{role}.officer", password="correct horse battery staple", is_staff=True
        )
        user.groups.add(group)
        setattr(people, role, user)
    return people


@pytest.fixture
def superuser(staff, django_user_model):
    """Made as the command line makes one, the only way a superuser comes to exist."""
    return django_user_model.objects.create_superuser("root.operator", password="x" * 16)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing strength is Django's concern; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def routing_rules_after_a_flush(request):
    # A transactional test ends by flushing every table, including the routing rules a data
    # migration installed; put the default rules back for the transactional tests after it.
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if not (transactional or {"transactional_db", "live_server"} & set(request.fixturenames)):
        return
    request.getfixturevalue("transactional_db")
    from routing.default_ports import install_default_ports
    from routing.default_rules import install_default_rules
    from routing.models import PortOfEntry, RoutingRule

    install_default_rules(RoutingRule)
    install_default_ports(PortOfEntry)


@pytest.fixture
def verified_client(client):
    """A test client and a way to sign staff in with their second factor verified."""
    from tests.staff_sign_in import sign_in_verified

    def sign_in(user, **kwargs):
        sign_in_verified(client, user, **kwargs)
        return client

    return sign_in


def _allow_audit_truncate(sender, connection, **kwargs):
    """Django's flush between transactional tests truncates every table; production refuses
    a TRUNCATE of the audit table (audit migration 0005) unless the session allows it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET mpp.allow_audit_truncate = 'on'")


connection_created.connect(_allow_audit_truncate, dispatch_uid="tests_allow_audit_truncate")
