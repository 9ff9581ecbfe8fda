"""Forgetting the cached message templates when staff change one (cases.message_templates).

The cache is emptied now and again when the change commits, so a request reading in between
cannot keep the old text.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from cases.message_templates import forget_message_templates
from cases.models import MessageTemplate


def _template_changed(sender, instance, **kwargs):
    forget_message_templates()
    transaction.on_commit(forget_message_templates)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            _template_changed,
            sender=MessageTemplate,
            dispatch_uid=f"cases_message_template_{signal is post_save}",
        )
