"""The back office on the staff site: queue list pages, search, the case page and its actions.

One list page per entry of ``staff.queues``. Which cases appear is decided by ``routing.access``
(through ``staff.selectors``); who may open a queue at all is decided here by role, as the
proxies carry no permissions.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.templatetags.admin_list import result_headers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles
from audit.admin_reads import AuditedCaseReads, ReadOnlyAdmin
from audit.models import Action
from audit.services import record_event
from cases.errors import IllegalTransition, InvalidCaseData
from cases.models import Case
from routing import access
from routing import services as routing_services
from staff import forms as forms_
from staff import models, selectors, views
from staff.case_page import TimelineCursor, case_file_for
from staff.filters import AgeFilter, AssigneeFilter, ConcernFilter, ConditionFilter
from staff.queue_rows import queue_rows
from staff.queues import QUEUES


class AssignActionForm(ActionForm):
    """The queue's bulk actions, with the officer the selected cases may go to."""

    officer = forms.ModelChoiceField(
        label=_("officer"), required=False, queryset=selectors.officers()
    )


class BoundedPaginator(Paginator):
    """Counts a queue only up to CAP + 1 cases (the count reads at most that many index rows):
    an exact COUNT(*) of a queue of 100,000 cases on every page costs more than the page.
    The page then reads "more than 1,000 cases"; staff narrow a long queue by its filters or
    search, and work it from the top (oldest first)."""

    CAP = 1000
    capped = False

    @cached_property
    def count(self):
        # Without the page's order or columns: sorting a queue's every case only to count the
        # first thousand cost the overdue queue 46 ms of the database's time per page.
        found = self.object_list.order_by().values("pk")[: self.CAP + 1].count()
        self.capped = found > self.CAP
        return found


class QueueAdmin(AuditedCaseReads, ReadOnlyAdmin, admin.ModelAdmin):
    queue = None  # an entry of staff.queues.QUEUES
    list_display = [
        "case_link",
        "new_answer",
        "age",
        "concern_list",
        "status",
        "assigned_to",
        "masked_a_number",
        "language",
    ]
    list_display_links = None
    list_filter = [
        "status",
        ConcernFilter,
        ConditionFilter,
        "language",
        AgeFilter,
        AssigneeFilter,
    ]
    # A search box on every queue: case number, A-number or name (see get_search_results).
    search_fields = ["case_number"]
    search_help_text = _("Case number, A-number or name")
    show_full_result_count = False
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
        # The queue's own heading and empty state, not the admin's "Select case to view".
        context = {"title": self.queue.heading, "queue": self.queue, **(extra_context or {})}
        response = super().changelist_view(request, extra_context=context)
        data = getattr(response, "context_data", None) or {}
        if "cl" in data:
            data.update(self._lean_rows(data["cl"]))
        action_form = data.get("action_form")
        if action_form is not None:
            # Offer only officers who may hold the cases this user's queues hold: their own
            # team's (the service refuses any other, and says why).
            teams = [role for role in access.roles_of(request.user) if role in roles.OFFICERS]
            action_form.fields["officer"].queryset = selectors.officers(roles_held=teams)
        return response

    @staticmethod
    def _lean_rows(cl) -> dict:
        """The page's rows as plain values, and the change list's headers (staff.queue_rows)."""
        return {
            "queue_rows": queue_rows(cl.result_list, with_name="enrollee_name" in cl.list_display),
            "queue_headers": list(result_headers(cl)),
            "queue_selectable": "action_checkbox" in cl.list_display,
            "queue_with_name": "enrollee_name" in cl.list_display,
            "queue_icon_yes": static("admin/img/icon-yes.svg"),
            "queue_icon_no": static("admin/img/icon-no.svg"),
        }

    def get_queryset(self, request):
        return selectors.staff_queue(user=request.user, name=self.queue.name)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        found = selectors.search(user=request.user, text=search_term, within=queryset)
        if found.typed_number_wrong:
            if found.did_you_mean:
                messages.warning(
                    request,
                    _("No case has that exact number; did you mean %(number)s?")
                    % {"number": ", ".join(found.did_you_mean)},
                )
            else:
                messages.warning(request, _("That case number's check character is wrong."))
        return found.cases, False

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if selectors.search_kind(request.GET.get("q", "")) == "name":
            columns.insert(1, "enrollee_name")
        return columns

    @admin.display(description=_("new answer"), boolean=True)
    def new_answer(self, case):
        """The requestor answered and no officer has marked the answer read yet."""
        return getattr(case, "has_new_answer", False)

    @admin.display(description=_("name"))
    def enrollee_name(self, case):
        return case.enrollee.full_name

    @admin.display(description=_("case number"), ordering="case_number")
    def case_link(self, case):
        url = reverse("admin:queues_casefile_change", args=[case.pk])
        return format_html('<a href="{}">{}</a>', url, case.case_number)

    @admin.display(description=_("age (days)"), ordering="working_since")
    def age(self, case):
        return selectors.working_age(case).days

    @admin.display(description=_("concerns"))
    def concern_list(self, case):
        return ", ".join(str(Case._meta.get_field(name).verbose_name) for name in case.concerns)

    @admin.display(description=_("A-number"))
    def masked_a_number(self, case):
        return case.enrollee.masked_a_number

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
