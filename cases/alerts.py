"""E-mail to program personnel about a case's documents. Ids and case numbers only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from accounts import roles


def program_personnel_addresses():
    users = (
        get_user_model()
        .objects.filter(groups__name=roles.PROGRAM, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def alert_program_personnel_of_infected_document(*, document, signature):
    recipients = program_personnel_addresses()
    if not recipients:
        return 0
    subject = _("Infected upload quarantined on case %(case)s") % {
        "case": document.case.case_number
    }
    body = _(
        "A file uploaded to case %(case)s (document %(document)s) matched the virus signature "
        "%(signature)s. It has been quarantined and cannot be downloaded. Ask the requestor "
        "for a clean copy if it is needed."
    ) % {"case": document.case.case_number, "document": document.pk, "signature": signature}
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
