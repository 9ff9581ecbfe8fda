"""Drawing a stratified, reproducible sample of decisions for CRCL. Pure: no database access."""

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Decision:
    case_id: int
    component: str
    outcome: str


def stratum_size(population: int, share: Decimal) -> int:
    """At least the share, rounded up, and at least one from every non-empty stratum."""
    if population == 0:
        return 0
    return min(population, max(1, math.ceil(population * share)))


def choose(decisions, *, share: Decimal, seed: int) -> list[Decision]:
    """The same decisions, share and seed always give the same sample.

    Each stratum (component, outcome) is drawn with its own generator seeded from the stored
    seed and the stratum's name, over its cases sorted by id, so one stratum's draw does not
    depend on how many cases the others hold.
    """
    strata = defaultdict(list)
    for decision in decisions:
        strata[(decision.component, decision.outcome)].append(decision)
    chosen = []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda d: d.case_id)
        # Reproducibility for auditors, not secrecy, is what this generator is for.
        generator = random.Random(f"{seed}/{key[0]}/{key[1]}")  # noqa: S311
        picked = generator.sample(members, stratum_size(len(members), share))
        chosen.extend(sorted(picked, key=lambda d: d.case_id))
    return chosen
