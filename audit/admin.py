"""Audit review for administrators: a read-only list with filters, and an audited CSV export."""

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from audit import chain
from audit.admin_reads import ReadOnlyAdmin, query_as_recorded
from audit.models import Action, AuditEvent
from audit.services import record_event, searched_for

# What the chain hashes, plus the row id and the row's own hash (prev_hash is the row before's).
EXPORT_COLUMNS = ["id", *(f for f in chain.HASHED_FIELDS if f != "prev_hash"), "row_hash"]


def reviews_audit_log(user) -> bool:
    """Administrators (their role holds ``audit.view_auditevent``); audit knows no role names."""
    return user.is_active and user.has_perm("audit.view_auditevent")


class ReadOnlyForReviewers(ReadOnlyAdmin):
    def has_view_permission(self, request, obj=None):
        return reviews_audit_log(request.user)

    def has_module_permission(self, request):
        return reviews_audit_log(request.user)


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    # Spreadsheet formula injection: a cell may not start with a formula character.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class SearchedForForm(forms.Form):
    term = forms.CharField(
        label=_("Name, A-number, case number or words"),
        max_length=200,
        help_text=_("Accents, capitals, spaces and dashes are ignored."),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyForReviewers, admin.ModelAdmin):
    list_display = [
        "occurred_at",
        "action",
        "actor_username",
        "case_id",
        "document_id",
        "address",
    ]
    list_filter = ["action", "occurred_at", "actor_username"]
    date_hierarchy = "occurred_at"
    search_fields = ["=actor_username"]
    # Filters the list links to from elsewhere (a case's page): ?case_id=, ?document_id=; no
    # other lookup is accepted (audit.admin_lookups).
    extra_lookups = frozenset({"case_id", "document_id", "actor_id", "action", "actor_username"})
    # Free text: audited as keyed hashes.
    search_like_lookups = ("q", "actor_username")
    audits_own_searches = True
    show_full_result_count = False
    list_per_page = 50
    actions = None

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="audit_auditevent_export"),
            path("searched-for/", wrap(self.searched_for_view), name="audit_auditevent_searched"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        changelist = context.get("cl")
        if changelist is not None:
            record_event(
                action=Action.SEARCH,
                actor=request.user,
                request=request,
                detail={**self._query_detail(request), "hits": changelist.result_count},
            )
        return response

    def _query_detail(self, request) -> dict:
        filters, search = query_as_recorded(self, request)
        return {"audit_log": True, "filters": filters, **({"search": search} if search else {})}

    def searched_for_view(self, request):
        """An auditor's question: was this term searched, by whom, when? Itself audited."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = SearchedForForm(request.GET or None)
        found = None
        if form.is_valid():
            found = searched_for(
                term=form.cleaned_data["term"], actor=request.user, request=request
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Was this searched?"),
            "form": form,
            "found": found,
        }
        return TemplateResponse(request, "admin/audit/auditevent/searched_for.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        events = changelist.get_queryset(request).order_by("id")
        record_event(
            action=Action.EXPORT,
            actor=request.user,
            request=request,
            detail={**self._query_detail(request), "rows": events.count()},
        )
        writer = csv.writer(_Echo())
        rows = (
            writer.writerow([_cell(value) for value in row])
            for row in events.values_list(*EXPORT_COLUMNS).iterator(chunk_size=2000)
        )
        header = (writer.writerow(EXPORT_COLUMNS),)
        response = StreamingHttpResponse(
            (line for part in (header, rows) for line in part), content_type="text/csv"
        )
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        return response
