"""What the tests that run a real Celery worker process share."""

import sys

from django.db import connection


def database_url() -> str:
    """The test database, for a worker process to connect to."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def worker_command(*options: str) -> list[str]:
    """`celery worker` on our app, quiet on the network: no gossip, mingle or heartbeats."""
    return [
        sys.executable,
        *("-m", "celery", "-A", "config", "worker"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
        *options,
    ]
