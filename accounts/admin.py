"""Account administration on the staff site: people and their roles, and nothing beyond.

Administrators (group ``admin``) add people, edit their names and address, activate or
deactivate them and give them roles. They see no superuser, staff or per-user permission field:
superusers exist only from the command line (``manage.py createsuperuser``), the staff flag
follows the roles, and what a role may do is code (``routing.role_permissions``), changed by a
superuser alone. A superuser's account is changed only by a superuser, and nobody changes their
own roles. Second-factor devices and lockouts are in ``accounts.admin_security``; every change
is in the audit trail (``audit.admin_changes``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import admin_schedule, admin_security  # noqa: F401 - registers their pages
from accounts.access import is_administrator
from accounts.models import RulesOfBehaviorAcknowledgement, SignInRoleMapping
from accounts.roles import ROLES
from accounts.services import is_staff_for, may_administer, reset_second_factor
from audit.admin_changes import AuditedAdministration
from audit.admin_reads import ReadOnlyAdmin

admin.site.unregister(User)
admin.site.unregister(Group)


def _own_roles_unchanged(form_class, acting_user):
    """The user form, refusing a change of one's own roles (someone else must make it)."""

    class PeopleForm(form_class):
        def clean_groups(self):
            groups = self.cleaned_data["groups"]
            own = self.instance.pk is not None and self.instance.pk == acting_user.pk
            if own and not acting_user.is_superuser:
                before = set(self.instance.groups.values_list("pk", flat=True))
                if before != {group.pk for group in groups}:
                    raise forms.ValidationError(
                        _("You cannot change your own roles; ask another administrator.")
                    )
            return groups

    return PeopleForm


@admin.register(User)
class PeopleAdmin(AuditedAdministration, UserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Roles"), {"fields": ("is_active", "groups", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    # Shown, never edited here: superusers are made from the command line only.
    readonly_fields = ("is_superuser", "last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "email", "roles", "is_active")
    list_filter = ("is_active", "groups")
    filter_horizontal = ()
    actions = ["reset_second_factor"]

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(sorted(group.name for group in user.groups.all()))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES).order_by("name")
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return form if obj is None else _own_roles_unchanged(form, request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_administer(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # People are deactivated, never deleted: the trail and the case history name them.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            roles = [group.name for group in form.cleaned_data.get("groups", [])]
            obj.is_staff = is_staff_for(is_superuser=obj.is_superuser, role_names=roles)
        super().save_model(request, obj, form, change)

    def user_change_password(self, request, id, form_url=""):
        # The new password and its audit event (accounts.passwords) in one transaction.
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Reset the second factor of the selected people"))
    def reset_second_factor(self, request, queryset):
        done = refused = 0
        for user in queryset:
            try:
                reset_second_factor(user=user, actor=request.user, request=request)
                done += 1
            except PermissionDenied:
                refused += 1
        if done:
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
        if refused:
            self.message_user(
                request,
                _("Only a superuser may reset a superuser's second factor."),
                messages.ERROR,
            )


@admin.register(Group)
class RoleAdmin(AuditedAdministration, GroupAdmin):
    """The roles and their permissions: shown to administrators, changed by superusers only."""

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(SignInRoleMapping)
class SignInRoleMappingAdmin(AuditedAdministration, admin.ModelAdmin):
    list_display = ["provider_group", "role"]

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)


@admin.register(RulesOfBehaviorAcknowledgement)
class RulesOfBehaviorAcknowledgementAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["user", "version", "acknowledged_at", "address"]
    list_filter = ["version", "acknowledged_at"]
    search_fields = ["user__username"]

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_module_permission(self, request):
        return is_administrator(request.user)
