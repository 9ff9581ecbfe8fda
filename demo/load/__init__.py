"""Synthetic cases in bulk, for benchmarks (``manage.py generate_load_data``).

- ``shares``: how the synthetic cases are spread over states, languages, outcomes and names;
- ``stories``: one case's path through the lifecycle and every row it leaves;
- ``writing``: batches written with PostgreSQL's COPY, chained into the audit trail, and the
  component groups granted their cases through ``routing.services``.
"""
