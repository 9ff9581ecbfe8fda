"""Save and come back: a request kept server-side under a short resume code.

The code uses the case-number alphabet (no I, L, O or U) with a Luhn mod-32 check character, in
three groups of four: eleven random characters (55 bits) and the check. It is a secret: only a
keyed hash is stored, it never appears in an address or a log line, and guessing is limited per
connection and per device (``intake.limits``). A draft holds the form's session data (answers,
held files, the submission token, so the same request still opens one case whichever phone
sends it) and is removed ``DRAFT_KEEP_DAYS`` after it was last saved.

The code is shown on screen and sent by e-mail to the addresses the person gave. A phone that
agreed to texts gets a text that the request is saved, until when and where to finish it, but
never the code: texts carry no secret (the phone may be shared, and the code opens every
answer). ``resume_code_recipients`` says who gets what; ``cases.channels`` delivers.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from cases.case_numbers import check_character, random_characters, typed_characters
from cases.channels import Outgoing, backend_for
from cases.message_templates import day_text
from cases.models import AttemptOutcome, Channel, SubmitterType
from cases.services import dispatch
from intake.contact import clean_phone, is_landline
from intake.models import Draft, DraftMessage
from intake.uploads import held_names_in

logger = logging.getLogger(__name__)

CODE_RANDOM_LENGTH = 11
CODE_LENGTH = CODE_RANDOM_LENGTH + 1
SEND_DRAFT_MESSAGE = "intake.tasks.send_draft_message"
SEND_MAX_ATTEMPTS = 7
_HASH_SALT = "intake.drafts.resume-code"


def new_resume_code() -> str:
    payload = random_characters(CODE_RANDOM_LENGTH)
    return shown_code(payload + check_character(payload))


def shown_code(characters: str) -> str:
    return "-".join(characters[start : start + 4] for start in range(0, CODE_LENGTH, 4))


@dataclass(frozen=True)
class TypedCode:
    code: str | None  # the well-formed code, when it reads as one
    problem: str  # "", "length" or "check"


def read_resume_code(text: str) -> TypedCode:
    """A typed code, forgiving case, spaces, dashes and the letters people confuse."""
    characters = typed_characters(text)
    if characters is None or len(characters) != CODE_LENGTH:
        return TypedCode(None, "length")
    if check_character(characters[:-1]) != characters[-1]:
        return TypedCode(None, "check")
    return TypedCode(shown_code(characters), "")


def _hashes(code: str) -> list[str]:
    # The current key first; codes issued before a key rotation still open their draft.
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [
        salted_hmac(_HASH_SALT, code, secret=key, algorithm="sha256").hexdigest() for key in keys
    ]


def draft_for_code(code: str, *, now=None) -> Draft | None:
    now = now or timezone.now()
    return Draft.objects.filter(code_hash__in=_hashes(code), expires_at__gt=now).first()


@dataclass(frozen=True)
class SavedDraft:
    code: str
    expires_at: datetime.datetime
    sent_to: list  # (channel, address) written to by this save

    @property
    def emailed_to(self) -> list[str]:
        """Addresses the code was sent to."""
        return [address for channel, address in self.sent_to if channel == Channel.EMAIL]

    @property
    def texted_to(self) -> list[str]:
        """Phones told by text that the request is saved (without the code)."""
        return [address for channel, address in self.sent_to if channel == Channel.SMS]


@transaction.atomic
def save_draft(*, data: dict, language: str, code: str = "", resume_url: str) -> SavedDraft:
    """Keep the form's data under its code (a new code the first time) and send the code to
    any address given since it was last sent."""
    now = timezone.now()
    expires_at = now + datetime.timedelta(days=settings.DRAFT_KEEP_DAYS)
    draft = Draft.objects.select_for_update().filter(code_hash__in=_hashes(code)).first()
    if code and draft is not None:
        draft.data, draft.language = data, language
        draft.updated_at, draft.expires_at = now, expires_at
        draft.save(update_fields=["data", "language", "updated_at", "expires_at"])
    else:
        code = new_resume_code()
        draft = Draft.objects.create(
            code_hash=_hashes(code)[0],
            data=data,
            language=language,
            created_at=now,
            updated_at=now,
            expires_at=expires_at,
        )
    already = set(draft.messages.values_list("channel", "to_address"))
    recipients = [r for r in resume_code_recipients(data) if r not in already]
    messages = [
        _queue_resume_code(
            draft=draft, channel=channel, address=address, code=code, resume_url=resume_url
        )
        for channel, address in recipients
    ]
    dispatch.after_commit(SEND_DRAFT_MESSAGE, [message.pk for message in messages])
    return SavedDraft(code=code, expires_at=expires_at, sent_to=recipients)


def discard_draft(code: str) -> None:
    if code:
        Draft.objects.filter(code_hash__in=_hashes(code)).delete()


def _typed_value(data: dict, step: str, name: str) -> str:
    # What the person typed last on that page (kept unchecked), else what the step kept when
    # it was accepted; a box unticked or a field emptied on the page since counts as empty.
    typed = data.get("extra_data", {}).get("typed", {})
    source = typed if step in typed else data.get("step_data", {})
    values = (source.get(step) or {}).get(f"{step}-{name}")
    if values:
        return str(values[0] if isinstance(values, list) else values).strip()
    return ""


def _phone_for_texts(data: dict, step: str) -> str:
    """The phone given on this step, in E.164, if its owner agreed to texts and it takes them."""
    if not _typed_value(data, step, "texts"):
        return ""
    try:
        phone = clean_phone(_typed_value(data, step, "phone"))
    except ValidationError:
        return ""
    return phone if phone and not is_landline(phone) else ""


def resume_code_recipients(data: dict) -> list[tuple[str, str]]:
    """Who is written to: the enrollee, and a representative; never a preparer (as for every
    message). One (channel, address) per way we may reach them: e-mail to an address, a text
    to a phone whose owner agreed to texts."""
    submitter = _typed_value(data, "submitter", "submitter_type")
    steps = ["enrollee"] + (["representative"] if submitter == SubmitterType.REPRESENTATIVE else [])
    found = []
    for step in steps:
        address = _typed_value(data, step, "email")
        try:
            validate_email(address)
        except ValidationError:
            address = ""
        phone = _phone_for_texts(data, step)
        for recipient in ((Channel.EMAIL, address), (Channel.SMS, phone)):
            if recipient[1] and recipient not in found:
                found.append(recipient)
    return found


def _queue_resume_code(*, draft, channel, address, code, resume_url) -> DraftMessage:
    context = {
        "code": code,
        "resume_url": resume_url,
        "kept_until": day_text(draft.expires_at, draft.language),
    }
    with translation.override(draft.language):
        if channel == Channel.SMS:  # no code: see the module's note
            subject = ""
            body = " ".join(render_to_string("intake/texts/request_saved.txt", context).split())
        else:
            subject = render_to_string("intake/email/resume_code_subject.txt", context)
            body = render_to_string("intake/email/resume_code_body.txt", context)
    return DraftMessage.objects.create(
        draft=draft,
        channel=channel,
        to_address=address,
        language=draft.language,
        subject=" ".join(subject.split())[:200],
        body=body,
        created_at=timezone.now(),
    )


def deliver_draft_message(*, message_id) -> str:
    """Send one queued message at most once: "sent", "retry", "failed" or "skipped"."""
    with transaction.atomic():
        message = (
            DraftMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        )
        if message is None or message.status != DraftMessage.Status.QUEUED:
            return "skipped"
        message.attempts += 1
        answer = backend_for(message.channel).send(
            Outgoing(
                channel=message.channel,
                to_address=message.to_address,
                subject=message.subject,
                body=message.body,
                language=message.language,
                case_number="",  # a draft has none
            )
        )
        if not answer.accepted:
            # The provider's code only: never the address or the text.
            logger.warning("draft message %s not sent: %s", message.pk, answer.detail)
            again = answer.outcome == AttemptOutcome.UNAVAILABLE
            if again and message.attempts < SEND_MAX_ATTEMPTS:
                message.save(update_fields=["attempts"])
                return "retry"
            message.status = DraftMessage.Status.FAILED
        else:
            message.status, message.sent_at = DraftMessage.Status.SENT, timezone.now()
        message.body = ""  # the code is no longer kept once it has left or never will
        message.save(update_fields=["attempts", "status", "sent_at", "body"])
        return message.status


def redispatch_stuck_draft_messages(*, older_than_minutes: int) -> int:
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    stuck = DraftMessage.objects.filter(status=DraftMessage.Status.QUEUED, created_at__lte=cutoff)
    ids = list(stuck.values_list("pk", flat=True))
    for message_id in ids:
        dispatch.wake(SEND_DRAFT_MESSAGE, message_id)
    return len(ids)


def discard_expired_drafts(*, now=None) -> int:
    now = now or timezone.now()
    deleted, _by_model = Draft.objects.filter(expires_at__lte=now).delete()
    return deleted


def held_files_of_live_drafts(*, now=None) -> set[str]:
    now = now or timezone.now()
    names = set()
    live = Draft.objects.filter(expires_at__gt=now).values_list("data", flat=True)
    for data in live.iterator(chunk_size=200):
        names |= held_names_in(data)
    return names
