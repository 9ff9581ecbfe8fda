"""The archive of weekly leadership reports: published (suppressed) figures only, never a case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    NOT_SENT = "not_sent", _("Not sent")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Sending failed; will retry")
    FAILED = "failed", _("Sending failed")


class WeeklyReport(models.Model):
    """One report per week (Monday to Sunday in ``time_zone``), as built and as sent."""

    week = models.CharField(_("week"), max_length=8, unique=True, help_text="2026-W47")
    starts_at = models.DateTimeField(_("week starts"))
    ends_at = models.DateTimeField(_("week ends (exclusive)"))
    time_zone = models.CharField(max_length=64)
    min_cell_size = models.PositiveSmallIntegerField()
    # Published figures, after small-cell suppression: what leadership may see, nothing more.
    figures = models.JSONField()
    csv = models.TextField()
    generated_at = models.DateTimeField(_("generated at"))
    recipients = models.JSONField(_("recipients"), default=list)
    delivery_status = models.CharField(
        _("delivery status"), max_length=10, choices=Delivery.choices, default=Delivery.NOT_SENT
    )
    send_attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    # The audit trail's latest signed checkpoint when the report was built (rows, head hash,
    # time): leadership holds a copy outside the system, so the trail cannot lose its newest
    # events or be rewritten without that copy contradicting it.
    audit_checkpoint = models.JSONField(_("audit trail checkpoint"), default=dict, blank=True)

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.week
