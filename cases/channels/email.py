"""E-mail through Django's configured backend (SMTP in production, files in the embedded mode)."""

import smtplib

from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid

from cases import message_templates
from cases.channels.base import Outgoing, ProviderAnswer, accepted, refused, unavailable


class EmailBackend:
    def send(self, message: Outgoing) -> ProviderAnswer:
        message_id = make_msgid()
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            # The sender's name in the message's language ("Solicitudes de casos MPP").
            from_email=message_templates.sender_address(message.language),
            to=[message.to_address],
            headers={"Message-ID": message_id},
        )
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _reply in error.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                return refused(f"SMTP {codes[0]}")
            return unavailable(f"SMTP {codes[0] if codes else 'refused'}")
        except smtplib.SMTPResponseException as error:
            return unavailable(f"SMTP {error.smtp_code}")
        except (smtplib.SMTPException, OSError) as error:
            return unavailable(type(error).__name__)
        return accepted(message_id)
