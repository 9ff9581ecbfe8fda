"""Reading the audit trail."""

from audit.chain import HASHED_FIELDS
from audit.models import AuditEvent


def chain_rows(chunk_size=5000):
    """Every event in id order, streamed (server-side cursor on PostgreSQL)."""
    return (
        AuditEvent.objects.order_by("id")
        .values("id", "row_hash", *HASHED_FIELDS)
        .iterator(chunk_size=chunk_size)
    )


def sequence_exists(sequence) -> bool:
    return AuditEvent.objects.filter(sequence=sequence).exists()
