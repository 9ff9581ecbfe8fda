"""The back office on the staff site: queue list pages, search, the case page and its actions.

One list page per entry of ``staff.queues``. Which cases appear is decided by ``routing.access``
(through ``staff.selectors``); who may open a queue at all is decided here by role, as the
proxies carry no permissions.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin_reads import AuditedCaseReads, ReadOnlyAdmin, query_as_recorded
from audit.models import Action
from audit.services import record_event
from cases.errors import IllegalTransition, InvalidCaseData
from routing import services as routing_services
from staff import forms as forms_
from staff import models, selectors, views
from staff.case_page import TimelineCursor, case_file_for
from staff.filters import QUEUE_FILTERS, as_list_filter
from staff.queue_page import PAGE, BoundedPaginator, queue_page_for
from staff.queues import QUEUES


class AssignActionForm(ActionForm):
    """The queue's bulk actions, with the officer the selected cases may go to."""

    officer = forms.ModelChoiceField(
        label=_("officer"), required=False, queryset=selectors.officers()
    )


class QueueAdmin(AuditedCaseReads, ReadOnlyAdmin, admin.ModelAdmin):
    queue = None  # an entry of staff.queues.QUEUES
    # The page itself is staff.queue_page's (a GET); the admin's change list still runs the
    # bulk actions (a POST), reading the same filters and search, so what "all N selected"
    # acts on is what the page listed.
    list_display = ["case_number"]
    list_display_links = None
    list_filter = [as_list_filter(queue_filter) for queue_filter in QUEUE_FILTERS]
    search_fields = ["case_number"]  # the box is read by get_search_results
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    paginator = BoundedPaginator
    actions = ["assign_to_me", "assign_to_officer"]
    action_form = AssignActionForm

    # Who opens the queue: staff roles (some queues: only some); which cases: routing.access.
    def has_module_permission(self, request):
        return selectors.may_open_queue(request.user, self.queue)

    def has_view_permission(self, request, obj=None):
        return selectors.may_open_queue(request.user, self.queue)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return self._queue_page(request)
        if "index" not in request.POST and ACTION_CHECKBOX_NAME not in request.POST:
            # Not an action: the page is only ever shown by a GET.
            return HttpResponseRedirect(request.get_full_path())
        if PAGE in request.GET:
            # An action reads the selected cases, or all the filtered queue: never the page
            # number, which the change list would refuse when the queue has since shrunk
            # (the page opens the nearest page instead). The redirect after it keeps it.
            request.GET = request.GET.copy()
            del request.GET[PAGE]
        return super().changelist_view(request, extra_context)

    def _queue_page(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = queue_page_for(
            user=request.user, queue=self.queue, query=request.GET, per_page=self.list_per_page
        )
        for note in page.notes:
            messages.warning(request, note)
        filters, search = query_as_recorded(self, request)
        if search:
            detail = {"model": self.opts.label_lower, "search": search, "hits": page.count}
            record_event(
                action=Action.SEARCH,
                actor=request.user,
                request=request,
                detail={**detail, "filters": filters} if filters else detail,
            )
        action_form = self.action_form(auto_id=None)
        action_form.fields["action"].choices = self.get_action_choices(request)
        listed = len(page.cases)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": self.queue.heading,
            "queue": self.queue,
            "queue_page": page,
            "action_form": action_form,
            "media": self.media + action_form.media,
            "selection_note": ngettext(
                "%(sel)s of %(cnt)s selected", "%(sel)s of %(cnt)s selected", listed
            )
            % {"sel": 0, "cnt": listed},
            "selection_note_all": ngettext(
                "All %(total_count)s selected", "All %(total_count)s selected", page.count
            )
            % {"total_count": page.count},
            "select_all": ngettext(
                "Select all %(total_count)s cases", "Select all %(total_count)s cases", page.count
            )
            % {"total_count": page.count},
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "staff/queue.html", context)

    def get_queryset(self, request):
        return selectors.staff_queue(user=request.user, name=self.queue.name)

    def get_search_results(self, request, queryset, search_term):
        # The bulk actions' POST: the same cases the page listed for this search.
        if not search_term.strip():
            return queryset, False
        return selectors.search(user=request.user, text=search_term, within=queryset).cases, False

    def _assign_all(self, request, queryset, officer):
        cap = settings.BULK_ASSIGN_MAX
        chosen = list(queryset[: cap + 1])
        if len(chosen) > cap:
            self.message_user(
                request,
                _("Choose at most %(cap)d cases to assign at once.") % {"cap": cap},
                messages.ERROR,
            )
            return
        done, refusals = 0, {}
        for case in chosen:
            try:
                with transaction.atomic():
                    routing_services.assign_to_officer(
                        case=case, officer=officer, actor=request.user
                    )
                done += 1
            except (PermissionDenied, InvalidCaseData) as refusal:
                why = str(refusal.args[0]) if refusal.args else str(_("Not allowed."))
                refusals[why] = refusals.get(why, 0) + 1
            except IllegalTransition:
                why = str(_("The case is no longer in a state that allows this."))
                refusals[why] = refusals.get(why, 0) + 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d case assigned.", "%(n)d cases assigned.", done) % {"n": done},
                messages.SUCCESS,
            )
        for why, refused in refusals.items():
            self.message_user(
                request,
                ngettext(
                    "%(n)d case could not be assigned to that officer: %(why)s",
                    "%(n)d cases could not be assigned to that officer: %(why)s",
                    refused,
                )
                % {"n": refused, "why": why},
                messages.WARNING,
            )

    @admin.action(description=_("Assign the selected cases to me"))
    def assign_to_me(self, request, queryset):
        self._assign_all(request, queryset, request.user)

    @admin.action(description=_("Assign the selected cases to the officer chosen"))
    def assign_to_officer(self, request, queryset):
        # The changelist validated this form before calling the action; read its officer.
        form = self.action_form(request.POST)
        form.fields["action"].choices = self.get_action_choices(request)
        officer = form.cleaned_data.get("officer") if form.is_valid() else None
        if officer is None:
            self.message_user(request, _("Choose an officer first."), messages.ERROR)
            return
        self._assign_all(request, queryset, officer)


