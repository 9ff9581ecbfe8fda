"""System checks of the public form's settings."""

from django.conf import settings
from django.core import checks

# Caches a gunicorn's worker processes do not share, or that cannot count atomically.
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def rate_limits_use_a_shared_cache(app_configs, **kwargs):
    """Limits counted per process are no limits: outside the embedded mode, Redis (REDIS_URL).

    A deployment check (``check --deploy`` fails on it): test runs without Redis are legitimate.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.EMBEDDED_DATABASE or backend not in UNSHARED_CACHES:
        return []
    return [
        checks.Warning(
            f"The public form's rate limits need a cache every worker shares; {backend} is not.",
            hint="Set REDIS_URL.",
            id="intake.W002",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def program_contact_without_email(app_configs, **kwargs):
    if settings.INTAKE_PROGRAM_PHONE or settings.INTAKE_PROGRAM_POSTAL_ADDRESS:
        return []
    return [
        checks.Warning(
            "The confirmation page cannot say how to contact the program without e-mail.",
            hint="Set INTAKE_PROGRAM_PHONE and/or INTAKE_PROGRAM_POSTAL_ADDRESS.",
            id="intake.W001",
        )
    ]
