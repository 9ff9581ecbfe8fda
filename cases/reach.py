"""Who is written to about a case, and on which channels: the one rule.

The enrollee and a representative, never a preparer, each on every channel they gave: e-mail
to an address, text messages to a phone whose owner agreed to texts, and WhatsApp to that
phone too when it is switched on and has a template in the case's language. Someone with none
of these is reached by letter. The rule reads plain values, so the public form can tell,
before anything is submitted, whether anyone could be reached (``cases.selectors`` applies it
to a case).
"""

from dataclasses import dataclass

from django.conf import settings

from cases.models.vocabulary import Channel, Recipient, SubmitterType


@dataclass(frozen=True)
class Contact:
    """What one person gave on the form."""

    phone: str = ""  # E.164
    email: str = ""
    texts: bool = False
    whatsapp: bool = False


@dataclass(frozen=True)
class Address:
    channel: str
    address: str


@dataclass(frozen=True)
class MessageRecipient:
    """A person messages go to, with every channel that reaches them."""

    recipient: str
    channels: tuple[Address, ...]


def whatsapp_speaks(language: str) -> bool:
    """WhatsApp is switched on and has an approved template in this language."""
    return settings.WHATSAPP_ENABLED and language in settings.WHATSAPP_TEMPLATES


def channels_of(contact: Contact, language: str) -> tuple[Address, ...]:
    found = []
    if contact.phone and contact.texts:
        found.append(Address(Channel.SMS, contact.phone))
    if contact.phone and contact.whatsapp and whatsapp_speaks(language):
        found.append(Address(Channel.WHATSAPP, contact.phone))
    if contact.email:
        found.append(Address(Channel.EMAIL, contact.email))
    return tuple(found)


def message_recipients(
    *, submitter_type: str, language: str, enrollee: Contact, representative: Contact | None
) -> list[MessageRecipient]:
    """Who receives messages and how; a preparer never appears, whatever they gave."""
    people = [(Recipient.ENROLLEE, enrollee)]
    if submitter_type == SubmitterType.REPRESENTATIVE and representative is not None:
        people.append((Recipient.REPRESENTATIVE, representative))
    found = []
    for recipient, contact in people:
        channels = channels_of(contact, language)
        if channels:
            found.append(MessageRecipient(recipient, channels))
    return found
