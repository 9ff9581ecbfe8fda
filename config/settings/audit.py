"""The audit trail beyond its hash chain: signed checkpoints kept outside the database, and the
key that turns search terms into keyed hashes. Neither key is ever stored in the database."""

from config.settings.base import VAR_DIR, env
from config.settings.documents import DOCUMENTS_BACKEND

# Ed25519 key signing the chain's head (audit.checkpoints): the PEM text or the base64 of the
# 32-byte private key in AUDIT_SIGNING_KEY, or a PEM file (a mounted secret) in
# AUDIT_SIGNING_KEY_FILE. `manage.py create_audit_signing_key` makes one. Without either, no
# checkpoint is signed (the embedded demo).
AUDIT_SIGNING_KEY = env("AUDIT_SIGNING_KEY", default="")
AUDIT_SIGNING_KEY_FILE = env("AUDIT_SIGNING_KEY_FILE", default="")
# Public keys (base64) whose older checkpoints stay valid after a rotation, or that a host
# verifying without the private key trusts.
AUDIT_CHECKPOINT_VERIFY_KEYS = env.list("AUDIT_CHECKPOINT_VERIFY_KEYS", default=[])
# Where checkpoints are written: "directory", or "s3" (the document bucket, write-once objects).
AUDIT_CHECKPOINT_STORE = env(
    "AUDIT_CHECKPOINT_STORE", default="s3" if DOCUMENTS_BACKEND == "s3" else "directory"
)
AUDIT_CHECKPOINT_DIR = env.path("AUDIT_CHECKPOINT_DIR", default=VAR_DIR / "audit-checkpoints")
AUDIT_CHECKPOINT_S3_BUCKET = env("AUDIT_CHECKPOINT_S3_BUCKET", default="")
AUDIT_CHECKPOINT_S3_PREFIX = env("AUDIT_CHECKPOINT_S3_PREFIX", default="audit-checkpoints/")
# S3 Object Lock (COMPLIANCE) retention of each checkpoint.
AUDIT_CHECKPOINT_RETENTION_DAYS = env.int("AUDIT_CHECKPOINT_RETENTION_DAYS", default=3653)

# Search terms enter the trail as HMAC-SHA256 under this key (audit.search_terms). Several,
# comma-separated, during a rotation: the first hashes new searches, all are tried by the
# auditor's lookup. Empty: a key derived from DJANGO_SECRET_KEY (embedded mode only).
AUDIT_SEARCH_HMAC_KEYS = env.list("AUDIT_SEARCH_HMAC_KEYS", default=[])
