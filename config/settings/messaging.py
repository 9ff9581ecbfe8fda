"""Messages to requestors beyond e-mail: text messages, WhatsApp, and the public status page.

E-mail is configured with the documents (``config.settings.documents``). Texts go to files under
var/texts in the embedded mode, to AWS SNS in production; WhatsApp is off unless configured.
"""

from urllib.parse import urlsplit

from config.settings.accountability import MPP_DEMO_MODE
from config.settings.base import VAR_DIR, env
from config.settings.domain import INTAKE_PUBLIC_URL


def _origin(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# The public site's address, for the status page link in texts, e-mail and letters: messages
# are often written by a background job, with no request to take the address from. Unset, it
# is the embedded demo's own address: loopback on the PORT that scripts/run serves.
PUBLIC_SITE_URL = env(
    "PUBLIC_SITE_URL",
    default=_origin(INTAKE_PUBLIC_URL) or f"http://127.0.0.1:{env.int('PORT', default=8000)}",
).rstrip("/")

# Text messages: "sns", or "file" (var/texts, one file a text) in the embedded demo.
TEXT_MESSAGE_BACKEND = env("TEXT_MESSAGE_BACKEND", default="file" if MPP_DEMO_MODE else "sns")
TEXT_MESSAGE_BACKENDS = {
    "file": "cases.channels.texts.FileTextBackend",
    "sns": "cases.channels.texts.SNSTextBackend",
}
TEXT_MESSAGE_FILE_PATH = env.str("TEXT_MESSAGE_FILE_PATH", default=str(VAR_DIR / "texts"))
# AWS SNS (boto3): credentials from the usual AWS chain (role, or AWS_* variables).
SMS_SNS_REGION = env("SMS_SNS_REGION", default="us-east-1")
SMS_SNS_ENDPOINT_URL = env("SMS_SNS_ENDPOINT_URL", default=None)
# Optional: a registered sender ID or origination number, where the destination requires one.
SMS_SENDER_ID = env("SMS_SENDER_ID", default="")
SMS_ORIGINATION_NUMBER = env("SMS_ORIGINATION_NUMBER", default="")
SMS_TIMEOUT_SECONDS = env.int("SMS_TIMEOUT_SECONDS", default=10)

# WhatsApp Business Cloud API: off unless WHATSAPP_ENABLED. One pre-approved template per
# language, the same content-free notice as the texts: "language=template:code,...". Haitian
# Creole has no WhatsApp template language, so by default it is left out (texts still go).
WHATSAPP_ENABLED = env.bool("WHATSAPP_ENABLED", default=False)
WHATSAPP_API_URL = env("WHATSAPP_API_URL", default="https://graph.facebook.com/v21.0").rstrip("/")
WHATSAPP_PHONE_NUMBER_ID = env("WHATSAPP_PHONE_NUMBER_ID", default="")
WHATSAPP_ACCESS_TOKEN = env("WHATSAPP_ACCESS_TOKEN", default="")
WHATSAPP_TIMEOUT_SECONDS = env.int("WHATSAPP_TIMEOUT_SECONDS", default=10)
WHATSAPP_TEMPLATES = {
    language: tuple(template.split(":", 1))
    for language, template in env.dict(
        "WHATSAPP_TEMPLATES",
        default={
            "en": "mpp_case_news:en_US",
            "es": "mpp_case_news:es_MX",
            "pt-br": "mpp_case_news:pt_BR",
        },
    ).items()
}

# The status page: how long a look stays open on a (possibly shared) phone without a click,
# and how many look-ups a case number and a connection may make. A shelter's residents share
# one address, so the address limit is generous; the per-case limit is what stops guessing a
# birth date (about 30,000 possible dates: years at 10 an hour and 30 a day).
STATUS_PAGE_IDLE_SECONDS = env.int("STATUS_PAGE_IDLE_SECONDS", default=15 * 60)
STATUS_LOOKUP_RATE_PER_CASE = env("STATUS_LOOKUP_RATE_PER_CASE", default="10/h")
STATUS_LOOKUP_DAILY_RATE_PER_CASE = env("STATUS_LOOKUP_DAILY_RATE_PER_CASE", default="30/d")
STATUS_LOOKUP_RATE_PER_ADDRESS = env("STATUS_LOOKUP_RATE_PER_ADDRESS", default="200/h")
