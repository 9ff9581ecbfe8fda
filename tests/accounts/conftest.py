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
