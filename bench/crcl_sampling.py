"""Benchmark (not a test): the weekly CRCL sampling job over a database of N cases.

    DATABASE_URL=postgres://mpp:...@127.0.0.1:5432/mpp_scale_1m python bench/crcl_sampling.py

Runs routing.crcl_audits.sample_decided_cases_for_audit for the last full week of decisions in
the database (synthetic data ends in the past, so the week ends at the latest decision), in a
fresh process per run, and prints its time, query count and that process's peak memory (RSS).
Each run is rolled back, so runs are comparable and the database is left as it was.
The budget: under 5 seconds at 1,000,000 cases.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class RolledBack(Exception):
    pass


def measure():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Max
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case
    from routing.crcl_audits import sample_decided_cases_for_audit
    from routing.models import AuditSampleEntry

    total = Case.objects.count()
    week_end = Case.objects.aggregate(last=Max("decided_at"))["last"]
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sample = sample_decided_cases_for_audit(now=week_end, seed=42)
            elapsed = time.perf_counter() - started
            chosen = AuditSampleEntry.objects.filter(sample=sample).count()
            raise RolledBack
    except RolledBack:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{total:,} cases: sampled {chosen} decisions of the week to {week_end:%Y-%m-%d} in "
        f"{elapsed:.2f} s with {len(queries)} queries; peak RSS {peak:.0f} MB "
        f"(before the job {baseline:.0f} MB)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure()
        return
    print(
        f"reproduce: DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/DB "
        f"python bench/crcl_sampling.py --runs {args.runs}"
    )
    for _run in range(args.runs):
        subprocess.run([sys.executable, __file__, "--measure"], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
