"""The hash chain over audit events: canonical form, hashing, and walking it.

Each row stores its position (`sequence`), the previous row's hash and its own: SHA-256 over a
canonical JSON serialisation of every field plus the previous hash. Editing a row changes its
hash; removing or reordering rows breaks the `prev_hash` link or the sequence.
"""

import hashlib
import ipaddress
import json
from dataclasses import dataclass
from datetime import UTC

GENESIS = "0" * 64
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "action",
    "actor_id",
    "actor_username",
    "case_id",
    "document_id",
    "address",
    "user_agent",
    "detail",
    "prev_hash",
)


def canonical_address(address):
    return str(ipaddress.ip_address(str(address))) if address else None


def canonical(values: dict) -> bytes:
    """The bytes that are hashed: same on every database and after a round trip."""
    data = {name: values[name] for name in HASHED_FIELDS}
    data["occurred_at"] = values["occurred_at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    data["address"] = canonical_address(values["address"])
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def row_hash(values: dict) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


@dataclass
class Break:
    """The first place the chain does not hold."""

    row_id: int
    sequence: int | None
    kind: str  # "altered", "removed" or "reordered"
    message: str


def first_break(
    rows, sequence_exists=lambda sequence: False, *, after_hash=GENESIS, after_sequence=0
) -> Break | None:
    """Walk rows (dicts of HASHED_FIELDS plus id and row_hash) in id order.

    `sequence_exists` tells a row that was moved (still there, elsewhere) from one removed.
    The walk starts from the genesis, or after a row already vouched for (a checkpoint's head:
    its hash and sequence).
    """
    previous_hash, expected = after_hash, after_sequence + 1
    for values in rows:
        row_id, sequence = values["id"], values["sequence"]
        if row_hash(values) != values["row_hash"]:
            return Break(
                row_id, sequence, "altered", f"row id {row_id} (sequence {sequence}) was altered"
            )
        jumped = sequence is not None and sequence > expected
        if jumped and values["prev_hash"] != previous_hash and not sequence_exists(expected):
            missing = (
                f"sequence {expected}"
                if sequence == expected + 1
                else f"sequences {expected} to {sequence - 1}"
            )
            return Break(
                row_id,
                sequence,
                "removed",
                f"{missing} removed before row id {row_id} (sequence {sequence})",
            )
        if sequence != expected or values["prev_hash"] != previous_hash:
            return Break(
                row_id,
                sequence,
                "reordered",
                f"row id {row_id} (sequence {sequence}) is out of order: expected sequence "
                f"{expected}",
            )
        previous_hash, expected = values["row_hash"], sequence + 1
    return None
