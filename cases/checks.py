from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_documents_are_virus_scanned(app_configs, **kwargs):
    if settings.DOCUMENT_SCANNER == "demo" and not settings.MPP_DEMO_MODE:
        return [
            checks.Error(
                "Uploads would be checked by the demo scanner, not clamd.",
                hint="Set CLAMD_TCP_ADDRESS (or CLAMD_ADDRESS) and DOCUMENT_SCANNER=clamd.",
                id="cases.E001",
            )
        ]
    return []


@checks.register(checks.Tags.compatibility)
def check_texts_reach_phones(app_configs, **kwargs):
    found = []
    if settings.TEXT_MESSAGE_BACKEND not in settings.TEXT_MESSAGE_BACKENDS:
        found.append(
            checks.Error(
                f"Unknown TEXT_MESSAGE_BACKEND {settings.TEXT_MESSAGE_BACKEND!r}.",
                hint=f"Choose one of {', '.join(settings.TEXT_MESSAGE_BACKENDS)}.",
                id="cases.E002",
            )
        )
    elif settings.TEXT_MESSAGE_BACKEND == "file" and not settings.MPP_DEMO_MODE:
        found.append(
            checks.Warning(
                "Text messages are written to files, not sent to any phone.",
                hint="Set TEXT_MESSAGE_BACKEND=sns (and SMS_SNS_REGION) outside the demo.",
                id="cases.W003",
            )
        )
    if settings.WHATSAPP_ENABLED and not (
        settings.WHATSAPP_PHONE_NUMBER_ID and settings.WHATSAPP_ACCESS_TOKEN
    ):
        found.append(
            checks.Error(
                "WhatsApp is enabled without a phone number id and access token.",
                hint="Set WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN, or turn it off.",
                id="cases.E004",
            )
        )
    return found
