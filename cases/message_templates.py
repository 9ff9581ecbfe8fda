"""The text of messages to the requestor: from the templates staff edit, in the case's language."""

import zoneinfo
from string import Template

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cases.default_message_templates import DEFAULT_TEMPLATES
from cases.models import MessageTemplate


def template_text(kind: str, language: str) -> tuple[str, str]:
    row = MessageTemplate.objects.filter(kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.body
    return DEFAULT_TEMPLATES.get((kind, language)) or DEFAULT_TEMPLATES[(kind, "en")]


def fill(text: str, values: dict) -> str:
    # safe_substitute: a placeholder staff mistyped stays as typed instead of failing.
    return Template(text).safe_substitute({k: str(v) for k, v in values.items()})


def when_text(moment, language) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def presentation_text(moment, *, time_zone, port_name, language) -> str:
    """When to present oneself, on the port's wall clock, saying whose clock it is."""
    local = moment.astimezone(zoneinfo.ZoneInfo(time_zone))
    with translation.override(language):
        return _("%(date)s at %(time)s, local time in %(port)s (%(zone)s)") % {
            "date": formats.date_format(local, "DATE_FORMAT"),
            "time": formats.time_format(local, "TIME_FORMAT"),
            "port": port_name,
            "zone": local.tzname(),
        }


def day_text(moment, language) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")
