"""From raw figures to what is published: suppressed figures, then tables for people.

The published figures are what the archive stores; the e-mail, the CSV, the staff pages and
the charts are all drawn from them and from nothing else.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cases.components import COMPONENTS
from cases.models import (
    Component,
    CRCLOutcome,
    Language,
    SubmitterType,
)
from reporting.selectors import AGE_BUCKETS, CONCERNS, PENDING_GROUPS, SCOPES, TIMEFRAMES
from reporting.suppression import (
    FEWER,
    WITHHELD,
    is_suppressed,
    suppress_breakdown,
    suppress_count,
)


def publish(raw: dict, *, k: int) -> dict:
    """Apply small-cell suppression to every breakdown of the raw figures."""
    return {
        "min_cell_size": k,
        "received": {scope: _received(raw["received"][scope], k) for scope in SCOPES},
        "pending": _pending(raw["pending"], k),
        "decisions": {scope: _decisions(raw["decisions"][scope], k) for scope in SCOPES},
        "timeframes": {
            scope: {m: _timeframe(raw["timeframes"][scope][m], k) for m in TIMEFRAMES}
            for scope in SCOPES
        },
        "crcl_audits": {scope: _audits(raw["crcl_audits"][scope], k) for scope in SCOPES},
    }


def _received(figures, k):
    return {
        "total": figures["total"],
        "communicated": figures["communicated"],
        "submitter_type": suppress_breakdown(figures["submitter_type"], k=k),
        "language": suppress_breakdown(figures["language"], k=k),
        # A request may raise several concerns: the cells overlap and add up to no total.
        "concern": suppress_breakdown(figures["concern"], k=k, partition=False),
    }


def _row_under_total(total, cells: dict, k):
    """A row whose total is itself a cell of a bigger breakdown."""
    if is_suppressed(total):
        return dict.fromkeys(cells, WITHHELD)
    return suppress_breakdown(cells, k=k)


def _pending(figures, k):
    groups = figures["groups"]
    counts = suppress_breakdown({g: groups[g]["count"] for g in groups}, k=k)
    return {
        "total": figures["total"],
        "groups": {
            group: {
                "count": counts[group],
                "buckets": _row_under_total(counts[group], groups[group]["buckets"], k),
                "oldest_days": WITHHELD
                if is_suppressed(counts[group])
                else groups[group]["oldest_days"],
            }
            for group in groups
        },
    }


def _decisions(figures, k):
    totals = suppress_breakdown({c: sum(figures[c].values()) for c in figures}, k=k)
    return {
        "total": sum(sum(outcomes.values()) for outcomes in figures.values()),
        "components": totals,
        "outcomes": {c: _row_under_total(totals[c], figures[c], k) for c in figures},
    }


def _timeframe(figures, k):
    count = suppress_count(figures["count"], k=k)
    if is_suppressed(count):
        return {"count": count, "median_days": WITHHELD, "p90_days": WITHHELD, "max_days": WITHHELD}
    return {**figures, "count": count}


def _audits(figures, k):
    return {"total": sum(figures.values()), "outcomes": suppress_breakdown(figures, k=k)}


# ---------------------------------------------------------------------------------------------
# Tables for people (e-mail, staff pages, CSV)
# ---------------------------------------------------------------------------------------------

SCOPE_LABELS = {"week": _("This week"), "cumulative": _("Cumulative")}
GROUP_LABELS = {
    "triage": _("Program triage"),
    "program": _("Program personnel (other requests)"),
    "cbp": _("CBP"),
    "uscis": _("USCIS"),
    "awaiting_information": _("Awaiting information from the requestor"),
}
BUCKET_LABELS = {
    "under_7": _("Under 7 days"),
    "7_to_29": _("7 to 29 days"),
    "30_to_59": _("30 to 59 days"),
    "60_to_89": _("60 to 89 days"),
    "90_or_more": _("90 days or more"),
}
COMPONENT_LABELS = {
    Component.PROGRAM: _("Program personnel"),
    Component.CBP: _("CBP"),
    Component.USCIS: _("USCIS"),
}
OUTCOME_LABELS = {c: dict(COMPONENTS[c].outcomes.choices) for c in COMPONENT_LABELS}
CONCERN_LABELS = {
    "concern_vulnerability_at_enrollment": _("Vulnerability at enrollment"),
    "concern_vulnerability_changed": _("Vulnerability since enrollment"),
    "concern_new_fear_no_interview": _("New fear, no fear interview before"),
    "concern_fear_changed_since_interview": _("Fear changed since the fear interview"),
    "concern_something_else": _("Something else"),
}
TIMEFRAME_LABELS = {
    "receipt_to_referral": _("Receipt to first referral"),
    "referral_to_decision": _("Referral to decision"),
    "decision_to_communication": _("Decision to communication"),
    "receipt_to_communication": _("Receipt to communication"),
}
assert set(GROUP_LABELS) == set(PENDING_GROUPS) and set(BUCKET_LABELS) == set(AGE_BUCKETS)
assert set(CONCERN_LABELS) == set(CONCERNS)


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list  # (label, [values]) with values as published


def display(value, k) -> str:
    """A published value as people read it."""
    if value == FEWER:
        return str(_("fewer than %(k)s") % {"k": k})
    if value == WITHHELD:
        return str(_("withheld"))
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        # Figures are numbers: anything else must never be written out.
        raise TypeError(f"not a published figure: {type(value).__name__}")
    return number_format(value, force_grouping=True)


def tables(published: dict) -> list[Table]:
    received, decisions = published["received"], published["decisions"]
    audits, pending = published["crcl_audits"], published["pending"]

    def both(pick):
        return [pick(received[scope]) for scope in SCOPES]

    scopes = [SCOPE_LABELS[s] for s in SCOPES]
    received_rows = [(_("Requests received"), both(lambda f: f["total"]))]
    received_rows += [
        (_("Submitted by: %(who)s") % {"who": label}, both(lambda f, v=v: f["submitter_type"][v]))
        for v, label in SubmitterType.choices
    ]
    received_rows += [
        (_("Language: %(language)s") % {"language": label}, both(lambda f, v=v: f["language"][v]))
        for v, label in Language.choices
    ]
    received_rows += [
        (_("Concern: %(concern)s") % {"concern": label}, both(lambda f, v=v: f["concern"][v]))
        for v, label in CONCERN_LABELS.items()
    ]
    pending_rows = [
        (
            GROUP_LABELS[g],
            [
                row["count"],
                *[row["buckets"][b] for b in AGE_BUCKETS],
                row["oldest_days"],
            ],
        )
        for g, row in pending["groups"].items()
    ]
    pending_rows.append((_("All pending"), [pending["total"], *[None] * len(AGE_BUCKETS), None]))
    decision_rows = [(_("Decisions made"), [decisions[s]["total"] for s in SCOPES])]
    for component, label in COMPONENT_LABELS.items():
        decision_rows.append((label, [decisions[s]["components"][component] for s in SCOPES]))
        decision_rows += [
            (
                f"{label}: {OUTCOME_LABELS[component][outcome]}",
                [decisions[s]["outcomes"][component][outcome] for s in SCOPES],
            )
            for outcome in decisions["week"]["outcomes"][component]
        ]
    decision_rows.append((_("Decisions communicated"), both(lambda f: f["communicated"])))
    timeframe_rows = [
        (
            f"{TIMEFRAME_LABELS[m]} ({SCOPE_LABELS[s]})",
            [
                published["timeframes"][s][m][c]
                for c in ("count", "median_days", "p90_days", "max_days")
            ],
        )
        for s in SCOPES
        for m in TIMEFRAMES
    ]
    audit_rows = [(_("CRCL audits completed"), [audits[s]["total"] for s in SCOPES])]
    audit_rows += [
        (label, [audits[s]["outcomes"][outcome] for s in SCOPES])
        for outcome, label in CRCLOutcome.choices
    ]
    return [
        Table("received", _("Requests received"), scopes, received_rows),
        Table(
            "pending",
            _("Pending at the end of the week, by age since receipt"),
            [_("Pending"), *BUCKET_LABELS.values(), _("Oldest (days)")],
            pending_rows,
        ),
        Table("decisions", _("Decisions by component and outcome"), scopes, decision_rows),
        Table(
            "timeframes",
            _("Timeframes in days"),
            [_("Requests"), _("Median"), _("90th percentile"), _("Maximum")],
            timeframe_rows,
        ),
        Table("crcl_audits", _("CRCL audits and their findings"), scopes, audit_rows),
    ]


def displayed_tables(published: dict) -> list[dict]:
    """Tables with every value already written out, for templates and the CSV."""
    k = published["min_cell_size"]
    return [
        {
            "key": table.key,
            "title": str(table.title),
            "columns": [str(c) for c in table.columns],
            "rows": [(str(label), [display(v, k) for v in values]) for label, values in table.rows],
        }
        for table in tables(published)
    ]
