import pytest


@pytest.fixture(autouse=True)
def plain_static_files(settings, private_document_storage):
    # Staff pages link admin CSS; the manifest only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Rate-limit counters live in Redis (this suite's own database number) across runs.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def signing_key(settings):
    """A fresh Ed25519 signing key, given to the application as AUDIT_SIGNING_KEY."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    settings.AUDIT_SIGNING_KEY = base64.b64encode(raw).decode()
    return key
