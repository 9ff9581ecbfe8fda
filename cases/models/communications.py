"""What is asked of and said to the requestor: information requests and messages as sent."""

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.vocabulary import (
    AttemptOutcome,
    Channel,
    CommunicationKind,
    Component,
    DeliveryStatus,
    Language,
    MessageKind,
    Recipient,
)


class InformationRequest(models.Model):
    """A further-information request (FIG) sent to the requestor, answered through a link."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    component = models.CharField(max_length=8, choices=Component.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("what we need"))
    created_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # Only a hash of the single-use link's token is kept.
    token_hash = models.CharField(max_length=64, unique=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    # An answer stays flagged in the queues until an officer says they have read it.
    answer_read_at = models.DateTimeField(null=True, blank=True)
    answer_read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expired_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The queues' "new answer" flag: answered, not yet read, per case.
            models.Index(
                fields=["case"],
                condition=Q(answered_at__isnull=False, answer_read_at__isnull=True),
                name="inforeq_unread_answer",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="information_request_answered_or_expired_once",
                condition=Q(answered_at__isnull=True) | Q(expired_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"Information request on case {self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.expired_at is None

    def is_answerable(self, now=None) -> bool:
        """Open and not past its due date. The hourly job records the expiry later; until it
        runs, a request past its due date is already closed to answers."""
        return self.is_open and self.due_at > (now or timezone.now())


class Communication(models.Model):
    """One message to one recipient on one channel (never to a preparer): the outbox row.

    The rows of one message (a confirmation by e-mail and by text, say) share ``message_group``.
    A worker delivers a queued row after commit; a letter is printed and handed over by staff.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="communications")
    kind = models.CharField(max_length=24, choices=CommunicationKind.choices)
    recipient = models.CharField(max_length=16, choices=Recipient.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    # An e-mail address, a phone number in E.164, or empty for a letter.
    to_address = models.CharField(max_length=254, blank=True)
    message_group = models.UUIDField(default=uuid.uuid4, db_index=True)
    language = models.CharField(max_length=5, choices=Language.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # What the provider called the message, and its last refusal (a code, never content).
    provider_message_id = models.CharField(max_length=200, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    information_request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Where the decision requires it: the port of entry and when to present there, as sent (a
    # later edit of the port's record never changes what the person was told). The time is
    # shown in the port's own zone.
    port_of_entry = models.CharField(max_length=100, blank=True)
    port_address = models.CharField(max_length=300, blank=True)
    present_at = models.DateTimeField(null=True, blank=True)
    present_time_zone = models.CharField(max_length=64, blank=True)
    # A decision notice corrected by an amended one: the earlier notice is kept, marked
    # superseded, and the amendment names it with the reason for the correction.
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    amendment_reason = models.CharField(max_length=500, blank=True)
    # A letter: who printed it last and when, and who recorded it delivered.
    printed_at = models.DateTimeField(null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delivery_note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="sent_communication_has_time",
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="letter_is_printed_or_waits",
                condition=Q(channel=Channel.LETTER)
                | ~Q(
                    status__in=[
                        DeliveryStatus.TO_PRINT,
                        DeliveryStatus.PRINTED,
                        DeliveryStatus.DELIVERED,
                    ]
                ),
            ),
            models.CheckConstraint(
                name="delivered_letter_has_who_and_when",
                condition=~Q(status=DeliveryStatus.DELIVERED)
                | (Q(delivered_at__isnull=False) & Q(delivered_by__isnull=False)),
            ),
        ]
        indexes = [
            # The letters-to-print queue: the few letters still waiting, by case.
            models.Index(
                fields=["case"],
                condition=Q(status__in=["to_print", "printed"]),
                name="communication_letters_waiting",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.get_recipient_display()}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def present_at_local(self):
        """The presentation time on the port's wall clock."""
        if self.present_at is None or not self.present_time_zone:
            return self.present_at
        return self.present_at.astimezone(zoneinfo.ZoneInfo(self.present_time_zone))

    @property
    def is_letter(self) -> bool:
        return self.channel == Channel.LETTER


class DeliveryAttempt(models.Model):
    """One try at handing a message to its provider, and what the provider answered."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    attempted_at = models.DateTimeField()
    outcome = models.CharField(max_length=12, choices=AttemptOutcome.choices)
    provider_message_id = models.CharField(max_length=200, blank=True)
    # The provider's error code or exception class: never the message or the address.
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["attempted_at", "id"]

    def __str__(self):
        return f"{self.outcome} at {self.attempted_at:%Y-%m-%d %H:%M:%S}"


class MessageTemplate(models.Model):
    """The text of a message to requestors, one per kind and language, edited by staff.

    Placeholders are ``$name`` (string.Template), filled in safely: never template code.
    """

    kind = models.CharField(_("kind"), max_length=24, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Placeholders: $case_number, $status_link, $outcome, $port_of_entry, $present_at, "
            "$message, $link, $due_date"
        ),
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="one_template_per_language")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"
