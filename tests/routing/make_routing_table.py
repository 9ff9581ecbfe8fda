"""Write routing_table.csv: every combination of answers and the queue the policy expects.

The expected columns are derived from the policy as written in docs/routing.md, here in plain
if/else, never by calling the routing code. Run once and review the diff:
    python tests/routing/make_routing_table.py
"""

import csv
import itertools
from pathlib import Path

CONCERNS = (
    "concern_vulnerability_at_enrollment",
    "concern_vulnerability_changed",
    "concern_new_fear_no_interview",
    "concern_fear_changed_since_interview",
)
CONDITIONS = (
    "condition_physical_health",
    "condition_mental_health",
    "condition_disability",
    "condition_pregnancy",
    "condition_safety_need",
)
SUBMITTERS = ("enrollee", "representative", "preparer")
COLUMNS = (
    "submitter_type",
    *CONCERNS,
    "concern_something_else",
    *CONDITIONS,
    "expected_status",
    "expected_suggestion",
)


def expected(row):
    """docs/routing.md, 'The default policy', as (status, suggestion)."""
    vulnerability = row[CONCERNS[0]] or row[CONCERNS[1]]
    new_fear = row[CONCERNS[2]]
    fear_changed = row[CONCERNS[3]]
    any_condition = any(row[name] for name in CONDITIONS)
    if not (vulnerability or new_fear or fear_changed):
        return "triage", ""  # 1. not a disenrollment request
    if row["concern_something_else"]:
        return "triage", "cbp"  # 2. something else as well
    if vulnerability and not any_condition:
        return "triage", "cbp"  # 3. vulnerability without a condition
    if vulnerability:
        return "cbp_review", ""  # 4. vulnerability
    if new_fear:
        return "cbp_review", ""  # 5. new fear, no interview yet
    return "triage", "uscis"  # 6. fear changed since an interview, alone


def rows():
    for submitter in SUBMITTERS:
        for concerns in itertools.product((0, 1), repeat=len(CONCERNS)):
            for something_else in (0, 1):
                for conditions in itertools.product((0, 1), repeat=len(CONDITIONS)):
                    row = {"submitter_type": submitter, "concern_something_else": something_else}
                    row.update(zip(CONCERNS, concerns, strict=True))
                    row.update(zip(CONDITIONS, conditions, strict=True))
                    row["expected_status"], row["expected_suggestion"] = expected(row)
                    yield row


if __name__ == "__main__":
    target = Path(__file__).with_name("routing_table.csv")
    with target.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows())
    print(f"wrote {target}")
