"""Records retention: only approved, active schedules dispose; held cases are spared."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from cases.models import (
    Case,
    Disposition,
    Document,
    Enrollee,
    RecordType,
    RetentionSchedule,
    Status,
    SubmitterType,
)
from cases.services import lifecycle, retention
from tests import factories

NOW = timezone.now()


def _closed(days_ago, **overrides):
    case = factories.case_in(Status.CLOSED, **overrides)
    Case.objects.filter(pk=case.pk).update(closed_at=NOW - datetime.timedelta(days=days_ago))
    case.refresh_from_db()
    return case


def _schedule(record_type=RecordType.WITHDRAWN_CASE, days=365, *, approver=None):
    schedule = RetentionSchedule.objects.create(
        record_type=record_type, retain_days_after_closure=days, authority="DAA-0563-2026-0001"
    )
    if approver:
        retention.activate_schedule(schedule=schedule, approved_by=approver)
    return schedule


def test_it_disposes_of_nothing_while_no_schedule_is_active(staff):
    _closed(4000)
    _schedule(days=1)  # drafted, not approved

    assert retention.dispose_of_eligible_cases(now=NOW) == []
    assert Case.objects.count() == 1


def test_an_active_schedule_without_an_approver_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionSchedule.objects.create(
            record_type=RecordType.COMPLETED_CASE, retain_days_after_closure=1, active=True
        )


@pytest.mark.django_db(transaction=True)
def test_it_disposes_of_exactly_the_eligible_cases_and_their_files(staff, settings, tmp_path):
    old = _closed(400, submitter_type=SubmitterType.REPRESENTATIVE, full_name="Zoila Quiñónez")
    young = _closed(100)
    held = _closed(500)
    open_case = factories.case_in(Status.CBP_REVIEW)
    retention.place_legal_hold(case=held, reason="litigation", actor=staff.admin)
    schedule = _schedule(days=365, approver=staff.admin)
    old_files = list(Document.objects.filter(case=old).values_list("file", flat=True))
    assert old_files and all(default_storage.exists(name) for name in old_files)

    dispositions = retention.dispose_of_eligible_cases(now=NOW)

    assert [d.case_number for d in dispositions] == [old.case_number]
    assert set(Case.objects.values_list("pk", flat=True)) == {young.pk, held.pk, open_case.pk}
    assert not Enrollee.objects.filter(case_id=old.pk).exists()
    assert not Document.objects.filter(case_id=old.pk).exists()
    assert not any(default_storage.exists(name) for name in old_files)
    assert not Case.history.filter(id=old.pk).exists()

    record = Disposition.objects.get()
    assert (record.schedule, record.approved_by_username) == (schedule, staff.admin.username)
    assert record.documents_destroyed == len(old_files)
    stored = " ".join(str(value) for value in model_to_dict(record).values())
    for personal in ("Zoila", "Quiñónez", "212345678", "1990", "maria@example.org"):
        assert personal not in stored


def test_a_released_hold_no_longer_protects(staff):
    case = _closed(400)
    hold = retention.place_legal_hold(case=case, reason="litigation", actor=staff.admin)
    _schedule(approver=staff.admin)
    assert retention.dispose_of_eligible_cases(now=NOW) == []

    retention.release_legal_hold(hold=hold, actor=staff.admin)

    assert len(retention.dispose_of_eligible_cases(now=NOW)) == 1


def test_schedules_apply_only_to_their_record_type(staff):
    withdrawn = _closed(400)
    completed = factories.case_in(Status.COMMUNICATED)
    lifecycle.close_case(case=completed, actor=staff.program)
    Case.objects.filter(pk=completed.pk).update(closed_at=NOW - datetime.timedelta(days=4000))
    _schedule(RecordType.WITHDRAWN_CASE, days=365, approver=staff.admin)

    retention.dispose_of_eligible_cases(now=NOW)

    assert list(Case.objects.values_list("pk", flat=True)) == [completed.pk]
    assert not Case.objects.filter(pk=withdrawn.pk).exists()


def test_an_original_is_kept_while_a_duplicate_of_it_remains(staff):
    original = _closed(400)
    duplicate = factories.case_in(Status.TRIAGE)
    lifecycle.close_as_duplicate(case=duplicate, original=original, actor=staff.program)
    _schedule(approver=staff.admin)

    assert retention.dispose_of_eligible_cases(now=NOW) == []
    assert Case.objects.filter(pk=original.pk).exists()


def test_the_dry_run_lists_case_numbers_and_changes_nothing(staff):
    case = _closed(400, full_name="Zoila Quiñónez")
    _schedule(approver=staff.admin)
    out = io.StringIO()

    call_command("dispose_records", "--dry-run", stdout=out)

    assert case.case_number in out.getvalue()
    assert "Zoila" not in out.getvalue()
    assert "1 case(s) would be disposed of." in out.getvalue()
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_g28_cannot_be_deleted_on_its_own(db):
    case = factories.case_in(Status.TRIAGE, submitter_type=SubmitterType.REPRESENTATIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=case.g28_document_id).delete()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
