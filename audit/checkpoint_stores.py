"""Where signed checkpoints are kept: outside the database, each file written once.

- ``directory`` (the default): files created with O_EXCL and made read-only, in
  ``AUDIT_CHECKPOINT_DIR``. Put it on storage the database's owner cannot write (another host's
  mount, a log-shipping spool).
- ``s3`` (the default when DOCUMENTS_BACKEND=s3): the document bucket under
  ``AUDIT_CHECKPOINT_S3_PREFIX``, each object written only if absent (``If-None-Match: *``) and
  locked in COMPLIANCE mode for ``AUDIT_CHECKPOINT_RETENTION_DAYS``: not even the bucket's owner
  can delete or overwrite it before then. The bucket must have Object Lock enabled.
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings


class CheckpointExists(FileExistsError):
    pass


class DirectoryStore:
    def __init__(self, path):
        self.path = Path(path)

    def write(self, name: str, data: bytes) -> None:
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            descriptor = os.open(self.path / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
        except FileExistsError as error:
            raise CheckpointExists(name) from error
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def names(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.name for p in self.path.iterdir() if p.name.endswith(".json"))

    def read(self, name: str) -> bytes:
        return (self.path / name).read_bytes()

    def describe(self) -> str:
        return str(self.path)


class S3Store:
    def __init__(self, *, bucket, prefix, endpoint_url=None, region_name=None, retention_days):
        import boto3

        self.bucket, self.prefix, self.retention_days = bucket, prefix, retention_days
        self.client = boto3.client("s3", endpoint_url=endpoint_url, region_name=region_name)

    def write(self, name: str, data: bytes) -> None:
        from botocore.exceptions import ClientError

        until = datetime.now(UTC) + timedelta(days=self.retention_days)
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.prefix + name,
                Body=data,
                ContentType="application/json",
                IfNoneMatch="*",
                ObjectLockMode="COMPLIANCE",
                ObjectLockRetainUntilDate=until,
                ChecksumAlgorithm="SHA256",
                ServerSideEncryption="AES256",
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "PreconditionFailed":
                raise CheckpointExists(name) from error
            raise

    def names(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        return sorted(
            item["Key"][len(self.prefix) :]
            for page in pages
            for item in page.get("Contents", [])
            if item["Key"].endswith(".json")
        )

    def read(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)["Body"].read()

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


def checkpoint_store():
    """The configured store."""
    if settings.AUDIT_CHECKPOINT_STORE == "s3":
        documents = settings.STORAGES["default"].get("OPTIONS", {})
        return S3Store(
            bucket=settings.AUDIT_CHECKPOINT_S3_BUCKET or documents.get("bucket_name"),
            prefix=settings.AUDIT_CHECKPOINT_S3_PREFIX,
            endpoint_url=documents.get("endpoint_url"),
            region_name=documents.get("region_name"),
            retention_days=settings.AUDIT_CHECKPOINT_RETENTION_DAYS,
        )
    return DirectoryStore(settings.AUDIT_CHECKPOINT_DIR)
