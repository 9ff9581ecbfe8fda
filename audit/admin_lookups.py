"""Staff-site change lists accept only the filters and searches they offer: an allow-list.

Django's admin lets a query string filter a change list by any lookup on the model's own fields
(``?description__icontains=``, ``?description__regex=``, ``?password__startswith=``): searches
nobody audits, probes of secrets one character at a time, and database errors for malformed
patterns. Here a page accepts the parameters of its own ``list_filter`` and ``date_hierarchy``,
its search box (``q``), and the few links other pages make to it (``extra_lookups``); anything
else, or a value its filter cannot read, is a 400. A search on any page is audited, its terms
as keyed hashes (pages that show case data record their own, with ``AuditedCaseReads``). The
staff site applies this to every page it registers (``staff.site.StaffSite.register``).
"""

from functools import cache

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.options import IncorrectLookupParameters

from audit.admin_reads import query_as_recorded
from audit.models import Action
from audit.services import record_event

# What Django's own field filters put in the query string for a field they filter.
FIELD_FILTER_SUFFIXES = ("", "__exact", "__isnull", "__gte", "__lt", "__id__exact", "__isempty")
DATE_HIERARCHY_SUFFIXES = ("__year", "__month", "__day", "__gte", "__lt")


class UnofferedLookup(DisallowedModelAdminLookup):
    """A 400: the page offers no such filter, or cannot read the value given to one."""


class OfferedLookupsOnly:
    """Mixed in first, so it sets no attribute the admin class's own would lose to. An admin
    may name ``extra_lookups`` (filters other pages link to, beyond its list_filter: the audit
    log's case_id) and ``search_like_lookups`` (those taking free text, audited as keyed
    hashes; the search box ``q`` by default)."""

    def offered_lookups(self, request) -> set[str]:
        offered = set(getattr(self, "extra_lookups", ()))
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                offered.add(item.parameter_name)
                continue
            path = item[0] if isinstance(item, list | tuple) else item
            if isinstance(path, str):
                offered.update(path + suffix for suffix in FIELD_FILTER_SUFFIXES)
        if self.date_hierarchy:
            offered.update(self.date_hierarchy + suffix for suffix in DATE_HIERARCHY_SUFFIXES)
        return offered

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.offered_lookups(request)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if getattr(self, "audits_own_searches", False):
            return response
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        filters, search = query_as_recorded(self, request)
        if changelist is not None and search:
            record_event(
                action=Action.SEARCH,
                actor=request.user,
                request=request,
                detail={
                    "model": self.opts.label_lower,
                    "search": search,
                    "hits": changelist.result_count,
                },
            )
        return response

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters as error:
            # Django would redirect to "?e=1" and then call it a database error.
            raise UnofferedLookup("a filter value this page cannot read") from error


@cache
def offering_only_its_lookups(admin_class):
    """``admin_class`` with the allow-list, for a site to register."""
    if issubclass(admin_class, OfferedLookupsOnly):
        return admin_class
    return type(
        admin_class.__name__,
        (OfferedLookupsOnly, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )
