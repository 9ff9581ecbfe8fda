"""The channels a worker delivers messages through, behind one interface.

Each backend takes an ``Outgoing`` message and answers with what its provider said
(``ProviderAnswer``): accepted (with the provider's id for it), refused for good, or
unavailable (try again later). Backends never raise for a provider's refusal or outage, and
never log a message's content or address. A letter has no backend: staff print and hand it over.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from cases.channels.base import Outgoing, ProviderAnswer
from cases.models import Channel

__all__ = ["Outgoing", "ProviderAnswer", "backend_for"]


def backend_for(channel: str):
    """The backend that delivers on this channel, as configured."""
    if channel == Channel.EMAIL:
        from cases.channels.email import EmailBackend

        return EmailBackend()
    if channel == Channel.SMS:
        return import_string(settings.TEXT_MESSAGE_BACKENDS[settings.TEXT_MESSAGE_BACKEND])()
    if channel == Channel.WHATSAPP:
        from cases.channels.whatsapp import WhatsAppBackend

        return WhatsAppBackend()
    raise ValueError(f"no backend delivers on {channel!r}")
