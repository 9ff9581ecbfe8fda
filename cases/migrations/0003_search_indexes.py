"""Indexes that keep staff search and queues fast at a million cases (docs/performance.md).

- A trigram GIN index on the enrollee's normalised ``name_key`` serves the name search's
  ``LIKE '%word%'`` (one per typed word) without reading the table. PostgreSQL only: SQLite,
  the embedded mode, keeps the same query design and scans its small table.
- ``(status, received_at, id)`` on cases matches a queue's filter and its order exactly, so a
  page is read from the index in order and stops after the page, however long the queue.

Both are created here in SQL rather than declared on the models: the trigram operator class
needs the pg_trgm extension, which SQLite lacks, and one portable model state is kept.
"""

from django.db import migrations

from cases.migrations._postgresql import on_postgresql

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS enrollee_name_key_trgm "
    "ON cases_enrollee USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS case_status_received_id ON cases_case (status, received_at, id)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS enrollee_name_key_trgm",
    "DROP INDEX IF EXISTS case_status_received_id",
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_retention")]

    operations = [migrations.RunPython(on_postgresql(POSTGRES_UP), on_postgresql(POSTGRES_DOWN))]
