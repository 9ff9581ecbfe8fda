"""A real clamd on a loopback port, with a signature database made by the suite.

The only signature is the EICAR test string (a harmless, industry-standard test file), as a
ClamAV body signature (.ndb): no freshclam download, starts in about a second.
"""

import contextlib
import shutil
import socket
import subprocess
import time

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "MPP.Test.EICAR"
CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


@contextlib.contextmanager
def running_clamd(directory):
    database = directory / "db"
    database.mkdir(parents=True)
    (database / "mpp-test.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
    port = free_port()
    config = directory / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                "Foreground yes",
                f"DatabaseDirectory {database}",
                f"TCPSocket {port}",
                "TCPAddr 127.0.0.1",
                f"LogFile {directory / 'clamd.log'}",
                "StreamMaxLength 30M",
                "SelfCheck 0",
                "",
            ]
        )
    )
    process = subprocess.Popen(  # noqa: S603 - fixed binary, our own config
        [CLAMD, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((directory / "clamd.log").read_text())
            time.sleep(0.1)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
