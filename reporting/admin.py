"""The report archive in the staff site: each week's figures, charts and CSV, read-only."""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.access import in_any_group
from audit.admin_reads import ReadOnlyAdmin
from audit.models import Action
from audit.services import record_event
from reporting.charts import chart_specs, charts
from reporting.emails import csv_filename, report_context
from reporting.models import WeeklyReport


def may_read_reports(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or in_any_group(user, roles.REPORT_READERS)


# Reports are written by the weekly job and the operator command only.
@admin.register(WeeklyReport)
class WeeklyReportAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("week", "generated_at", "delivery_status", "sent_at")
    list_filter = ("delivery_status",)

    def has_module_permission(self, request):
        return may_read_reports(request.user)

    def has_view_permission(self, request, obj=None):
        return may_read_reports(request.user)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/chart/<slug:name>.png",
                self.admin_site.admin_view(self.chart_view),
                name="reporting_weeklyreport_chart",
            ),
            path(
                "<int:pk>/csv/",
                self.admin_site.admin_view(self.csv_view),
                name="reporting_weeklyreport_csv",
            ),
        ]
        return own + super().get_urls()

    def _report(self, request, pk):
        if not may_read_reports(request.user):
            raise Http404
        return get_object_or_404(WeeklyReport, pk=pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self._report(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            **report_context(report),
            "opts": self.model._meta,
            "title": _("Weekly report %(week)s") % {"week": report.week},
            "charts": [
                (
                    str(chart.title),
                    reverse("admin:reporting_weeklyreport_chart", args=[report.pk, chart.name]),
                )
                for chart in chart_specs(report.figures)
            ],
            "csv_url": reverse("admin:reporting_weeklyreport_csv", args=[report.pk]),
        }
        return TemplateResponse(request, "reporting/admin/report.html", context)

    def chart_view(self, request, pk, name):
        report = self._report(request, pk)
        png = charts(report.figures).get(name)
        if png is None:
            raise Http404
        response = HttpResponse(png, content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response

    def csv_view(self, request, pk):
        report = self._report(request, pk)
        record_event(
            action=Action.EXPORT,
            actor=request.user,
            request=request,
            detail={"weekly_report": report.week},
        )
        response = HttpResponse(report.csv, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{csv_filename(report)}"'
        return response
