"""/healthz: is every service the system depends on answering? No personal data, no details."""

import socket

import redis
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

OK, FAILING, NOT_CONFIGURED = "ok", "failing", "not configured"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _redis():
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()


def _storage():
    default_storage.exists("healthz-probe")


def _clamd():
    address = getattr(settings, "CLAMD_TCP_ADDRESS", "")
    if not address:
        return NOT_CONFIGURED
    host, _, port = address.rpartition(":")
    with socket.create_connection((host, int(port)), timeout=2) as sock:
        sock.sendall(b"zPING\0")
        if not sock.recv(16).startswith(b"PONG"):
            raise ConnectionError("clamd did not answer PONG")


CHECKS = {"database": _database, "redis": _redis, "storage": _storage, "clamd": _clamd}


def _run(check):
    try:
        return check() or OK
    except Exception:  # noqa: BLE001 - any failure of a dependency is "failing"
        return FAILING


@never_cache
def healthz(request):
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = FAILING not in results.values()
    return JsonResponse(
        {"status": OK if healthy else FAILING, "checks": results}, status=200 if healthy else 503
    )
