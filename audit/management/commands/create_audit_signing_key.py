"""Make the Ed25519 key that signs audit checkpoints: a PEM file only its owner can read."""

import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management.base import BaseCommand, CommandError

from audit.checkpoints import key_id, private_key_pem, public_key_text


class Command(BaseCommand):
    help = (
        "Write a new audit signing key to a file (mode 0400, never overwritten) and print its "
        "public key and key id. Keep the file in the secrets store, not in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the PEM file, e.g. /run/secrets/...")

    def handle(self, *args, path, **options):
        key = Ed25519PrivateKey.generate()
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
        except FileExistsError as error:
            raise CommandError(f"{path} exists; a signing key is never overwritten") from error
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(private_key_pem(key))
        self.stdout.write(f"Signing key written to {path}")
        self.stdout.write(f"key id:     {key_id(key.public_key())}")
        self.stdout.write(f"public key: {public_key_text(key.public_key())}")
        self.stdout.write(
            "Set AUDIT_SIGNING_KEY_FILE to the path; after a rotation, add the old public key "
            "to AUDIT_CHECKPOINT_VERIFY_KEYS."
        )
