"""Throwaway services for the fault-injection tests: each started on loopback, on its own port,
so stopping or killing it never disturbs the shared Redis or another test.
"""

import asyncio
import os
import signal
import socket
import subprocess  # noqa: S404 - starting our own test services
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings

from config.celery import app as celery_app
from tests.celery_worker import database_url, worker_command

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class ThrowawayRedis:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, what="redis to start")

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as probe:
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@contextmanager
def publishing_to(broker_url):
    """Point this process's Celery producer at the throwaway broker, then back."""
    # broker_write_url wins over the CELERY_BROKER_URL the settings gave.
    celery_app.conf.broker_write_url = broker_url
    celery_app._after_fork()  # forget pooled connections to the old broker
    try:
        yield
    finally:
        celery_app.conf.broker_write_url = None
        celery_app._after_fork()


class Inbox:
    """An SMTP server on loopback that may refuse for a while or stall before accepting.

    A message counts as delivered only once the server has answered 250 to a client still
    connected: a client killed mid-message has not delivered it (SMTP's own rule).
    """

    def __init__(self):
        self.messages = []
        self.refusing = False
        self.stall_seconds = 0.0
        self.data_started = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refusing:
            return "451 4.3.0 Try again later"
        self.data_started.set()
        if self.stall_seconds:
            await asyncio.sleep(self.stall_seconds)
            if server.transport is None or server.transport.is_closing():
                return "451 4.3.0 Client went away"
        self.messages.append(envelope)
        return "250 OK"

    def recipients(self):
        return [address for message in self.messages for address in message.rcpt_tos]


class Worker:
    """A real Celery worker process (prefork, one child) on the throwaway broker."""

    def __init__(self, *, broker_url, smtp_port, log_path, extra_env=None):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "DJANGO_LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            worker_command(
                *("-P", "prefork", "-c", "1", "-l", "INFO"), "-n", f"faults{free_port()}@127.0.0.1"
            ),
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: b"ready." in Path(self.log_path).read_bytes(), timeout=60, what="the worker"
        )

    def child_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_child(self):
        """SIGKILL the process running the task, as the OOM killer would."""
        for pid in self.child_pids():
            os.kill(pid, signal.SIGKILL)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()
            self.log = None
