"""Signed checkpoints: the chain's head signed with a key outside the database, kept outside it.

The S3 store runs against moto's S3 server on loopback (no cloud is reachable here), in a
bucket with Object Lock, as production's document bucket must be.
"""

import base64
import json
import os
import stat
from io import StringIO

import boto3
import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from audit import checkpoints
from audit.checkpoint_stores import CheckpointExists, checkpoint_store
from audit.integrity import ChainBroken, latest_checkpoint, sign_checkpoint, verify
from audit.models import Action, AuditEvent
from audit.services import record_event
from tests.cases.test_document_storage import s3_endpoint  # noqa: F401 - the loopback S3

BUCKET = "mpp-documents-locked"


def _events(staff, count):
    return [record_event(action=Action.VIEW_CASE, actor=staff.cbp, case_id=n) for n in range(count)]


def _raw(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def test_it_signs_the_head_count_and_hash_into_a_read_only_file(db, staff, signing_key, settings):
    events = _events(staff, 3)

    checkpoint = sign_checkpoint()

    head = AuditEvent.objects.get(pk=events[-1].pk)
    assert (checkpoint.rows, checkpoint.row_id, checkpoint.head_hash) == (3, head.pk, head.row_hash)
    path = settings.AUDIT_CHECKPOINT_DIR / checkpoint.name
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o400
    document = json.loads(path.read_bytes())
    assert document["checkpoint"]["rows"] == 3
    assert document["checkpoint"]["head_hash"] == head.row_hash
    # Anyone holding the public key can check it, independently of our code.
    signed = json.dumps(document["checkpoint"], sort_keys=True, separators=(",", ":")).encode()
    signing_key.public_key().verify(base64.b64decode(document["signature"]), signed)


def test_it_signs_again_only_when_the_chain_has_grown(db, staff, signing_key):
    _events(staff, 2)
    assert sign_checkpoint().rows == 2
    assert sign_checkpoint() is None
    _events(staff, 1)
    assert sign_checkpoint().rows == 3
    assert [checkpoints.rows_in_name(n) for n in checkpoint_store().names()] == [2, 3]


def test_it_refuses_to_sign_a_chain_that_does_not_verify(db, staff, signing_key):
    from tests.audit.test_verify_audit_log import behind_the_applications_back

    events = _events(staff, 3)
    sign_checkpoint()
    _events(staff, 2)
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET case_id = 9 WHERE id = %s", [events[0].pk + 3])

    with pytest.raises(ChainBroken, match=r"sequence 4\) was altered"):
        sign_checkpoint()
    assert len(checkpoint_store().names()) == 1


def test_without_a_key_nothing_is_signed(db, staff):
    _events(staff, 2)
    assert sign_checkpoint() is None
    assert checkpoint_store().names() == []


def test_a_checkpoint_file_is_never_overwritten(db, staff, signing_key):
    _events(staff, 1)
    checkpoint = sign_checkpoint()
    with pytest.raises(CheckpointExists):
        checkpoint_store().write(checkpoint.name, b"{}")


def test_a_checkpoint_signed_by_an_unknown_key_is_named(db, staff, signing_key, settings):
    _events(staff, 2)
    sign_checkpoint()
    _events(staff, 1)
    forger = Ed25519PrivateKey.generate()
    forged, data = checkpoints.sign(rows=3, row_id=0, head_hash="0" * 64, key=forger)
    checkpoint_store().write(forged.name, data)

    result = verify()
    assert result.problem.kind == "checkpoint"
    assert "which is not trusted" in result.problem.message


def test_an_edited_checkpoint_fails_its_signature(db, staff, signing_key, settings):
    _events(staff, 2)
    checkpoint = sign_checkpoint()
    document = json.loads(checkpoint_store().read(checkpoint.name))
    document["checkpoint"]["rows"] = 1
    edited = checkpoint.name.replace("000000000000002-", "000000000000009-")
    checkpoint_store().write(edited, json.dumps(document).encode())

    assert "does not carry a valid signature" in verify().problem.message


def test_after_a_key_rotation_the_old_checkpoints_still_verify(db, staff, signing_key, settings):
    _events(staff, 2)
    sign_checkpoint()
    # Rotation: a new key signs; the old public key stays trusted for what it signed.
    settings.AUDIT_CHECKPOINT_VERIFY_KEYS = [base64.b64encode(_raw(signing_key)).decode()]
    new_key = Ed25519PrivateKey.generate()
    settings.AUDIT_SIGNING_KEY = private_pem(new_key)
    _events(staff, 2)

    assert sign_checkpoint().key_id == checkpoints.key_id(new_key.public_key())
    names = checkpoint_store().names()
    keys = checkpoints.trusted_keys()
    signers = [checkpoints.parse(n, checkpoint_store().read(n), keys).key_id for n in names]
    assert signers == [checkpoints.key_id(signing_key.public_key()), signers[1]]
    assert verify(full=True).intact


def private_pem(key):
    return checkpoints.private_key_pem(key).decode()


def test_the_key_can_live_in_a_file_made_by_the_command(db, staff, settings, tmp_path):
    path = tmp_path / "audit-signing-key.pem"
    out = StringIO()
    call_command("create_audit_signing_key", str(path), stdout=out)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o400
    settings.AUDIT_SIGNING_KEY_FILE = str(path)
    _events(staff, 1)

    checkpoint = sign_checkpoint()

    assert f"key id:     {checkpoint.key_id}" in out.getvalue()
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("create_audit_signing_key", str(path), stdout=StringIO())


def test_the_latest_checkpoint_is_what_the_report_carries(db, staff, signing_key):
    assert latest_checkpoint() is None
    _events(staff, 4)
    sign_checkpoint()
    head = AuditEvent.objects.order_by("-id").first()

    assert latest_checkpoint().summary()["rows"] == 4
    assert latest_checkpoint().summary()["head_hash"] == head.row_hash


@pytest.fixture
def locked_bucket(settings, monkeypatch, s3_endpoint):  # noqa: F811
    """The document bucket on loopback S3, created with Object Lock as production's must be."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    try:
        client.create_bucket(Bucket=BUCKET, ObjectLockEnabledForBucket=True)
    except client.exceptions.BucketAlreadyOwnedByYou:
        pass
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
            },
        },
    }
    settings.AUDIT_CHECKPOINT_STORE = "s3"
    settings.AUDIT_CHECKPOINT_S3_PREFIX = f"audit-checkpoints-{os.urandom(4).hex()}/"
    return client


def test_on_s3_checkpoints_are_write_once_under_their_prefix(db, staff, signing_key, locked_bucket):
    client = locked_bucket
    _events(staff, 3)

    checkpoint = sign_checkpoint()

    key = f"{checkpoint_store().prefix}{checkpoint.name}"
    head = client.head_object(Bucket=BUCKET, Key=key)
    assert head["ObjectLockMode"] == "COMPLIANCE"
    assert head["ServerSideEncryption"] == "AES256"
    # Written once: neither an overwrite nor deleting the version goes through.
    with pytest.raises(CheckpointExists):
        checkpoint_store().write(checkpoint.name, b"{}")
    with pytest.raises(ClientError, match="AccessDenied"):
        client.delete_object(Bucket=BUCKET, Key=key, VersionId=head["VersionId"])
    assert verify().intact and verify().checkpoint.rows == 3


def test_on_s3_a_truncation_is_named_from_the_bucket(db, staff, signing_key, locked_bucket):
    from tests.audit.test_verify_audit_log import behind_the_applications_back

    _events(staff, 5)
    sign_checkpoint()
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 5")

    assert verify().problem.kind == "truncated"
