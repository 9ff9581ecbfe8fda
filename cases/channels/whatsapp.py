"""WhatsApp through the WhatsApp Business Cloud API (HTTPS and JSON), off unless configured.

A business may open a conversation only with a pre-approved template: one per language, saying
what the texts say (``WHATSAPP_TEMPLATES``). Its one variable is the case number; no name,
reason or decision ever travels.
"""

import requests
from django.conf import settings

from cases.channels.base import Outgoing, ProviderAnswer, accepted, refused, unavailable


def request_body(message: Outgoing) -> dict:
    name, code = settings.WHATSAPP_TEMPLATES[message.language]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": message.to_address.lstrip("+"),
        "type": "template",
        "template": {
            "name": name,
            "language": {"policy": "deterministic", "code": code},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": message.case_number}]}
            ],
        },
    }


def _error_code(response) -> str:
    try:
        return str(response.json().get("error", {}).get("code", ""))
    except ValueError:
        return ""


class WhatsAppBackend:
    def send(self, message: Outgoing) -> ProviderAnswer:
        if message.language not in settings.WHATSAPP_TEMPLATES:
            return refused(f"no template for {message.language}")
        url = f"{settings.WHATSAPP_API_URL}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
        try:
            response = requests.post(
                url,
                json=request_body(message),
                headers={"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"},
                timeout=settings.WHATSAPP_TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            return unavailable(type(error).__name__)
        if response.status_code == 200:
            try:
                return accepted(response.json()["messages"][0]["id"])
            except (ValueError, KeyError, IndexError):
                return unavailable("unreadable answer")
        detail = f"HTTP {response.status_code} {_error_code(response)}".strip()
        if response.status_code == 429 or response.status_code >= 500:
            return unavailable(detail)
        return refused(detail)
