"""A staff-site page built with AuditedCaseReads records every read of case data."""

import hashlib
import hmac

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from audit.admin_reads import AuditedCaseReads
from audit.models import Action, AuditEvent
from cases.models import Case
from tests import factories


# Templates are not rendered: this site is not in the URLconf; the events are written first.
class CaseReadsAdmin(AuditedCaseReads, admin.ModelAdmin):
    search_fields = ["case_number"]

    def has_view_permission(self, request, obj=None):
        return True


@pytest.fixture
def case_admin():
    return CaseReadsAdmin(Case, admin.AdminSite(name="reads"))


@pytest.fixture
def reader(staff):
    return staff.program


def get(user, path="/", **params):
    request = RequestFactory().get(path, params, REMOTE_ADDR="192.0.2.10")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_opening_a_case_records_who_viewed_which_case(case_admin, reader):
    case = factories.case_in("triage")
    case_admin.change_view(get(reader), str(case.pk))
    event = AuditEvent.objects.get(action=Action.VIEW_CASE)
    assert (event.actor_username, event.case_id, event.address) == (
        "program.officer",
        case.pk,
        "192.0.2.10",
    )


def test_opening_its_history_records_a_history_view(case_admin, reader):
    case = factories.case_in("triage")
    case_admin.history_view(get(reader), str(case.pk))
    assert AuditEvent.objects.filter(action=Action.VIEW_HISTORY, case_id=case.pk).exists()


def test_a_search_records_its_terms_as_keyed_hashes_and_its_hit_count(case_admin, reader, settings):
    settings.AUDIT_SEARCH_HMAC_KEYS = ["a key for this test only"]
    case = factories.case_in("triage")
    factories.case_in("triage")
    # A fixed number with fewer than seven digits: a random one with seven or more is also
    # hashed as its digits alone (the A-number rule), which this test is not about.
    Case.objects.filter(pk=case.pk).update(case_number="MPP-KXHTR-WQ4MN")
    case.refresh_from_db()
    case_admin.changelist_view(get(reader, q=case.case_number))
    search = AuditEvent.objects.get(action=Action.SEARCH)

    # By hand: HMAC-SHA256 of the lower-cased number without its dashes, and of each part.
    def mac(text):
        return hmac.new(b"a key for this test only", text.encode(), hashlib.sha256).hexdigest()

    parts = case.case_number.lower().split("-")
    key_id = hashlib.sha256(b"mpp search key id:a key for this test only").hexdigest()[:8]
    assert search.detail == {
        "model": "cases.case",
        "search": {
            "q": {
                "key": key_id,
                "whole": [mac("".join(parts))],
                "words": sorted(mac(part) for part in parts),
            }
        },
        "hits": 1,
    }


def test_a_case_that_does_not_exist_records_nothing(case_admin, reader):
    case_admin.change_view(get(reader), "987654")
    assert not AuditEvent.objects.filter(action=Action.VIEW_CASE).exists()
