"""The components' modules on a case: analysis notes, reviews with their outcomes, CRCL audits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.vocabulary import (
    CBPOutcome,
    Component,
    CRCLOutcome,
    ProgramOutcome,
    USCISOutcome,
)


class AnalysisNote(models.Model):
    """A timestamped, authored entry in a component's module; never overwritten."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="analysis_notes")
    component = models.CharField(max_length=8, choices=Component.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    text = models.TextField(_("analysis notes"))
    shared_with_other_components = models.BooleanField(
        _("visible to the other component"), default=False
    )

    class Meta:
        verbose_name = _("analysis note")
        verbose_name_plural = _("analysis notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_component_display()} note on case {self.case_id}"


class ComponentReview(models.Model):
    """A component's module on a case: its outcome and when it was communicated."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="%(class)s")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_communicated_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class CBPReview(ComponentReview):
    outcome = models.CharField(
        _("outcome of CBP analysis"), max_length=32, choices=CBPOutcome.choices, blank=True
    )
    # CBP's step when it refers the case to USCIS (for a fear interview): kept in its module,
    # which otherwise shows no outcome while USCIS decides.
    referred_to_uscis_at = models.DateTimeField(_("referred to USCIS"), null=True, blank=True)
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("CBP review")
        verbose_name_plural = _("CBP reviews")
        constraints = [
            models.CheckConstraint(
                name="cbp_outcome_has_decision_time",
                condition=Q(outcome="") | Q(decided_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"CBP review of case {self.case_id}"


class USCISReview(ComponentReview):
    outcome = models.CharField(
        _("outcome of USCIS analysis"), max_length=32, choices=USCISOutcome.choices, blank=True
    )
    fig_requested = models.BooleanField(_("further information gathering requested"), default=False)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("USCIS review")
        verbose_name_plural = _("USCIS reviews")
        constraints = [
            models.CheckConstraint(
                name="uscis_outcome_has_decision_time",
                condition=Q(outcome="") | Q(decided_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"USCIS review of case {self.case_id}"


class ProgramReview(ComponentReview):
    """Submissions that are not a disenrollment request, handled by program personnel."""

    outcome = models.CharField(max_length=16, choices=ProgramOutcome.choices, blank=True)
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("program review")
        verbose_name_plural = _("program reviews")
        constraints = [
            models.CheckConstraint(
                name="program_outcome_has_decision_time",
                condition=Q(outcome="") | Q(decided_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"Program review of case {self.case_id}"


class CRCLAudit(models.Model):
    """CRCL's module: runs beside the lifecycle on sampled cases and never changes its state."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="crcl_audit")
    sampled_at = models.DateTimeField()
    outcome = models.CharField(
        _("outcome of CRCL audit"), max_length=16, choices=CRCLOutcome.choices, blank=True
    )
    # Why CRCL found what it found; a changed finding keeps the earlier one in the history.
    finding_reason = models.TextField(_("reason for the finding"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("CRCL audit")
        verbose_name_plural = _("CRCL audits")
        # CRCL's queue: open audits only, oldest sample first. Partial, so it holds only the
        # audits still waiting however many were ever completed (PostgreSQL and SQLite).
        indexes = [
            models.Index(
                fields=["sampled_at", "case"],
                condition=Q(outcome=""),
                name="crclaudit_open_by_sampling",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="crcl_outcome_has_completion_time",
                condition=Q(outcome="") | Q(completed_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"CRCL audit of case {self.case_id}"
