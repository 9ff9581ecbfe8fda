"""Second-factor devices and lockouts on the staff site: reset, never read.

The libraries' own pages are replaced: django-otp's would show every TOTP key and backup code
(and a QR code of the key) to whoever may view them, and django-axes' lets its rows be deleted
without a trace. Registered here first (django-otp skips a model already registered; django-axes
is told not to register, AXES_ENABLE_ADMIN = False), for administrators only, with no secret
field, and each reset goes through an audited service.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import is_administrator
from accounts.services import reset_lockout, reset_second_factor


class ForAdministrators:
    """Shown to administrators; added or changed by nobody here."""

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SecondFactorDeviceAdmin(ForAdministrators, admin.ModelAdmin):
    # No key, no token, no QR code: what a device is, whose, and when it was last used.
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    actions = ["reset_owners_second_factor"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.action(description=_("Reset the second factor of these devices' owners"))
    def reset_owners_second_factor(self, request, queryset):
        owners = {device.user for device in queryset}
        done = 0
        for user in owners:
            try:
                reset_second_factor(user=user, actor=request.user, request=request)
                done += 1
            except PermissionDenied as refusal:
                self.message_user(request, refusal.args[0], messages.ERROR)
        self.message_user(
            request,
            ngettext(
                "%(n)d person will set up a new second factor at the next sign-in.",
                "%(n)d people will set up a new second factor at the next sign-in.",
                done,
            )
            % {"n": done},
            messages.SUCCESS,
        )


admin.site.register(TOTPDevice, SecondFactorDeviceAdmin)
admin.site.register(StaticDevice, SecondFactorDeviceAdmin)


@admin.register(AccessAttempt)
class LockoutAdmin(ForAdministrators, admin.ModelAdmin):
    """Failed sign-ins; deleting them (or "unlock") lifts the lockout, audited."""

    fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    readonly_fields = fields
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "locked"]
    list_filter = ["attempt_time"]
    search_fields = ["username"]
    actions = ["unlock"]

    @admin.display(description=_("locked out"), boolean=True)
    def locked(self, attempt):
        return attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)

    def delete_model(self, request, obj):
        reset_lockout(
            attempts=AccessAttempt.objects.filter(pk=obj.pk), actor=request.user, request=request
        )

    def delete_queryset(self, request, queryset):
        reset_lockout(attempts=queryset, actor=request.user, request=request)

    @admin.action(description=_("Unlock the selected sign-ins"))
    def unlock(self, request, queryset):
        count = reset_lockout(attempts=queryset, actor=request.user, request=request)
        self.message_user(
            request,
            ngettext("%(n)d lockout lifted.", "%(n)d lockouts lifted.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(AccessLog)
class SignInLogAdmin(ForAdministrators, admin.ModelAdmin):
    fields = ["username", "ip_address", "attempt_time", "logout_time", "path_info"]
    readonly_fields = fields
    list_display = ["username", "ip_address", "attempt_time", "logout_time"]
    list_filter = ["attempt_time"]
    search_fields = ["username"]


@admin.register(AccessFailureLog)
class SignInFailureLogAdmin(ForAdministrators, admin.ModelAdmin):
    fields = ["username", "ip_address", "attempt_time", "locked_out", "path_info"]
    readonly_fields = fields
    list_display = ["username", "ip_address", "attempt_time", "locked_out"]
    list_filter = ["attempt_time", "locked_out"]
    search_fields = ["username"]
