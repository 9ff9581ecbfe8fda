"""Signed checkpoints of the audit chain: the head (row count and hash) signed with Ed25519.

The signing key lives outside the database (``AUDIT_SIGNING_KEY`` or ``AUDIT_SIGNING_KEY_FILE``)
and each checkpoint is written outside it too (``audit.checkpoint_stores``), so whoever owns the
database can neither remove the newest rows nor rewrite the chain consistently without the
latest checkpoint contradicting them. Older public keys stay trusted after a rotation through
``AUDIT_CHECKPOINT_VERIFY_KEYS``; each checkpoint names the key that signed it.
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORMAT = "mpp-audit-checkpoint/1"


class CheckpointInvalid(ValueError):
    """A checkpoint file that is not what the signing task wrote (unreadable or unsigned)."""


@dataclass(frozen=True)
class Checkpoint:
    """What a signature vouches for: the chain had ``rows`` rows, the last one hashing to
    ``head_hash`` (at row id ``row_id``), when it was signed."""

    rows: int
    row_id: int
    head_hash: str
    signed_at: datetime
    key_id: str
    name: str = ""

    def payload(self) -> dict:
        return {
            "format": FORMAT,
            "rows": self.rows,
            "row_id": self.row_id,
            "head_hash": self.head_hash,
            "signed_at": self.signed_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "key_id": self.key_id,
        }

    def summary(self) -> dict:
        """What the weekly report and the command print: nothing but the chain's head."""
        return {
            "rows": self.rows,
            "head_hash": self.head_hash,
            "signed_at": self.payload()["signed_at"],
            "key_id": self.key_id,
        }


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_key_text(public_key: Ed25519PublicKey) -> str:
    """The raw public key in base64: what AUDIT_CHECKPOINT_VERIFY_KEYS lists."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def private_key_pem(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _load_private_key(text: bytes) -> Ed25519PrivateKey:
    text = text.strip()
    if text.startswith(b"-----BEGIN"):
        key = serialization.load_pem_private_key(text, password=None)
    else:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(text, validate=True))
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("The audit signing key must be an Ed25519 key.")
    return key


def signing_key() -> Ed25519PrivateKey | None:
    """The private key from the environment or its file; None when none is configured."""
    try:
        if settings.AUDIT_SIGNING_KEY:
            return _load_private_key(settings.AUDIT_SIGNING_KEY.encode())
        if settings.AUDIT_SIGNING_KEY_FILE:
            with open(settings.AUDIT_SIGNING_KEY_FILE, "rb") as handle:
                return _load_private_key(handle.read())
    except (OSError, ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"The audit signing key cannot be read: {error}") from error
    return None


def trusted_keys() -> dict[str, Ed25519PublicKey]:
    """Every public key whose signature is accepted, by key id: the current key's and the
    older ones kept for the checkpoints they signed."""
    keys = {}
    for text in settings.AUDIT_CHECKPOINT_VERIFY_KEYS:
        try:
            public = Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
        except ValueError as error:
            raise ImproperlyConfigured(f"Not an Ed25519 public key: {text!r}") from error
        keys[key_id(public)] = public
    private = signing_key()
    if private is not None:
        keys[key_id(private.public_key())] = private.public_key()
    return keys


def file_name(checkpoint: Checkpoint) -> str:
    """Names sort in signing order: by row count, then time."""
    moment = checkpoint.signed_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{checkpoint.rows:015d}-{moment}.json"


def rows_in_name(name: str) -> int:
    return int(name.split("-", 1)[0])


def sign(*, rows: int, row_id: int, head_hash: str, key: Ed25519PrivateKey, now=None):
    """A checkpoint of the given head and the bytes to store for it."""
    checkpoint = Checkpoint(
        rows=rows,
        row_id=row_id,
        head_hash=head_hash,
        signed_at=now or datetime.now(UTC),
        key_id=key_id(key.public_key()),
    )
    payload = checkpoint.payload()
    signature = base64.b64encode(key.sign(_canonical(payload))).decode()
    data = json.dumps({"checkpoint": payload, "signature": signature}, indent=1).encode()
    return Checkpoint(**{**vars(checkpoint), "name": file_name(checkpoint)}), data


def parse(name: str, data: bytes, keys: dict[str, Ed25519PublicKey]) -> Checkpoint:
    """The checkpoint a stored file holds, once its signature is checked; else CheckpointInvalid."""
    try:
        document = json.loads(data)
        payload, signature = document["checkpoint"], base64.b64decode(document["signature"])
        if payload.get("format") != FORMAT:
            raise CheckpointInvalid(f"checkpoint {name} is not in a format this system wrote")
        public = keys.get(payload["key_id"])
        if public is None:
            raise CheckpointInvalid(
                f"checkpoint {name} is signed by key {payload['key_id']}, which is not trusted"
            )
        public.verify(signature, _canonical(payload))
        checkpoint = Checkpoint(
            rows=int(payload["rows"]),
            row_id=int(payload["row_id"]),
            head_hash=str(payload["head_hash"]),
            signed_at=datetime.strptime(payload["signed_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                tzinfo=UTC
            ),
            key_id=payload["key_id"],
            name=name,
        )
    except CheckpointInvalid:
        raise
    except InvalidSignature as error:
        raise CheckpointInvalid(f"checkpoint {name} does not carry a valid signature") from error
    except (ValueError, KeyError, TypeError) as error:
        raise CheckpointInvalid(f"checkpoint {name} cannot be read: {error}") from error
    if rows_in_name(name) != checkpoint.rows:
        raise CheckpointInvalid(f"checkpoint {name} was renamed: it signs {checkpoint.rows} rows")
    return checkpoint
