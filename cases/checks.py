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
