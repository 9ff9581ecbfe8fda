"""The filters of every queue, defined once: status, concern, condition, language, age and
assignee.

The queue page (``staff.queue_page``) lists them with their links; the admin's change list,
which still runs the queues' bulk actions (a POST that may act on "all N selected" of a
filtered queue), reads the same definitions through ``as_list_filter``. A value a filter does
not offer is refused (a 400), never silently read as "all".
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.admin_lookups import UnofferedLookup
from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, Case, Language, Status
from staff import selectors


@dataclass(frozen=True)
class QueueFilter:
    parameter: str  # in the query string; the admin's own names, so old links still work
    title: Promise
    # (value, label), read once per page, given the officer roster (selectors.officer_roster)
    choices: Callable[[list], list[tuple[str, str]]]
    condition: Callable[[str], Q]  # for a value among the choices
    # Values read beyond those listed; None: only those listed.
    also_reads: Callable[[str], bool] | None = None

    def condition_for(self, value: str, choices) -> Q:
        listed = value in {offered for offered, _label in choices}
        if not listed and not (self.also_reads and self.also_reads(value)):
            raise UnofferedLookup(f"{self.parameter}: a value this filter does not offer")
        return self.condition(value)


def _answered(parameter: str, title: Promise, names) -> "QueueFilter":
    """Cases with one of the form's yes/no answers (a concern, a condition) ticked."""
    return QueueFilter(
        parameter=parameter,
        title=title,
        choices=lambda roster: [(name, Case._meta.get_field(name).verbose_name) for name in names],
        condition=lambda value: Q(**{value: True}),
    )


# Working age bands, in days: (at least, under); time waiting on the requestor does not count.
AGE_BANDS = {
    "lt7": (_("under 7 days"), None, 7),
    "7to30": (_("7 to 30 days"), 7, 30),
    "gt30": (_("over 30 days"), 30, None),
}


def _aged(band: str) -> Q:
    _label, youngest, oldest = AGE_BANDS[band]
    now = timezone.now()
    condition = Q()
    if youngest is not None:
        condition &= Q(working_since__lte=now - timedelta(days=youngest))
    if oldest is not None:
        condition &= Q(working_since__gt=now - timedelta(days=oldest))
    return condition


def _officers(roster) -> list[tuple[str, str]]:
    # From the (small) user table: the distinct assignees of a queue would be a scan of every
    # case in it on every page (a second at a million cases).
    return [(str(officer.pk), officer.username) for officer in roster]


QUEUE_FILTERS = (
    QueueFilter(
        parameter="status__exact",
        title=_("status"),
        choices=lambda roster: Status.choices,
        condition=lambda value: Q(status=value),
    ),
    _answered("concern", _("concern"), (*CONCERN_FIELDS, "concern_something_else")),
    _answered("condition", _("condition"), CONDITION_FIELDS),
    QueueFilter(
        parameter="language__exact",
        title=_("language"),
        choices=lambda roster: Language.choices,
        condition=lambda value: Q(language=value),
    ),
    QueueFilter(
        parameter="age",
        title=_("age"),
        choices=lambda roster: [(band, label) for band, (label, _y, _o) in AGE_BANDS.items()],
        condition=_aged,
    ),
    QueueFilter(
        parameter="assigned_to",
        title=_("assigned to"),
        choices=_officers,
        condition=lambda value: Q(assigned_to_id=int(value)),
        # An officer since deactivated, or moved out of the officer roles, is not listed but
        # may still hold cases: a link made to their cases still opens them.
        also_reads=lambda value: value.isascii() and value.isdecimal() and len(value) < 19,
    ),
)


def as_list_filter(queue_filter: QueueFilter) -> type[admin.SimpleListFilter]:
    """The filter as the admin's change list reads it (the bulk actions' POST)."""

    class ListFilter(admin.SimpleListFilter):
        title = queue_filter.title
        parameter_name = queue_filter.parameter

        def lookups(self, request, model_admin):
            return queue_filter.choices(selectors.officer_roster())

        def queryset(self, request, queryset):
            if self.value() is None:
                return queryset
            return queryset.filter(queue_filter.condition_for(self.value(), self.lookup_choices))

    ListFilter.__name__ = f"{queue_filter.parameter.split('__')[0].title()}Filter"
    return ListFilter
