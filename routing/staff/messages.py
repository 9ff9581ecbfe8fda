"""Messages to the requestor: who receives them, and their text from the templates."""

import logging
from string import Template

from django.db import transaction
from django.utils import formats, timezone, translation

from cases.models import Recipient, SubmitterType
from cases.tasks import send_communication
from routing.message_texts import DEFAULT_TEMPLATES
from routing.models import MessageTemplate

logger = logging.getLogger(__name__)


def recipients_of(case) -> list[tuple[str, str]]:
    """The enrollee and a representative, each with an address; never a preparer."""
    found = []
    if case.enrollee.email:
        found.append((Recipient.ENROLLEE, case.enrollee.email))
    if case.submitter_type == SubmitterType.REPRESENTATIVE:
        representative = getattr(case, "representative", None)
        if representative is not None and representative.email:
            found.append((Recipient.REPRESENTATIVE, representative.email))
    return found


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


def day_text(moment, language) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def send_after_commit(communication_ids) -> None:
    def queue():
        for communication_id in communication_ids:
            try:
                send_communication.delay(communication_id)
            except Exception:  # the row stays queued; no personal data goes to the log
                logger.exception("could not queue communication %s", communication_id)

    transaction.on_commit(queue)
