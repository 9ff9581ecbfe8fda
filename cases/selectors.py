"""Reading cases: the queries other apps need."""

from django.db.models import QuerySet

from cases import reach
from cases.case_numbers import parse_case_number
from cases.models import (
    Case,
    Communication,
    CommunicationKind,
    Enrollee,
    InformationRequest,
    SubmissionToken,
    SubmitterType,
)
from cases.normalise import name_key, normalise_a_number


def cases_with_people() -> QuerySet[Case]:
    return Case.objects.select_related("enrollee", "assigned_to")


def case_by_number(case_number: str) -> Case | None:
    parsed = parse_case_number(case_number)
    if not parsed.check_ok:
        return None
    return Case.objects.filter(case_number=parsed.canonical).first()


def possible_duplicates(*, case: Case) -> QuerySet[Case]:
    """Other cases for the same person: same A-number, or same name and birth date."""
    enrollee = case.enrollee
    same_person = Enrollee.objects.filter(
        name_key=enrollee.name_key, date_of_birth=enrollee.date_of_birth
    )
    if enrollee.a_number:
        same_person = same_person | Enrollee.objects.filter(a_number=enrollee.a_number)
    return (
        Case.objects.filter(enrollee__in=same_person.values("pk"))
        .exclude(pk=case.pk)
        .order_by("received_at")
    )


def enrollees_named(text: str) -> QuerySet[Enrollee]:
    return Enrollee.objects.filter(name_key__contains=name_key(text))


def enrollees_with_a_number(text: str) -> QuerySet[Enrollee]:
    return Enrollee.objects.filter(a_number=normalise_a_number(text))


def case_number_for_payload(payload: str) -> str:
    """The well-formed case number for nine data characters, with its right check character."""
    from cases.case_numbers import _format

    return _format(payload)


def case_for_submission_token(token: str) -> Case | None:
    """The case a public-form submission with this token already opened, if any."""
    if not token:
        return None
    found = SubmissionToken.objects.select_related("case").filter(token=token).first()
    return found.case if found else None


def _contact(person, *, whatsapp=False) -> reach.Contact:
    phone = person.phone.as_e164 if person.phone else ""
    return reach.Contact(
        phone=phone,
        email=person.email,
        texts=person.texts_consent,
        whatsapp=whatsapp and person.whatsapp_consent,
    )


def message_recipients(case: Case) -> list[reach.MessageRecipient]:
    """Who is written to about a case and on which channels (``cases.reach``): the enrollee
    and a representative, never a preparer. Empty: nobody has a digital channel (letters)."""
    representative = None
    if case.submitter_type == SubmitterType.REPRESENTATIVE:
        person = getattr(case, "representative", None)
        representative = _contact(person) if person is not None else None
    return reach.message_recipients(
        submitter_type=case.submitter_type,
        language=case.language,
        enrollee=_contact(case.enrollee, whatsapp=True),
        representative=representative,
    )


def channels_used(case: Case) -> set[str]:
    """The channels messages about the case go out on."""
    return {address.channel for person in message_recipients(case) for address in person.channels}


def status_lookup(*, case_number: str, date_of_birth) -> Case | None:
    """The case with this number whose enrollee was born on this date; else None.

    One query whichever part is wrong, so a wrong number and a wrong birth date cost the same.
    """
    parsed = parse_case_number(case_number)
    canonical = parsed.canonical if parsed.check_ok else ""
    return (
        Case.objects.select_related("enrollee")
        .filter(
            case_number=canonical,
            enrollee__date_of_birth=date_of_birth,
            received_at__isnull=False,
        )
        .first()
    )


def open_information_request(case: Case) -> InformationRequest | None:
    """The latest request still waiting for an answer (it may have just passed its due date)."""
    return (
        InformationRequest.objects.filter(
            case=case, answered_at__isnull=True, expired_at__isnull=True
        )
        .order_by("-created_at", "-id")
        .first()
    )


def latest_decision_message(case: Case) -> Communication | None:
    """The newest copy of the decision as it stands (a corrected notice, not the one it
    replaced; any channel: the values are shared)."""
    return (
        Communication.objects.filter(
            case=case, kind=CommunicationKind.DECISION, superseded_at__isnull=True
        )
        .select_related("case", "supersedes")
        .order_by("-created_at", "-id")
        .first()
    )
