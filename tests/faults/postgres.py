"""A throwaway PostgreSQL cluster on its own port, to restart without touching the shared one."""

import shutil
import subprocess  # noqa: S404 - starting our own test services
import tempfile
from pathlib import Path

from tests.faults.services import free_port


def _server_binaries() -> Path:
    # Whatever major version Debian installed (15 on bookworm); the newest if several.
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else Path("/usr/lib/postgresql/15/bin")


BIN = _server_binaries()


class ThrowawayPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="mpp-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://mpp@127.0.0.1:{self.port}/mpp"

    def _as_postgres(self, *args, check=True):
        return subprocess.run(  # noqa: S603
            ["/usr/sbin/runuser", "-u", "postgres", "--", *map(str, args)],
            check=check,
            stdout=subprocess.DEVNULL,  # the server must not hold our pipes open
            stderr=subprocess.DEVNULL,
            timeout=60,
        )

    def create(self):
        self._as_postgres(BIN / "initdb", "-D", self.data, "-U", "mpp", "-A", "trust", "-N")
        self.start()
        self._as_postgres(BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "mpp", "mpp")

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.dir / "log", "-w", "start"
        )

    def stop(self):
        self._as_postgres(BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
