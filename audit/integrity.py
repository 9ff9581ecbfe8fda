"""Is the audit trail whole? The hash chain walked, and held against its latest signed checkpoint.

The chain alone shows a row altered, removed from the middle or moved. It cannot show the newest
rows removed, nor a row rewritten with every later hash recomputed: both leave a valid, shorter
or different chain. A checkpoint can: it was signed outside the database over the head as it
was, so a missing head row is a truncation and a head row with another hash a rewrite.

By default verification is incremental: the latest checkpoint's head must be in the table as
signed, then only the rows after it are walked. A full walk (from the first row) also finds a
row altered before the checkpoint without its hashes recomputed, which the incremental walk
takes on trust from the checkpoint.
"""

import logging
from dataclasses import dataclass

from django.utils import timezone

from audit import checkpoints
from audit.chain import GENESIS, first_break
from audit.checkpoint_stores import CheckpointExists, checkpoint_store
from audit.selectors import chain_head, chain_rows, highest_sequence, row_at, sequence_exists

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """What is wrong: kind is altered, removed, reordered, truncated, rewritten or checkpoint."""

    kind: str
    message: str


@dataclass(frozen=True)
class Verification:
    rows_verified: int
    checkpoint: checkpoints.Checkpoint | None  # the latest, which the chain was held against
    full: bool
    problem: Finding | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


def _when(checkpoint) -> str:
    return checkpoint.payload()["signed_at"]


def _contradicts(checkpoint) -> bool:
    row = row_at(checkpoint.rows)
    return row is None or row["row_hash"] != checkpoint.head_hash


def _rewritten_range(names, store, keys) -> str:
    """Where a consistent rewrite lies: after the last checkpoint that still agrees with the
    table, up to the first that does not (rewriting a row changes every later head, so the
    checkpoints that disagree are the newest ones: a binary search finds the boundary)."""
    low, high = 0, len(names) - 1  # names[high] disagrees
    while low < high:
        middle = (low + high) // 2
        if _contradicts(checkpoints.parse(names[middle], store.read(names[middle]), keys)):
            high = middle
        else:
            low = middle + 1
    first_bad = checkpoints.parse(names[high], store.read(names[high]), keys)
    if high == 0:
        return f"the rewrite is at or before sequence {first_bad.rows}"
    last_good = checkpoints.parse(names[high - 1], store.read(names[high - 1]), keys)
    return (
        f"the rewrite lies in sequences {last_good.rows + 1} to {first_bad.rows} (the checkpoint "
        f"of {_when(last_good)} still agrees, the one of {_when(first_bad)} does not)"
    )


def _against_checkpoint(checkpoint, names, store, keys) -> Finding | None:
    head = row_at(checkpoint.rows)
    if head is None:
        highest = highest_sequence()
        if highest < checkpoint.rows:
            return Finding(
                "truncated",
                f"the log was truncated: the checkpoint signed at {_when(checkpoint)} vouches "
                f"for {checkpoint.rows} rows but the log ends at sequence {highest}; "
                f"sequences {highest + 1} to {checkpoint.rows} were removed",
            )
        return Finding(
            "removed",
            f"sequence {checkpoint.rows}, the head signed at {_when(checkpoint)}, was removed",
        )
    if head["row_hash"] != checkpoint.head_hash:
        try:
            where = _rewritten_range(names, store, keys)
        except checkpoints.CheckpointInvalid as older:
            where = f"an older checkpoint does not verify ({older})"
        return Finding(
            "rewritten",
            f"the log was rewritten consistently: row id {head['id']} (sequence "
            f"{checkpoint.rows}) no longer has the hash signed at {_when(checkpoint)}; {where}",
        )
    return None


def _chain_break(rows, **start) -> Finding | None:
    broken = first_break(rows, sequence_exists, **start)
    return Finding(broken.kind, broken.message) if broken else None


def verify(*, full=False, progress=None, progress_every=100_000, until_id=None) -> Verification:
    """Verify the trail; ``progress(rows_so_far)`` is called every ``progress_every`` rows."""
    store = checkpoint_store()
    keys = checkpoints.trusted_keys()
    names = store.names()
    try:
        latest = checkpoints.parse(names[-1], store.read(names[-1]), keys) if names else None
    except checkpoints.CheckpointInvalid as refusal:
        return Verification(0, None, full, Finding("checkpoint", str(refusal)))
    counted = 0

    def counting(rows):
        nonlocal counted
        for row in rows:
            counted += 1
            if progress and progress_every and counted % progress_every == 0:
                progress(counted)
            yield row

    if latest is not None and not full:
        problem = _against_checkpoint(latest, names, store, keys)
        if problem is None:
            anchor = row_at(latest.rows)
            rows = chain_rows(after_id=anchor["id"], until_id=until_id)
            problem = _chain_break(
                counting(rows), after_hash=latest.head_hash, after_sequence=latest.rows
            )
        return Verification(counted, latest, full, problem)
    problem = _chain_break(counting(chain_rows(until_id=until_id)), after_hash=GENESIS)
    if problem is None and latest is not None:
        problem = _against_checkpoint(latest, names, store, keys)
    return Verification(counted, latest, full, problem)


class ChainBroken(Exception):
    """The trail does not verify: no checkpoint is signed over it."""


def sign_checkpoint(*, now=None) -> checkpoints.Checkpoint | None:
    """Sign the chain's head and store the checkpoint, once the rows since the last one verify.

    None when there is nothing new to sign or no signing key is configured. A chain that does
    not verify is never signed: ChainBroken says what is wrong.
    """
    key = checkpoints.signing_key()
    if key is None:
        logger.warning("audit checkpoint not signed: no AUDIT_SIGNING_KEY(_FILE) configured")
        return None
    head = chain_head()
    if head is None:
        return None
    verification = verify(until_id=head["id"])
    if not verification.intact:
        raise ChainBroken(verification.problem.message)
    latest = verification.checkpoint
    if latest is not None and latest.rows == head["sequence"]:
        return None
    checkpoint, data = checkpoints.sign(
        rows=head["sequence"],
        row_id=head["id"],
        head_hash=head["row_hash"],
        key=key,
        now=now or timezone.now(),
    )
    try:
        checkpoint_store().write(checkpoint.name, data)
    except CheckpointExists:  # another run signed the same head in the same microsecond
        return None
    return checkpoint


def latest_checkpoint() -> checkpoints.Checkpoint | None:
    """The newest checkpoint whose signature holds (for the weekly report); None if none."""
    store = checkpoint_store()
    names = store.names()
    if not names:
        return None
    try:
        return checkpoints.parse(names[-1], store.read(names[-1]), checkpoints.trusted_keys())
    except checkpoints.CheckpointInvalid:
        logger.error("the latest audit checkpoint does not verify")
        return None
