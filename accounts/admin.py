"""Staff accounts in the staff site: who acknowledged the Rules of Behavior, read-only."""

from django.contrib import admin

from accounts.access import is_administrator
from accounts.models import RulesOfBehaviorAcknowledgement
from audit.admin_reads import ReadOnlyAdmin


@admin.register(RulesOfBehaviorAcknowledgement)
class RulesOfBehaviorAcknowledgementAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["user", "version", "acknowledged_at", "address"]
    list_filter = ["version", "acknowledged_at"]
    search_fields = ["user__username"]

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_module_permission(self, request):
        return is_administrator(request.user)
