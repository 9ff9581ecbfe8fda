"""The audit trail. Ground floor: it knows cases and documents only by id."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    # Reads of case data
    VIEW_CASE = "view_case", _("Viewed a case")
    DOWNLOAD_DOCUMENT = "download_document", _("Downloaded a document")
    VIEW_HISTORY = "view_history", _("Viewed case history")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    PRINT = "print", _("Printed")
    # Changes of case data
    CREATE_CASE = "create_case", _("Case created")
    CHANGE_STATUS = "change_status", _("Case status changed")
    CHANGE_CASE = "change_case", _("Case data changed")
    GRANT_ACCESS = "grant_access", _("Access granted")
    REVOKE_ACCESS = "revoke_access", _("Access revoked")
    # Sign-in events
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SECOND_FACTOR_OK = "second_factor_ok", _("Second factor accepted")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor refused")
    LOCKED_OUT = "locked_out", _("Locked out")
    SIGN_OUT = "sign_out", _("Signed out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    RULES_ACKNOWLEDGED = "rules_acknowledged", _("Rules of Behavior acknowledged")
    SESSION_EXPIRED = "session_expired", _("Session reached its time limit")
    # Administration: configuration, people and their roles (audit.admin_changes)
    ADMIN_ADD = "admin_add", _("Added in administration")
    ADMIN_CHANGE = "admin_change", _("Changed in administration")
    ADMIN_DELETE = "admin_delete", _("Deleted in administration")
    LOCKOUT_RESET = "lockout_reset", _("Lockout reset")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")
    # Accountability
    DOCUMENT_SCANNED = "document_scanned", _("Document scanned for viruses")
    UNUSUAL_ACCESS = "unusual_access", _("Unusual access pattern alerted")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    # The actor is copied, not referenced: a deleted user must not rewrite the trail.
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    document_id = models.BigIntegerField(null=True, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # The hash chain: position, the previous row's hash, and this row's hash over all of the
    # above (see audit.chain). Any edit, removal or reordering breaks a link.
    sequence = models.BigIntegerField(unique=True, null=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    row_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username or '-'} {self.action}"
