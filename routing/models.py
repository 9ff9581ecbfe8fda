"""Who holds a case: routing rules, the record of each placement, CRCL audit samples, and the
object permissions that give a component's group access to the cases routed to it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, Case, Language, SubmitterType


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


# ---------------------------------------------------------------------------------------------
# The staff back office: each queue is a list page of the admin site over a proxy of Case.
# Proxies hold no data and no permissions of their own; routing.staff.admin decides who sees
# them, and routing.access which cases.
# ---------------------------------------------------------------------------------------------


class MyCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("my case")
        verbose_name_plural = _("1. My cases")


class TeamUnassignedCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("unassigned case of my team")
        verbose_name_plural = _("2. My team's unassigned cases")


class AwaitingInformationCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("case awaiting information")
        verbose_name_plural = _("3. Awaiting information from the requestor")


class DecidedCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("decided case to communicate")
        verbose_name_plural = _("4. Decided, waiting to be communicated")


class OverdueCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("overdue case")
        verbose_name_plural = _("5. Overdue")


class CaseFile(Case):
    """Every case the user may see: search, and the case page."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("case")
        verbose_name_plural = _("6. All cases I may see (search)")


class MessageKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    PRESENTATION = "presentation", _("Decision: where and when to present oneself")
    INFORMATION_REQUEST = "information_request", _("Request for further information")
    INFORMATION_REMINDER = "information_reminder", _("Reminder of a request for information")


class MessageTemplate(models.Model):
    """The text of a message to requestors, one per kind and language, edited by staff.

    Placeholders are ``$name`` (string.Template), filled in safely: never template code.
    """

    kind = models.CharField(_("kind"), max_length=24, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Placeholders: $case_number, $outcome, $port_of_entry, $present_at, $message, "
            "$link, $due_date"
        ),
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="one_template_per_language")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"


class AuditQueueCase(Case):
    """CRCL's queue: the decided cases sampled for audit."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("case sampled for audit")
        verbose_name_plural = _("7. Sampled for CRCL audit")
