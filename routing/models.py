"""Who holds a case: routing rules, the record of each placement, CRCL audit samples, the
ports of entry where people present themselves, and the object permissions that give a
component's group access to the cases routed to it.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, SubmitterType


class Target(models.TextChoices):
    TRIAGE = "triage", _("Program triage")
    CBP = "cbp", _("CBP")
    USCIS = "uscis", _("USCIS")


class Mode(models.TextChoices):
    PLACE = "place", _("Place the case directly")
    SUGGEST = "suggest", _("Suggest the target to program triage")


class Answer(models.TextChoices):
    EITHER = "either", _("Either answer")
    YES = "yes", _("Yes")
    NO = "no", _("No")


@deconstructible
class NamesValidator:
    """A list whose items are all drawn from a fixed set of names."""

    def __init__(self, allowed):
        self.allowed = tuple(allowed)

    def __call__(self, value):
        if not isinstance(value, list) or any(item not in self.allowed for item in value):
            raise ValidationError(
                _("Choose from: %(allowed)s"), params={"allowed": ", ".join(self.allowed)}
            )

    def __eq__(self, other):
        return isinstance(other, NamesValidator) and self.allowed == other.allowed


validate_concerns = NamesValidator(CONCERN_FIELDS)
validate_conditions = NamesValidator(CONDITION_FIELDS)
validate_submitter_types = NamesValidator(SubmitterType.values)


class RoutingRule(models.Model):
    """One line of the routing policy. Active rules are tried in order; the first match decides.

    Each list condition is ignored when empty. A rule matches when every condition holds.
    """

    order = models.PositiveIntegerField(_("order"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    explanation = models.CharField(
        _("why"), max_length=300, help_text=_("Recorded on every case this rule places.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    concerns_any_of = models.JSONField(
        _("at least one of these concerns"),
        default=list,
        blank=True,
        validators=[validate_concerns],
    )
    concerns_none_of = models.JSONField(
        _("none of these concerns"), default=list, blank=True, validators=[validate_concerns]
    )
    conditions_any_of = models.JSONField(
        _("at least one of these conditions"),
        default=list,
        blank=True,
        validators=[validate_conditions],
    )
    conditions_none_of = models.JSONField(
        _("none of these conditions"), default=list, blank=True, validators=[validate_conditions]
    )
    something_else = models.CharField(
        _("'something else' ticked"), max_length=6, choices=Answer.choices, default=Answer.EITHER
    )
    submitter_types = models.JSONField(
        _("submitted by one of"), default=list, blank=True, validators=[validate_submitter_types]
    )
    target = models.CharField(_("target"), max_length=8, choices=Target.choices)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.PLACE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                name="suggestion_names_a_component",
                condition=~models.Q(mode=Mode.SUGGEST) | ~models.Q(target=Target.TRIAGE),
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"

    def clean(self):
        if self.mode == Mode.SUGGEST and self.target == Target.TRIAGE:
            raise ValidationError(_("A suggestion to program triage must name CBP or USCIS."))


class Placement(models.Model):
    """How a new case was placed: which rule decided, why, and what triage should look at."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="placement")
    placed_at = models.DateTimeField()
    # The rule may later change or go; its name, order and explanation are kept as they were.
    rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.SET_NULL)
    rule_name = models.CharField(max_length=100, blank=True)
    rule_order = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    placed_in = models.CharField(max_length=8, choices=Target.choices)
    suggested_target = models.CharField(max_length=8, choices=Target.choices, blank=True)
    possible_duplicates = models.ManyToManyField(
        "cases.Case", blank=True, related_name="+", verbose_name=_("possible duplicates")
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self):
        return f"Placement of case {self.case_id} in {self.placed_in}"


class AuditSampleKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly stratified sample")
    ON_REQUEST = "on_request", _("Added at CRCL's request")


class AuditSample(models.Model):
    """One draw of cases for CRCL audit; the seed makes the draw reproducible."""

    kind = models.CharField(max_length=12, choices=AuditSampleKind.choices)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_from = models.DateTimeField(null=True, blank=True)
    decided_until = models.DateTimeField(null=True, blank=True)
    share = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    seed = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("CRCL audit sample")
        verbose_name_plural = _("CRCL audit samples")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%Y-%m-%d}"


class AuditSampleEntry(models.Model):
    sample = models.ForeignKey(AuditSample, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    component = models.CharField(max_length=8)
    outcome = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("sampled case")
        verbose_name_plural = _("sampled cases")
        constraints = [
            models.UniqueConstraint(fields=["sample", "case"], name="case_once_per_sample")
        ]

    def __str__(self):
        return f"Case {self.case_id} in sample {self.sample_id}"


class AuditRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for program personnel")
    APPROVED = "approved", _("Approved: the cases were added to the audit")
    REFUSED = "refused", _("Refused")


class AuditRequest(models.Model):
    """CRCL asks for cases to be added to its audit, by its own procedures: one case, or the
    decisions of a component (and outcome) in a period. Program personnel approve or refuse."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"))
    reason = models.CharField(_("why CRCL asks"), max_length=500)
    # As CRCL typed it: whether such a case exists is checked by program personnel, not told
    # to the requester.
    case_number = models.CharField(_("case number"), max_length=20, blank=True)
    component = models.CharField(_("decided by"), max_length=8, blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, blank=True)
    decided_from = models.DateField(_("decided from"), null=True, blank=True)
    decided_until = models.DateField(_("decided until (inclusive)"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=AuditRequestStatus.choices, default=AuditRequestStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(_("reason for the decision"), max_length=500, blank=True)
    sample = models.ForeignKey(
        AuditSample, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("CRCL audit request")
        verbose_name_plural = _("CRCL audit requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="audit_request_names_a_case_or_a_period",
                condition=~models.Q(case_number="")
                | (models.Q(decided_from__isnull=False) & models.Q(decided_until__isnull=False)),
            )
        ]

    def __str__(self):
        return f"CRCL audit request of {self.requested_at:%Y-%m-%d}"


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(zone)s is not a time zone name such as America/Chicago."), params={"zone": value}
        )


class PortOfEntry(models.Model):
    """Where a person removed from MPP presents themselves, in the port's own time zone.

    Edited by program personnel. A decision notice keeps the name, address and zone it was sent
    with, so a later edit here never changes what someone was told.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("CBP port code"), max_length=8, unique=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("As the IANA database names it: America/Denver for El Paso."),
    )
    address = models.CharField(_("where to present oneself"), max_length=300)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("port of entry")
        verbose_name_plural = _("ports of entry")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


# django-guardian's direct foreign-key permission models for Case: a real, indexed foreign key
# instead of a generic (content type, text id) pair, so permission joins stay cheap at scale.
class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("cases.Case", on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("case permission of a user")
        verbose_name_plural = _("case permissions of users")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("cases.Case", on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("case permission of a group")
        verbose_name_plural = _("case permissions of groups")
        indexes = [
            models.Index(fields=["content_object", "permission"], name="case_group_perm_case")
        ]
