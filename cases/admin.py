"""Records retention and the texts of messages to requestors. The queues live in staff/."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext_lazy as _

from audit.admin_changes import AuditedAdministration
from audit.admin_reads import ReadOnlyAdmin
from cases import message_templates
from cases.models import Disposition, LegalHold, MessageTemplate, RetentionSchedule
from cases.services import retention


@admin.register(RetentionSchedule)
class RetentionScheduleAdmin(AuditedAdministration, admin.ModelAdmin):
    list_display = [
        "record_type",
        "retain_days_after_closure",
        "authority",
        "active",
        "approved_by",
    ]
    readonly_fields = ["active", "approved_by", "approved_at"]
    actions = ["activate"]

    @admin.action(description=_("Activate the selected schedules (records you as approver)"))
    def activate(self, request, queryset):
        for schedule in queryset:
            retention.activate_schedule(schedule=schedule, approved_by=request.user)
        self.message_user(request, _("Schedules activated."), messages.SUCCESS)


@admin.register(LegalHold)
class LegalHoldAdmin(AuditedAdministration, admin.ModelAdmin):
    list_display = ["case", "reason", "placed_by", "placed_at", "released_at"]
    raw_id_fields = ["case"]
    readonly_fields = ["placed_by", "placed_at", "released_by", "released_at"]
    actions = ["release"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        hold = retention.place_legal_hold(case=obj.case, reason=obj.reason, actor=request.user)
        obj.pk = hold.pk

    @admin.action(description=_("Release the selected holds"))
    def release(self, request, queryset):
        for hold in queryset.filter(released_at__isnull=True):
            retention.release_legal_hold(hold=hold, actor=request.user)


@admin.register(Disposition)
class DispositionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "case_number",
        "record_type",
        "authority",
        "approved_by_username",
        "disposed_at",
    ]
    search_fields = ["case_number"]


class MessageTemplateForm(forms.ModelForm):
    """A template is saved only if its message can be built: the placeholders of its kind and
    nothing else, tried once in its language."""

    class Meta:
        model = MessageTemplate
        fields = ["subject", "body"]

    def clean(self):
        cleaned = super().clean()
        problems = message_templates.template_problems(
            kind=self.instance.kind,
            language=self.instance.language,
            subject=cleaned.get("subject", ""),
            body=cleaned.get("body", ""),
        )
        if problems:
            raise forms.ValidationError(problems)
        return cleaned


@admin.register(MessageTemplate)
class MessageTemplateAdmin(AuditedAdministration, admin.ModelAdmin):
    """Program personnel and administrators edit what requestors receive, per language."""

    form = MessageTemplateForm
    list_display = ["kind", "language", "subject"]
    list_filter = ["kind", "language"]
    ordering = ["kind", "language"]
    fields = ["kind", "language", "placeholders", "subject", "body", "preview"]
    readonly_fields = ["kind", "language", "placeholders", "preview"]

    @admin.display(description=_("placeholders of this message"))
    def placeholders(self, template):
        return ", ".join(f"${name}" for name in message_templates.PLACEHOLDERS[template.kind])

    @admin.display(description=_("as a requestor reads it (example values)"))
    def preview(self, template):
        try:
            subject, body = message_templates.render(
                subject=template.subject, body=template.body, language=template.language
            )
        except message_templates.MessageNotBuilt as refusal:
            return str(refusal)
        return format_html("<strong>{}</strong>{}", subject, linebreaks(body))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
