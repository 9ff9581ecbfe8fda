"""The weekly report as an e-mail: HTML with inline charts, plain text, and the CSV.

MIME layout, so that clients show the charts inside the HTML and the CSV as an attachment:
multipart/mixed [ multipart/related [ multipart/alternative [text, html], PNG... ], CSV ].
"""

from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import SafeMIMEMultipart, SafeMIMEText
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from reporting.charts import chart_specs, charts
from reporting.periods import parse_week
from reporting.publication import displayed_tables


def content_id(name: str) -> str:
    return f"chart-{name}@mpp-weekly-report"


def report_context(report) -> dict:
    week = parse_week(report.week, time_zone=report.time_zone)
    return {
        "report": report,
        "first_day": week.first_day,
        "last_day": week.last_day,
        "tables": displayed_tables(report.figures),
        "k": report.figures["min_cell_size"],
        "largest_small_count": report.figures["min_cell_size"] - 1,
    }


def weekly_report_email(report) -> EmailMessage:
    context = report_context(report)
    pngs = charts(report.figures)
    context["charts"] = [
        (str(chart.title), f"cid:{content_id(chart.name)}") for chart in chart_specs(report.figures)
    ]
    alternative = SafeMIMEMultipart(_subtype="alternative", encoding="utf-8")
    alternative.attach(
        SafeMIMEText(render_to_string("reporting/email.txt", context), "plain", "utf-8")
    )
    alternative.attach(
        SafeMIMEText(render_to_string("reporting/email.html", context), "html", "utf-8")
    )
    related = SafeMIMEMultipart(_subtype="related", encoding="utf-8")
    related.attach(alternative)
    for name, png in pngs.items():
        image = MIMEImage(png, "png")
        image.add_header("Content-ID", f"<{content_id(name)}>")
        image.add_header("Content-Disposition", "inline", filename=f"{name}.png")
        related.attach(image)
    # An empty body: Django then puts only the parts attached below in multipart/mixed.
    message = EmailMessage(
        subject=_("MPP case requests: weekly report %(week)s") % {"week": report.week},
        body="",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=report.recipients,
    )
    message.attach(related)
    message.attach(csv_filename(report), report.csv, "text/csv")
    return message


def csv_filename(report) -> str:
    return f"mpp-weekly-report-{report.week}.csv"
