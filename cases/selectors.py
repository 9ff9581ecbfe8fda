"""Reading cases: the queries other apps need."""

from django.db.models import QuerySet

from cases.case_numbers import parse_case_number
from cases.models import Case, Enrollee, Recipient, SubmissionToken, SubmitterType
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


def message_recipients(case: Case) -> list[tuple[str, str]]:
    """Who is written to about a case, with their address: the enrollee and a representative,
    each only with an e-mail address; never a preparer."""
    found = []
    if case.enrollee.email:
        found.append((Recipient.ENROLLEE, case.enrollee.email))
    if case.submitter_type == SubmitterType.REPRESENTATIVE:
        representative = getattr(case, "representative", None)
        if representative is not None and representative.email:
            found.append((Recipient.REPRESENTATIVE, representative.email))
    return found
