"""A template staff edit is used for the very next message: the templates every new case's
confirmation reads are kept in the shared cache, which an edit or removal empties."""

import pytest

from cases.models import MessageTemplate
from cases.services import communications
from tests import factories

pytestmark = pytest.mark.django_db


def _confirmation_subject():
    case = factories.case_in("triage", language="es", email="ana@example.org")
    [email] = [m for m in communications.send_confirmation(case=case) if m.channel == "email"]
    return email.subject.replace(case.case_number, "CASE")


def test_an_edited_template_is_used_for_the_very_next_message_and_a_removed_one_no_more():
    default = _confirmation_subject()
    template, _created = MessageTemplate.objects.update_or_create(
        kind="confirmation",
        language="es",
        defaults={"subject": "Recibimos su caso $case_number", "body": "Siga: $status_link"},
    )
    edited = _confirmation_subject()
    template.subject = "Caso $case_number recibido"
    template.save()
    edited_again = _confirmation_subject()
    template.delete()

    assert edited == "Recibimos su caso CASE"
    assert edited_again == "Caso CASE recibido"
    assert _confirmation_subject() == default != edited
