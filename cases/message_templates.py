"""The text of messages to the requestor: from the templates staff edit, in the case's language.

Placeholders are ``string.Template``'s ``$name``: staff-edited text never runs template code. A
template is checked when it is saved (only the placeholders of its kind, and rendered once in its
language); a message that still cannot be built (a row saved before the check) refuses with
``MessageNotBuilt``, which the staff page shows, and nothing is queued.
"""

import zoneinfo
from datetime import UTC, datetime
from email.utils import formataddr, parseaddr
from string import Template

from django.conf import settings
from django.core.cache import cache
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.access import read_through
from cases.default_message_templates import DEFAULT_TEMPLATES
from cases.errors import InvalidCaseData
from cases.models import CBPOutcome, Language, MessageKind, MessageTemplate

_DECISION = ("case_number", "outcome", "port_of_entry", "present_at", "status_link")
_INFORMATION = ("case_number", "message", "link", "due_date", "status_link")
# The placeholders each kind of message fills: no other may appear in its template.
PLACEHOLDERS = {
    MessageKind.CONFIRMATION: ("case_number", "status_link"),
    MessageKind.DECISION: _DECISION,
    MessageKind.PRESENTATION: _DECISION,
    MessageKind.INFORMATION_REQUEST: _INFORMATION,
    MessageKind.INFORMATION_REMINDER: _INFORMATION,
}


class MessageNotBuilt(InvalidCaseData):
    """A template has a placeholder its message cannot fill, or a stray ``$``."""


TEMPLATE_KEY = "message-template:{kind}:{language}"
# Staff edit templates through the staff site, which forgets them (cases.receivers); the limit
# covers a change made some other way, such as a data migration.
TEMPLATE_SECONDS = 300


def template_text(kind: str, language: str) -> tuple[str, str]:
    """Subject and body: the staff-edited template, else the default.

    Every new case sends a confirmation, so that template is kept in the shared cache (issue
    19); the others, sent by staff after a preview, are read afresh each time.
    """
    if kind == MessageKind.CONFIRMATION:
        row = read_through(
            TEMPLATE_KEY.format(kind=kind, language=language),
            TEMPLATE_SECONDS,
            lambda: _edited_template(kind, language),
        )
    else:
        row = _edited_template(kind, language)
    if row is not None:
        return row
    return DEFAULT_TEMPLATES.get((kind, language)) or DEFAULT_TEMPLATES[(kind, "en")]


def _edited_template(kind, language):
    return (
        MessageTemplate.objects.filter(kind=kind, language=language)
        .values_list("subject", "body")
        .first()
    )


def forget_message_templates() -> None:
    cache.delete_many(
        [
            TEMPLATE_KEY.format(kind=MessageKind.CONFIRMATION, language=language)
            for language in Language.values
        ]
    )


def _not_built(name) -> MessageNotBuilt:
    return MessageNotBuilt(
        _(
            "A message template uses %(placeholder)s, which this message cannot fill; nothing "
            "was sent. Correct the template under Message templates, then try again."
        )
        % {"placeholder": f"${name}" if name else "$"}
    )


def fill(text: str, values: dict) -> str:
    """The text with every placeholder filled; MessageNotBuilt if one cannot be."""
    try:
        return Template(text).substitute({k: str(v) for k, v in values.items()})
    except KeyError as missing:
        raise _not_built(missing.args[0]) from missing
    except ValueError as stray:  # a "$" followed by no name
        raise _not_built("") from stray


def placeholders_in(text: str) -> list[str]:
    """Every placeholder a text uses, by name ("" for a stray "$"), in order."""
    found = []
    for match in Template.pattern.finditer(text):
        if match.group("invalid") is not None:
            found.append("")
        elif match.group("named") or match.group("braced"):
            found.append(match.group("named") or match.group("braced"))
    return found


def sample_values(language: str) -> dict:
    """What a message of any kind is filled with when a template is tried once."""
    moment = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    with translation.override(language):
        outcome = str(CBPOutcome.DISENROLL.label)
    return {
        "case_number": "MPP-7K4QM-9M3XZ",
        "outcome": outcome,
        "port_of_entry": "El Paso",
        "present_at": presentation_text(
            moment, time_zone="America/Denver", port_name="El Paso", language=language
        ),
        "message": "…",
        "link": "https://mpp.example.gov/information/…/",
        "status_link": "https://mpp.example.gov/status/",
        "due_date": day_text(moment, language),
    }


def template_problems(*, kind: str, language: str, subject: str, body: str) -> list[str]:
    """Why a template may not be saved: placeholders its kind does not fill, or a text that
    does not render in its language. Empty when it may."""
    allowed = PLACEHOLDERS[kind]
    problems = []
    for name in dict.fromkeys(placeholders_in(subject) + placeholders_in(body)):
        if name == "":
            problems.append(_('A "$" must start a placeholder; write "$$" for the sign itself.'))
        elif name not in allowed:
            problems.append(
                _("%(placeholder)s is not a placeholder of this message. Use: %(allowed)s.")
                % {
                    "placeholder": f"${name}",
                    "allowed": ", ".join(f"${known}" for known in allowed),
                }
            )
    if not problems:
        try:
            render(subject=subject, body=body, language=language)
        except MessageNotBuilt as refusal:
            problems.append(str(refusal))
    return problems


def render(*, subject: str, body: str, language: str) -> tuple[str, str]:
    """The template filled with sample values, as a requestor would read it."""
    values = sample_values(language)
    return fill(subject, values), fill(body, values)


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


def sender_address(language) -> str:
    """DEFAULT_FROM_EMAIL's address under a sender name in the message's language."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    with translation.override(language):
        return formataddr((_("MPP Case Requests"), address or settings.DEFAULT_FROM_EMAIL))
