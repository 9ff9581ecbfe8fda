"""The rows of a queue page, built in one pass over the page's cases.

Django's change list renders each cell through ``items_for_result`` (a field lookup, a display
function and, for the checkbox, a form widget per row): on a 50-row queue that was most of the
request (issue 19). The queue page keeps the change list for what it does once per page
(filters, search, sorting headers, pagination, the actions form) and renders its rows from the
plain values gathered here, in ``staff/templates/staff/queue_rows.html``.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.models import CONCERN_FIELDS, Case, Language, Status
from staff import selectors


@dataclass(frozen=True)
class QueueRow:
    pk: int
    case_number: str
    url: str
    select_label: str
    new_answer: bool
    age_days: int
    concerns: str
    status: str
    assigned_to: str
    masked_a_number: str
    language: str
    name: str = ""


def _concern_labels() -> dict:
    return {
        name: str(Case._meta.get_field(name).verbose_name)
        for name in (*CONCERN_FIELDS, "concern_something_else")
    }


def _labels(choices) -> dict:
    # Once per page: Django's get_<field>_display rebuilds and hashes the whole choice list,
    # translating every label, on each call (a tenth of the page for 100 calls).
    return {value: str(label) for value, label in choices.choices}


def queue_rows(cases, *, with_name: bool) -> list[QueueRow]:
    """One row per case of the page, in the page's order; values only, nothing to look up."""
    # One reverse for the page: every case link differs only by the case's id.
    url = reverse("admin:queues_casefile_change", args=[0]).replace("/0/", "/{}/")
    labels = _concern_labels()
    statuses, languages = _labels(Status), _labels(Language)
    select = _("Select this object for an action - {}")
    rows = []
    for case in cases:
        officer = case.assigned_to
        rows.append(
            QueueRow(
                pk=case.pk,
                case_number=case.case_number,
                url=url.format(case.pk),
                select_label=select.format(case.case_number),
                new_answer=bool(getattr(case, "has_new_answer", False)),
                age_days=selectors.working_age(case).days,
                concerns=", ".join(labels[name] for name in case.concerns),
                status=statuses.get(case.status, case.status),
                assigned_to=str(officer) if officer is not None else "-",
                masked_a_number=case.enrollee.masked_a_number,
                language=languages.get(case.language, case.language),
                name=case.enrollee.full_name if with_name else "",
            )
        )
    return rows
