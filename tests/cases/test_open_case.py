import threading

import pytest
from django.db import IntegrityError, connection, transaction

from cases import errors, normalise
from cases.case_numbers import is_valid_case_number
from cases.models import Case, Document, DocumentKind, Representative, Status, SubmitterType
from cases.services import submissions
from tests import factories


def test_it_writes_the_whole_submission(db):
    case = submissions.open_case(submission=factories.submission())

    case.refresh_from_db()
    assert is_valid_case_number(case.case_number)
    assert case.status == Status.SUBMITTED
    assert case.received_at is not None
    assert case.language == "es"
    assert case.concern_vulnerability_at_enrollment and case.condition_physical_health
    assert case.enrollee.a_number == "212345678"
    assert case.enrollee.name_key == "hernandez jose lopez maria"
    assert case.privacy_notice_acknowledged_at and case.attested_at


def test_it_keeps_the_g28_of_a_representative(db):
    case = submissions.open_case(
        submission=factories.submission(submitter_type=SubmitterType.REPRESENTATIVE)
    )

    g28 = case.g28_document
    assert g28.kind == DocumentKind.G28
    assert g28.display_name == "G-28 signed.pdf"
    assert g28.file.name != "g28.pdf" and "g28" not in g28.file.name
    assert g28.file.read().startswith(b"%PDF")
    assert len(g28.sha256) == 64
    assert case.representative.full_name == "Ana Attorney"


def test_it_refuses_a_representative_without_a_g28(db):
    submission = factories.submission(submitter_type=SubmitterType.REPRESENTATIVE)
    submission.documents = []

    with pytest.raises(errors.InvalidCaseData):
        submissions.open_case(submission=submission)
    assert Case.objects.count() == 0


def test_the_database_refuses_a_received_representative_case_without_g28(db):
    case = submissions.open_case(
        submission=factories.submission(submitter_type=SubmitterType.REPRESENTATIVE)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(g28_document=None)


def test_the_database_refuses_a_decided_case_without_a_decision_time(db):
    case = submissions.open_case(submission=factories.submission())
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=Status.DECIDED)


def test_the_database_refuses_an_a_number_that_is_not_nine_digits(db):
    case = submissions.open_case(submission=factories.submission())
    with pytest.raises(IntegrityError), transaction.atomic():
        type(case.enrollee).objects.filter(pk=case.enrollee.pk).update(a_number="12345")


@pytest.mark.parametrize(
    "raw, normalised",
    [
        ("A-012-345-678", "012345678"),
        ("a 12345678", "012345678"),
        ("", ""),
        ("212345678", "212345678"),
    ],
)
def test_it_normalises_a_numbers(raw, normalised):
    assert normalise.normalise_a_number(raw) == normalised


@pytest.mark.parametrize("raw", ["1234567", "A1234567890"])
def test_it_rejects_a_numbers_of_the_wrong_length(raw):
    with pytest.raises(errors.InvalidCaseData):
        normalise.normalise_a_number(raw)


def test_a_preparer_gets_no_representative_record(db):
    case = submissions.open_case(
        submission=factories.submission(submitter_type=SubmitterType.PREPARER)
    )

    assert case.preparer.full_name == "Pedro Preparer"
    assert not Representative.objects.filter(case=case).exists()
    assert Document.objects.filter(case=case).count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_valid_numbers():
    threads, numbers, errors = 12, [], []
    per_thread = 5
    barrier = threading.Barrier(threads)

    def submit():
        try:
            barrier.wait()
            for _ in range(per_thread):
                numbers.append(submissions.open_case(submission=factories.submission()).case_number)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=submit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert len(numbers) == threads * per_thread
    assert len(set(numbers)) == len(numbers)
    assert all(is_valid_case_number(number) for number in numbers)
    assert Case.objects.count() == len(numbers)


def test_a_drawn_number_already_in_use_is_drawn_again(db, monkeypatch):
    taken = submissions.open_case(submission=factories.submission()).case_number
    draws = iter([taken, taken])
    real = submissions.new_case_number
    monkeypatch.setattr(submissions, "new_case_number", lambda: next(draws, None) or real())

    case = submissions.open_case(submission=factories.submission())

    assert case.case_number != taken
    assert is_valid_case_number(case.case_number)