class CaseFileAdmin(QueueAdmin):
    """Every case the user may see, searchable; its change page is the case page."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:case_id>/documents/<int:document_id>/",
                wrap(views.download_document),
                name="queues_casefile_document",
            ),
            path(
                "<int:case_id>/communications/<int:communication_id>/print/",
                wrap(views.print_communication),
                name="queues_casefile_print",
            ),
            path(
                "<int:case_id>/letters/<int:communication_id>/",
                wrap(views.letter),
                name="queues_casefile_letter",
            ),
            path(
                "<int:case_id>/act/<slug:action>/",
                wrap(views.act_on_case),
                name="queues_casefile_act",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._case_page(request, object_id, Action.VIEW_CASE)

    def history_view(self, request, object_id, extra_context=None):
        # The case page's timeline is the history: one place to read it, audited as such.
        return self._case_page(request, object_id, Action.VIEW_HISTORY)

    def has_view_permission(self, request, obj=None):
        # The case page serves every queue's links, whichever queues the user opens.
        return selectors.may_use_back_office(request.user)

    def _case_page(self, request, object_id, action):
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = case_file_for(
            user=request.user,
            case_id=object_id,
            timeline_before=TimelineCursor.parse(request.GET.get("before")),
        )
        record_event(action=action, actor=request.user, case_id=page.case.pk, request=request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": page.case.case_number,
            "page": page,
            "case": page.case,
            "now": timezone.now(),
            "age_days": selectors.working_age(page.case).days,
            "officers": views.officers_for(page),
            # The action forms, unbound, for their fields (ports of entry, reasons).
            "communicate_form": forms_.CommunicateForm(),
            "amend_form": forms_.AmendDecisionForm(),
        }
        return TemplateResponse(request, "staff/case_page.html", context)


# Every queue of staff.queues gets its list page; "all cases" also holds the case page.
for queue in QUEUES:
    base = CaseFileAdmin if queue.name == "all" else QueueAdmin
    admin.site.register(
        getattr(models, queue.model_name),
        type(f"{queue.model_name}Admin", (base,), {"queue": queue, "ordering": queue.ordering}),
    )
