"""The beat schedule on the staff site (django-celery-beat), audited, within the administrator's
role.

Administrators change *when* a job runs (its schedule, enabled, start and expiry), never *what*
runs: the task, its arguments and its routing are shown read-only and only a superuser changes
them or runs a task by hand. Registered with the other administration pages because it belongs
to no app of ours (``config`` wires Celery); django-celery-beat's own pages are replaced.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from audit.admin_changes import AuditedAdministration

WHEN = (
    "enabled",
    "description",
    "interval",
    "crontab",
    "solar",
    "clocked",
    "start_time",
    "one_off",
    "expires",
    "expire_seconds",
)
WHAT = ("name", "task", "args", "kwargs", "queue", "exchange", "routing_key", "priority", "headers")


class ScheduleOnlyForm(forms.ModelForm):
    class Meta:
        model = PeriodicTask
        fields = WHEN


class ScheduledJobAdmin(AuditedAdministration, beat_admin.PeriodicTaskAdmin):
    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = ScheduleOnlyForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return (
            (None, {"fields": ("name", "task", "enabled", "description")}),
            (
                _("Schedule"),
                {
                    "fields": (
                        "interval",
                        "crontab",
                        "crontab_translation",
                        "solar",
                        "clocked",
                        "start_time",
                        "last_run_at",
                        "one_off",
                        "expires",
                        "expire_seconds",
                    )
                },
            ),
            (_("Task"), {"fields": WHAT[2:]}),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else (*fields, *WHAT)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("run_tasks", None)
        return actions

    def crontab_translation(self, obj):
        return obj.crontab.human_readable if obj.crontab else ""


class AuditedScheduleAdmin(AuditedAdministration, beat_admin.ScheduleAdmin):
    pass


class AuditedCrontabAdmin(AuditedAdministration, beat_admin.CrontabScheduleAdmin):
    pass


class AuditedClockedAdmin(AuditedAdministration, beat_admin.ClockedScheduleAdmin):
    pass


for model, model_admin in (
    (PeriodicTask, ScheduledJobAdmin),
    (CrontabSchedule, AuditedCrontabAdmin),
    (IntervalSchedule, AuditedScheduleAdmin),
    (ClockedSchedule, AuditedClockedAdmin),
    (SolarSchedule, AuditedScheduleAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
