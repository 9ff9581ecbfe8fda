"""Deployment checks of the audit trail's keys (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_audit_keys(app_configs, **kwargs):
    problems = []
    if not (settings.AUDIT_SIGNING_KEY or settings.AUDIT_SIGNING_KEY_FILE):
        problems.append(
            checks.Warning(
                "No audit signing key: no checkpoint is signed, so a truncation of the newest "
                "audit rows or a consistent rewrite would go unseen.",
                hint="Create one with `manage.py create_audit_signing_key PATH` and set "
                "AUDIT_SIGNING_KEY_FILE (docs/operations.md).",
                id="audit.W001",
            )
        )
    if not settings.AUDIT_SEARCH_HMAC_KEYS:
        problems.append(
            checks.Warning(
                "Search terms in the audit log are hashed under a key derived from SECRET_KEY.",
                hint="Set AUDIT_SEARCH_HMAC_KEYS to a key of its own (docs/operations.md).",
                id="audit.W002",
            )
        )
    return problems
