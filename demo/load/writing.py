"""Writing synthetic cases: batches by COPY, the audit chain, and grants through routing.

Rows go in with PostgreSQL's COPY (``bulk_create`` on SQLite). Each batch's audit events are
chained, in order, onto the head read under the chain lock exactly as ``record_event`` would;
the component groups are then granted their cases with ``routing.services.grant_to_group``,
which audits each grant. Not for production databases: the command refuses unless asked.
"""

import json
import random
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.core.management.color import no_style
from django.db import connection, transaction

from audit import chain
from audit.models import AuditEvent
from audit.services import CHAIN_LOCK_KEY
from cases.models import (
    Case,
    CBPReview,
    CRCLAudit,
    Document,
    Enrollee,
    Preparer,
    ProgramReview,
    Representative,
    USCISReview,
)
from cases.models import CaseTransition as Transition
from demo.load.shares import BATCH
from demo.load.stories import Batch, CaseStory, HistoricalCase, Ids, Staff
from routing.models import CaseGroupObjectPermission, Placement
from routing.services import grant_to_group


def _columns(model, row):
    # The columns the row gives: an audit event leaves its id to the database, in COPY order.
    return [(f.attname, f.column) for f in model._meta.concrete_fields if f.attname in row]


def _write_postgresql(model, rows):
    columns = _columns(model, rows[0])
    names = ", ".join(connection.ops.quote_name(column) for _attname, column in columns)
    json_fields = {
        f.attname for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"
    }
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row[attname]) if attname in json_fields else row[attname]
                        for attname, _column in columns
                    ]
                )


def _write_rows(model, rows):
    if connection.vendor == "postgresql":
        _write_postgresql(model, rows)
    else:
        model.objects.bulk_create([model(**row) for row in rows], batch_size=500)


# Parents before children, so SQLite's immediate checks and PostgreSQL's COPY both hold.
WRITE_ORDER = (
    Case,
    HistoricalCase,
    Enrollee,
    Representative,
    Preparer,
    Document,
    Transition,
    CBPReview,
    USCISReview,
    ProgramReview,
    CRCLAudit,
    Placement,
    AuditEvent,
)


def _chain_head():
    head = AuditEvent.objects.order_by("-id").values("sequence", "row_hash").first()
    return (head["sequence"], head["row_hash"]) if head else (0, chain.GENESIS)


def _chain_events(batch, stories):
    """The batch's audit rows, chained in order onto the head. Call under the chain lock."""
    sequence, previous = _chain_head()
    for story in stories:
        for occurred_at, action, actor, detail in story.events:
            sequence += 1
            values = {
                "sequence": sequence,
                "prev_hash": previous,
                "occurred_at": occurred_at,
                "action": str(action),
                "actor_id": actor[0] if actor else None,
                "actor_username": actor[1] if actor else "",
                "case_id": story.case_id,
                "document_id": None,
                "address": None,
                "user_agent": "",
                "detail": detail,
            }
            values["row_hash"] = previous = chain.row_hash(values)
            batch.add(AuditEvent, **values)


def _grant(stories):
    """Each component group its cases, as the movements leave them: one call per permission set."""
    by_permissions = defaultdict(list)
    for story in stories:
        held = defaultdict(set)
        for role, codename in story.permissions:
            held[role].add(codename)
        for role, codenames in held.items():
            by_permissions[(role, tuple(sorted(codenames)))].append(story.case_id)
    for (role, codenames), case_ids in sorted(by_permissions.items()):
        grant_to_group(case_ids=case_ids, role=role, codenames=list(codenames), reason="load data")


def _write_batch(batch, stories, written):
    with transaction.atomic():
        # Nobody else appends to the chain while this batch does (held to the commit).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        _chain_events(batch, stories)
        for model in WRITE_ORDER:
            rows = batch.rows.get(model, [])
            if rows:
                _write_rows(model, rows)
                written[model._meta.label] = written.get(model._meta.label, 0) + len(rows)
        _grant(stories)


def _close_connection():
    connection.close()


def generate_cases(*, count: int, seed: int = 1, progress=None, overlap=None) -> dict:
    """Create `count` synthetic cases with every row a real one would have. Returns row counts.

    With ``overlap`` (the default on PostgreSQL) a second thread, on its own connection, writes
    one batch while the next is built, so Python and the database work at the same time.
    Without it every batch is written in the caller's connection and transaction.
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducibility not secrecy
    staff = Staff.ensure()
    ids = Ids()
    written = {}
    case_numbers = set()
    if overlap is None:
        overlap = connection.vendor == "postgresql"
    writer = ThreadPoolExecutor(max_workers=1) if overlap else None
    pending = None
    made = 0
    try:
        while made < count:
            size = min(BATCH, count - made)
            batch = Batch()
            stories = []
            for _number in range(size):
                story = CaseStory(
                    rng=rng, ids=ids, staff=staff, batch=batch, case_numbers=case_numbers
                )
                story.write()
                stories.append(story)
            if pending:
                pending.result()
            if writer:
                pending = writer.submit(_write_batch, batch, stories, written)
            else:
                _write_batch(batch, stories, written)
            made += size
            if progress:
                progress(made, count)
        if pending:
            pending.result()
    finally:
        if writer:
            writer.submit(_close_connection).result()
            writer.shutdown()
    _reset_sequences()
    return written


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(
        no_style(), [*WRITE_ORDER, CaseGroupObjectPermission]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
