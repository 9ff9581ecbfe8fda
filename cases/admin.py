"""Records retention and the texts of messages to requestors. The queues live in staff/."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audit.admin_changes import AuditedAdministration
from audit.admin_reads import ReadOnlyAdmin
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


@admin.register(MessageTemplate)
class MessageTemplateAdmin(AuditedAdministration, admin.ModelAdmin):
    """Program personnel and administrators edit what requestors receive, per language."""

    list_display = ["kind", "language", "subject"]
    list_filter = ["kind", "language"]
    ordering = ["kind", "language"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
