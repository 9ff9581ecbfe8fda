"""No name, A-number, birth date, e-mail, description or case number reaches the report.

Every case carries distinctive planted values. The test looks for them in every stored figure,
the CSV, every decoded part of the e-mail as received by a real SMTP server, and the charts.
The charts need no OCR: ``charts()`` takes only the stored figures, which hold nothing but
numbers, fixed markers and keys from the code (checked below), and redrawing them from those
figures alone gives exactly the images that were mailed.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group

from cases.models import Case, Status, SubmitterType
from cases.services import reviews, submissions
from reporting import services
from reporting.charts import charts
from reporting.periods import parse_week
from reporting.suppression import SUPPRESSED
from tests import factories
from tests.reporting.timeline import backdate, ny

W44 = parse_week("2026-W44", time_zone="America/New_York")
STATUSES = [
    Status.TRIAGE,
    Status.CBP_REVIEW,
    Status.USCIS_REVIEW,
    Status.PROGRAM_HANDLING,
    Status.AWAITING_INFORMATION,
    Status.DECIDED,
    Status.COMMUNICATED,
    Status.CLOSED,
]


def _planted(n):
    return {
        "full_name": f"Quizzlewort Xanthippe{n} Vorpalsson",
        "a_number": f"A-{987654300 + n}",
        "date_of_birth": datetime.date(1911, 11, n + 1),
        "email": f"planted{n}@pii-canary.example",
        "description": f"CANARY-DESCRIPTION-{n} my secret story",
        "current_location": f"Canaryville{n}",
    }


@pytest.fixture
def planted_cases(db, django_user_model):
    group, _ = Group.objects.get_or_create(name="leadership")
    django_user_model.objects.create_user(
        username="chief", email="chief@dhs.example.gov"
    ).groups.add(group)
    planted = []
    for n in range(24):
        values = _planted(n)
        submitter = [SubmitterType.ENROLLEE, SubmitterType.REPRESENTATIVE][n % 2]
        overrides = {**values, "submitter_type": submitter}
        if submitter == SubmitterType.REPRESENTATIVE:
            overrides["contact"] = submissions.ContactDetails(
                full_name=f"Attorney Canarybird{n}",
                relationship="Attorney",
                email=f"lawyer{n}@pii-canary.example",
            )
        case = factories.case_in(STATUSES[n % len(STATUSES)], **overrides)
        received = ny(2026, 10, 26, 9) + datetime.timedelta(hours=5 * n)
        backdate(
            case,
            received=received,
            referred=case.first_referred_at and received + datetime.timedelta(hours=3),
            decided=case.decided_at and received + datetime.timedelta(days=1),
            communicated=case.communicated_at and received + datetime.timedelta(days=2),
        )
        if case.decided_at:
            reviews.open_crcl_audit(case=case)
            reviews.record_crcl_audit_outcome(case=case, outcome="consistent", actor=None)
        values["case_number"] = case.case_number
        values["attorney"] = f"Canarybird{n}"
        planted.append(values)
    return planted


def _needles(planted):
    for values in planted:
        dob = values["date_of_birth"]
        digits = values["a_number"][2:]
        yield from (
            values["full_name"],
            values["full_name"].split()[1],
            values["email"],
            values["description"],
            values["current_location"],
            values["case_number"],
            values["attorney"],
            digits,
            digits[-4:] + "\u2022",
            dob.isoformat(),
            dob.strftime("%m/%d/%Y"),
            dob.strftime("%B %-d, %Y"),
            dob.strftime("%-d %B %Y"),
        )
    yield from ("Quizzlewort", "Vorpalsson", "pii-canary", "CANARY", "Canary", "1911")


def _assert_clean(haystack: str, planted, where):
    folded = haystack.casefold()
    for needle in _needles(planted):
        assert needle.casefold() not in folded, f"{needle!r} found in {where}"


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    else:
        yield path, value


def test_it_stores_only_numbers_and_markers_in_the_figures(planted_cases):
    report = services.build_weekly_report(week=W44)
    assert Case.objects.count() == 24
    for path, leaf in _leaves(report.figures):
        assert all(isinstance(key, str) and key.isascii() for key in path)
        assert leaf is None or isinstance(leaf, int | float) or leaf in SUPPRESSED, path
    _assert_clean(json.dumps(report.figures), planted_cases, "the stored figures")
    _assert_clean(report.csv, planted_cases, "the CSV")
    assert report.figures["received"]["week"]["total"] == 24


def test_it_mails_no_personal_data_in_any_part(planted_cases, smtp_server):
    report = services.build_weekly_report(week=W44)
    services.send_weekly_report(report=report)
    (message,) = smtp_server.messages
    _assert_clean(str(message), planted_cases, "the raw message")
    for name, value in message.items():
        _assert_clean(str(value), planted_cases, f"header {name}")
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        _assert_clean(payload.decode("latin-1"), planted_cases, part.get_content_type())
    mailed = [
        p.get_payload(decode=True) for p in message.walk() if p.get_content_type() == "image/png"
    ]
    # The charts are a function of the (clean) stored figures alone.
    assert mailed == list(charts(json.loads(json.dumps(report.figures))).values())
