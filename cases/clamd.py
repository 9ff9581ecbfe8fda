"""A small clamd client: the INSTREAM command over TCP or a unix socket.

clamd's protocol is tiny (a command, length-prefixed chunks, a zero-length end, one reply
line), so this avoids the unmaintained `clamd` package. See clamd(8), "INSTREAM".
"""

import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings

CHUNK = 64 * 1024


class ClamdUnavailable(Exception):
    """clamd could not be reached or did not answer: try again later."""


@dataclass(frozen=True)
class Verdict:
    status: str  # "clean", "infected" or "error" (clamd answered but could not scan)
    signature: str = ""
    message: str = ""


def _connect(address, timeout):
    parsed = urlparse(address)
    if parsed.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target = parsed.path
    elif parsed.scheme == "tcp":
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        target = (parsed.hostname, parsed.port or 3310)
    else:
        raise ClamdUnavailable(f"unsupported clamd address {address!r}")
    sock.settimeout(timeout)
    try:
        sock.connect(target)
    except OSError as error:
        sock.close()
        raise ClamdUnavailable(str(error)) from error
    return sock


def parse_reply(reply: str) -> Verdict:
    reply = reply.strip("\0\n ")
    body = reply.split(": ", 1)[1] if reply.startswith("stream: ") else reply
    if body == "OK":
        return Verdict("clean")
    if body.endswith(" FOUND"):
        return Verdict("infected", signature=body[: -len(" FOUND")])
    return Verdict("error", message=body[:200])


def scan_stream(stream, *, address=None, timeout=None) -> Verdict:
    """Send a file-like object to clamd and return its verdict."""
    address = address or settings.CLAMD_ADDRESS
    sock = _connect(address, timeout or settings.CLAMD_TIMEOUT)
    failure = None
    try:
        try:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
        except OSError as error:
            # clamd stops reading (and says why) when a stream exceeds its StreamMaxLength.
            failure = error
        reply = _read_reply(sock)
    finally:
        sock.close()
    if not reply:
        raise ClamdUnavailable(str(failure or "clamd closed the connection without a reply"))
    return parse_reply(reply.decode("utf-8", "replace"))


def _read_reply(sock) -> bytes:
    reply = b""
    try:
        while not reply.endswith(b"\0"):
            part = sock.recv(4096)
            if not part:
                break
            reply += part
    except OSError:
        pass  # whatever arrived is all there is; an empty reply means "try again"
    return reply
