"""List filters of the queues: concern, condition and age, beside Django's status and language."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, Case
from staff import selectors


class _AnswerFilter(admin.SimpleListFilter):
    field_names: tuple = ()

    def lookups(self, request, model_admin):
        return [(name, Case._meta.get_field(name).verbose_name) for name in self.field_names]

    def queryset(self, request, queryset):
        if self.value() in self.field_names:
            return queryset.filter(**{self.value(): True})
        return queryset


class ConcernFilter(_AnswerFilter):
    title = _("concern")
    parameter_name = "concern"
    field_names = (*CONCERN_FIELDS, "concern_something_else")


class ConditionFilter(_AnswerFilter):
    title = _("condition")
    parameter_name = "condition"
    field_names = CONDITION_FIELDS


class AgeFilter(admin.SimpleListFilter):
    """Working age: time waiting on the requestor does not count."""

    title = _("age")
    parameter_name = "age"
    BANDS = {
        "lt7": (None, 7),
        "7to30": (7, 30),
        "gt30": (30, None),
    }

    def lookups(self, request, model_admin):
        return [
            ("lt7", _("under 7 days")),
            ("7to30", _("7 to 30 days")),
            ("gt30", _("over 30 days")),
        ]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        if band is None:
            return queryset
        now = timezone.now()
        youngest, oldest = band
        condition = Q()
        if youngest is not None:
            condition &= Q(working_since__lte=now - timedelta(days=youngest))
        if oldest is not None:
            condition &= Q(working_since__gt=now - timedelta(days=oldest))
        return queryset.filter(condition)


class AssigneeFilter(admin.SimpleListFilter):
    """The officers a case may be assigned to, read from the (small) user table: Django's
    RelatedOnlyFieldListFilter would scan every case of the queue for its distinct assignees
    on every page (a second at a million cases)."""

    title = _("assigned to")
    parameter_name = "assigned_to"

    def lookups(self, request, model_admin):
        return [
            (str(pk), username)
            for pk, username in selectors.officers().values_list("pk", "username")
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(assigned_to_id=int(self.value()))
        return queryset
