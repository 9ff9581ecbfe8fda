"""Administrators edit the routing rules here and read the audit samples.

Placements name cases, so they are shown by the back office through the access layer only.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.admin_changes import AuditedAdministration
from cases.components import COMPONENTS
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, Case, SubmitterType
from routing import access, crcl_audits
from routing.models import (
    AuditRequest,
    AuditRequestStatus,
    AuditSample,
    AuditSampleEntry,
    PortOfEntry,
    RoutingRule,
)


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
    """Each draw and the cases it put before CRCL (only those the reader may see)."""

    list_display = ["created_at", "kind", "share", "seed", "decided_from", "decided_until"]
    readonly_fields = [f.name for f in AuditSample._meta.fields]
    change_form_template = "routing/audit_sample.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        sampled = (
            access.cases_visible_to(request.user)
            .filter(pk__in=AuditSampleEntry.objects.filter(sample_id=object_id).values("case_id"))
            .order_by("case_number")
            .values_list("pk", "case_number")
        )
        context = {**(extra_context or {}), "sampled_cases": list(sampled)}
        return super().change_view(request, object_id, form_url, extra_context=context)


class AuditRequestForm(forms.ModelForm):
    """CRCL's request: one case by its number, or the decisions of a period."""

    component = forms.ChoiceField(
        label=_("decided by"),
        required=False,
        choices=[("", _("any component"))]
        + [(m.component, m.label) for m in COMPONENTS.values() if m.decides_in],
    )
    outcome = forms.ChoiceField(
        label=_("outcome"),
        required=False,
        choices=[("", _("any outcome"))]
        + [
            (value, f"{m.label}: {label}")
            for m in COMPONENTS.values()
            if m.decides_in
            for value, label in m.decision_choices
        ],
    )

    class Meta:
        model = AuditRequest
        fields = ["case_number", "component", "outcome", "decided_from", "decided_until", "reason"]


class AuditDecisionForm(forms.ModelForm):
    """Program personnel decide a request."""

    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("approve", _("Approve: add the cases to the audit")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = AuditRequest
        fields = ["review_reason"]


@admin.register(AuditRequest)
class AuditRequestAdmin(admin.ModelAdmin):
    """CRCL asks (add); program personnel approve or refuse (change). Nothing is deleted."""

    list_display = ["requested_at", "requested_by", "what", "status", "reviewed_by"]
    list_filter = ["status"]
    request_fields = [
        "requested_by",
        "requested_at",
        "reason",
        "case_number",
        "component",
        "outcome",
        "decided_from",
        "decided_until",
    ]

    @admin.display(description=_("cases asked for"))
    def what(self, request_row):
        if request_row.case_number:
            return request_row.case_number
        return f"{request_row.decided_from} – {request_row.decided_until} {request_row.component}"

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = AuditRequestForm if obj is None else AuditDecisionForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return AuditRequestForm.Meta.fields
        if obj.status == AuditRequestStatus.PENDING and self.has_change_permission(request, obj):
            return [*self.request_fields, "decision", "review_reason"]
        return [*self.request_fields, "status", "reviewed_by", "reviewed_at", "review_reason"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.status == AuditRequestStatus.PENDING:
            return self.request_fields
        return [*self.request_fields, "status", "reviewed_by", "reviewed_at", "review_reason"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if not change:
                saved = crcl_audits.request_audit(
                    actor=request.user,
                    reason=data["reason"],
                    case_number=data["case_number"],
                    component=data["component"],
                    outcome=data["outcome"],
                    decided_from=data["decided_from"],
                    decided_until=data["decided_until"],
                )
                # The admin goes on with the form's instance (its message, its log): make it
                # the saved request.
                obj.__dict__.update(
                    {k: v for k, v in vars(saved).items() if not k.startswith("_")}
                )
            elif data["decision"] == "approve":
                crcl_audits.approve_audit_request(
                    request=obj, actor=request.user, reason=data["review_reason"]
                )
            else:
                crcl_audits.refuse_audit_request(
                    request=obj, actor=request.user, reason=data["review_reason"]
                )
        except (InvalidCaseData, IllegalTransition) as refusal:
            raise _Refused(refusal.args[0] if refusal.args else _("Not possible.")) from refusal

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refusal:
            messages.error(request, refusal.args[0])
            return redirect(request.path)


class _Refused(Exception):
    """A service's refusal, shown to staff on the page they came from."""


@admin.register(PortOfEntry)
class PortOfEntryAdmin(AuditedAdministration, admin.ModelAdmin):
    """Program personnel keep the list of ports; a port in use is switched off, not deleted."""

    list_display = ["name", "code", "time_zone", "local_time_now", "is_active"]
    list_filter = ["is_active"]
    ordering = ["name"]

    @admin.display(description=_("local time now"))
    def local_time_now(self, port):
        return timezone.localtime(timezone.now(), port.zone).strftime("%Y-%m-%d %H:%M %Z")

    def has_delete_permission(self, request, obj=None):
        return False
