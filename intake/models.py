"""What the public form keeps before a case exists: saved drafts and the messages about them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Channel

# A resume code goes by e-mail; a text only says a request is saved and where to finish it.
RESUME_CODE_CHANNELS = [(channel.value, channel.label) for channel in (Channel.EMAIL, Channel.SMS)]


class Draft(models.Model):
    """A request saved to finish later: the form's answers and held files, under a resume code.

    Only a keyed hash of the code is stored (the code is the only key to the answers); the
    hourly cleanup removes a draft, and the files it holds, once ``expires_at`` has passed.
    """

    code_hash = models.CharField(max_length=64, unique=True)
    # The form's own session data: answers per step, held files, the submission token.
    data = models.JSONField()
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("saved request")
        verbose_name_plural = _("saved requests")

    def __str__(self):
        return f"Draft {self.pk}"


class DraftMessage(models.Model):
    """A message about a saved request: the outbox row, written with the draft, sent after.

    An e-mail carries the resume code; a text message never does (a shared phone must not
    open the answers), only the date it is kept until and where to finish. The body is blanked
    once the message is sent or given up on.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=16, choices=RESUME_CODE_CHANNELS, default=Channel.EMAIL)
    to_address = models.CharField(max_length=254)
    language = models.CharField(max_length=5)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="sent_draft_message_has_time",
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
            )
        ]

    def __str__(self):
        return f"Draft message {self.pk}"
