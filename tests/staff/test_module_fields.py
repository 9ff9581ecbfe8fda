"""After a full walk, each module shows the specification's fields (PIA, "the below fields are
captured for each module"), filled in by the steps that set them."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from cases.models import Status
from cases.services import information
from routing import casework, crcl_audits
from routing import services as routing
from routing.models import PortOfEntry
from tests import factories
from tests.staff.conftest import case_page_url

pytestmark = pytest.mark.django_db

# Written out from the specification, module by module.
EXPECTED_FIELDS = {
    "CBP": [
        "Outcome of CBP analysis",
        "Referred to USCIS",
        "Date CBP decision communicated to requestor",
    ],
    "USCIS": [
        "Outcome of USCIS analysis",
        "FIG (further information gathering) requested",
        "Date USCIS decision communicated to requestor or to CBP for further review",
    ],
    "CRCL audit": ["Outcome of CRCL audit", "Reason for the finding", "Finding recorded"],
}


def _walk(staff):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff)
    routing.refer_to_uscis(case=case, actor=staff.cbp, reason="fear interview")
    casework.request_information(
        case=case, actor=staff.uscis, message="The medical report, please.", base_url="https://x"
    )
    pending = case.information_requests.get()
    token = "t" * 43
    type(pending).objects.filter(pk=pending.pk).update(token_hash=information._hash(token))
    information.answer_information_request(token=token, answer="Attached.", documents=[])
    routing.return_to_cbp(case=case, actor=staff.uscis, reason="interview done, CBP decides")
    casework.record_outcome(
        case=case, actor=staff.cbp, component="cbp", outcome="disenroll", reason="health"
    )
    port = PortOfEntry.objects.get(name="Laredo")
    day = date(timezone.localdate().year + 1, 2, 2)
    casework.communicate_decision(
        case=case,
        actor=staff.program,
        port=port,
        present_at=datetime(day.year, 2, 2, 15, 0, tzinfo=UTC),
    )
    crcl_audits.add_case_to_audit(case=case, actor=staff.program, reason="CRCL asked")
    casework.record_outcome(
        case=case,
        actor=staff.crcl,
        component="crcl",
        outcome="consistent",
        reason="Interview offered and held.",
    )
    return case


def test_each_module_shows_the_specifications_fields_after_a_full_walk(staff, signed_in):
    case = _walk(staff)
    today = timezone.localdate()

    modules = dict(signed_in(staff.program).get(case_page_url(case)).context["page"].modules)
    shown = {
        str(label): {str(name): value for name, value in fields}
        for label, fields in modules.items()
    }

    for module, names in EXPECTED_FIELDS.items():
        assert list(shown[module]) == names, module
    assert shown["CBP"]["Outcome of CBP analysis"] == "Remove from MPP: present at a port of entry"
    assert shown["CBP"]["Referred to USCIS"] is not None
    assert shown["CBP"]["Date CBP decision communicated to requestor"] == today
    uscis = shown["USCIS"]
    assert uscis["Outcome of USCIS analysis"] == "Returned to CBP for further review"
    assert uscis["FIG (further information gathering) requested"] == "yes"
    assert (
        uscis["Date USCIS decision communicated to requestor or to CBP for further review"] == today
    )
    crcl = shown["CRCL audit"]
    assert crcl["Outcome of CRCL audit"] == "Consistent with DHS guidance"
    assert crcl["Reason for the finding"] == "Interview offered and held."
    assert crcl["Finding recorded"] is not None
