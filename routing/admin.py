"""Administrators edit the routing rules here and read the audit samples.

Placements name cases, so they are shown by the back office through the access layer only.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_changes import AuditedAdministration
from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, Case, SubmitterType
from routing.models import AuditSample, RoutingRule


def _choices(names):
    return [(name, Case._meta.get_field(name).verbose_name) for name in names]


def _pick(names, label):
    return forms.MultipleChoiceField(
        label=label,
        choices=_choices(names) if names is not SubmitterType else SubmitterType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RoutingRuleForm(forms.ModelForm):
    concerns_any_of = _pick(CONCERN_FIELDS, _("at least one of these concerns"))
    concerns_none_of = _pick(CONCERN_FIELDS, _("none of these concerns"))
    conditions_any_of = _pick(CONDITION_FIELDS, _("at least one of these conditions"))
    conditions_none_of = _pick(CONDITION_FIELDS, _("none of these conditions"))
    submitter_types = _pick(SubmitterType, _("submitted by one of (none ticked: anyone)"))

    class Meta:
        model = RoutingRule
        fields = [
            "order",
            "name",
            "explanation",
            "is_active",
            "concerns_any_of",
            "concerns_none_of",
            "conditions_any_of",
            "conditions_none_of",
            "something_else",
            "submitter_types",
            "target",
            "mode",
        ]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdministration, admin.ModelAdmin):
    form = RoutingRuleForm
    list_display = ["order", "name", "target", "mode", "is_active", "updated_at"]
    list_editable = ["is_active"]
    ordering = ["order"]


@admin.register(AuditSample)
class AuditSampleAdmin(AuditedAdministration, admin.ModelAdmin):
    list_display = ["created_at", "kind", "share", "seed", "decided_from", "decided_until"]
    readonly_fields = [f.name for f in AuditSample._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

