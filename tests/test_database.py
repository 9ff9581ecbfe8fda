from django.db import connection


def test_the_suite_runs_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert connection.vendor == "postgresql"
    assert version.startswith("PostgreSQL")


def test_a_query_of_the_app_runs_on_one_core(db):
    # Parallel plans of short bounded reads cost the shared cores more than they save
    # (config/settings/base.py; DATABASE_PARALLEL_WORKERS_PER_GATHER lifts it).
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
