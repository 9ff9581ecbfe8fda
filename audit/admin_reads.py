"""Audited reads for staff-site pages that show case data. Mix into a ModelAdmin.

    class CaseQueueAdmin(AuditedCaseReads, admin.ModelAdmin):
        def audited_case_id(self, obj):  # when obj is not the case itself
            return obj.case_id

Opening an object records `view_case` (or `audit_view_action`), its history page
`view_history`, a change-list search `search` with the hit count and the terms as keyed hashes
(``audit.search_terms``): the trail never holds a name or an A-number someone typed.

`ReadOnlyAdmin` is for pages that only show what services wrote: nothing is added, changed
or deleted through the admin's own forms.
"""

from audit.models import Action
from audit.search_terms import hashed_terms
from audit.services import record_event


def query_as_recorded(model_admin, request) -> tuple[dict, dict]:
    """A change list's query string as the trail keeps it: (filters in clear, search terms
    hashed). The search-like parameters are the admin's ``search_like_lookups`` (the box, q)."""
    search_like = set(getattr(model_admin, "search_like_lookups", ("q",)))
    params = dict(request.GET.lists())
    filters = {name: values for name, values in params.items() if name not in search_like}
    search = hashed_terms({name: params[name] for name in search_like if name in params})
    return filters, search


class AuditedCaseReads:
    audit_view_action = Action.VIEW_CASE
    audits_own_searches = True  # not again by audit.admin_lookups

    def audited_case_id(self, obj):
        return obj.pk

    def audited_document_id(self, obj):
        return None

    def _record_read(self, request, object_id, action):
        obj = self.get_object(request, object_id)
        if obj is None:
            return
        record_event(
            action=action,
            actor=request.user,
            case_id=self.audited_case_id(obj),
            document_id=self.audited_document_id(obj),
            request=request,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            self._record_read(request, object_id, self.audit_view_action)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._record_read(request, object_id, Action.VIEW_HISTORY)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        filters, search = query_as_recorded(self, request)
        if changelist is not None and search:
            detail = {"model": self.opts.label_lower, "search": search}
            if filters:
                detail["filters"] = filters
            record_event(
                action=Action.SEARCH,
                actor=request.user,
                request=request,
                detail={**detail, "hits": changelist.result_count},
            )
        return response


class ReadOnlyAdmin:
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
