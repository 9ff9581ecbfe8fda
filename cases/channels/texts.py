"""Text messages: AWS SNS in production (boto3), files under var/texts in the embedded mode.

The text is the content-free notice of ``cases.message_content``: the case number and the
status page's address, nothing else.
"""

import functools
import uuid
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils import timezone

from cases.channels.base import Outgoing, ProviderAnswer, accepted, refused, unavailable

# SNS refusals that no retry can change: a malformed or unusable number.
PERMANENT_ERRORS = frozenset({"InvalidParameter", "InvalidParameterValue", "EndpointDisabled"})


class FileTextBackend:
    """One file a text, as Django's file e-mail backend writes var/mail: the demo shows them."""

    def send(self, message: Outgoing) -> ProviderAnswer:
        folder = Path(settings.TEXT_MESSAGE_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        now = timezone.now()
        message_id = f"file-{uuid.uuid4()}"
        lines = [
            f"To: {message.to_address}",
            f"Channel: {message.channel}",
            f"Date: {now.isoformat(timespec='seconds')}",
            f"Message-Id: {message_id}",
            "",
            message.body,
            "",
        ]
        path = folder / f"{now:%Y%m%d-%H%M%S}-{message_id}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return accepted(message_id)


@functools.lru_cache(maxsize=4)
def _client(region, endpoint_url, timeout):
    # boto3 clients are thread-safe and costly to build: one per configuration. Our own retries
    # (the outbox) replace botocore's.
    return boto3.client(
        "sns",
        region_name=region,
        endpoint_url=endpoint_url,
        config=Config(
            connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 1}
        ),
    )


class SNSTextBackend:
    """AWS SNS ``Publish`` to a phone number, as a transactional text."""

    def send(self, message: Outgoing) -> ProviderAnswer:
        attributes = {
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}
        }
        if settings.SMS_SENDER_ID:
            attributes["AWS.SNS.SMS.SenderID"] = {
                "DataType": "String",
                "StringValue": settings.SMS_SENDER_ID,
            }
        if settings.SMS_ORIGINATION_NUMBER:
            attributes["AWS.MM.SMS.OriginationNumber"] = {
                "DataType": "String",
                "StringValue": settings.SMS_ORIGINATION_NUMBER,
            }
        client = _client(
            settings.SMS_SNS_REGION, settings.SMS_SNS_ENDPOINT_URL, settings.SMS_TIMEOUT_SECONDS
        )
        try:
            answer = client.publish(
                PhoneNumber=message.to_address, Message=message.body, MessageAttributes=attributes
            )
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "ClientError")
            return refused(code) if code in PERMANENT_ERRORS else unavailable(code)
        except BotoCoreError as error:
            return unavailable(type(error).__name__)
        return accepted(answer["MessageId"])
