"""The text of messages to the requestor: from the templates staff edit, in the case's language."""

from string import Template
from zoneinfo import ZoneInfo

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


def when_text(moment, language, zone_name: str = "") -> str:
    """A date and time in the language; in ``zone_name``'s local time when given (a port of
    entry's), said so, else in the server's time zone."""
    with translation.override(language):
        if not zone_name:
            return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        local = timezone.localtime(moment, ZoneInfo(zone_name))
        return _("%(when)s, local time") % {"when": formats.date_format(local, "DATETIME_FORMAT")}


def day_text(moment, language) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")
