"""Records retention: schedules, legal holds, and the record of each disposition."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.vocabulary import RecordType


class RetentionSchedule(models.Model):
    """How long a type of record is kept after the case closes.

    Inactive by default: the specification holds every record permanently until NARA approves a
    records schedule. Activating one needs the name of whoever approved it.
    """

    record_type = models.CharField(max_length=20, choices=RecordType.choices, unique=True)
    retain_days_after_closure = models.PositiveIntegerField()
    authority = models.CharField(
        _("disposition authority"), max_length=200, blank=True, help_text=_("NARA schedule item")
    )
    active = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention schedule")
        verbose_name_plural = _("retention schedules")
        constraints = [
            models.CheckConstraint(
                name="active_schedule_was_approved",
                condition=Q(active=False)
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
            )
        ]

    def __str__(self):
        return f"{self.get_record_type_display()}: {self.retain_days_after_closure} days"


class LegalHold(models.Model):
    """While a hold is in place, no schedule disposes of the case."""

    # Released holds go with the case when it is disposed of; an open hold prevents that.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        indexes = [models.Index(fields=["case", "released_at"], name="legal_hold_case_open")]

    def __str__(self):
        return f"Legal hold on case {self.case_id}"


class Disposition(models.Model):
    """The record that a case was destroyed under a schedule. Holds no personal data."""

    case_number = models.CharField(max_length=20, unique=True)
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    schedule = models.ForeignKey(RetentionSchedule, on_delete=models.PROTECT, related_name="+")
    authority = models.CharField(max_length=200, blank=True)
    approved_by_username = models.CharField(max_length=150)
    closed_at = models.DateTimeField()
    disposed_at = models.DateTimeField()
    documents_destroyed = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        ordering = ["-disposed_at"]

    def __str__(self):
        return f"{self.case_number} disposed {self.disposed_at:%Y-%m-%d}"
