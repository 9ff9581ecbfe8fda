"""The text-message provider of the tests: moto's SNS server on loopback.

No cloud is reachable here. moto's ``ThreadedMotoServer`` is a real HTTP endpoint that boto3
talks to exactly as to AWS SNS; what it received is read back over HTTP from its
``/moto-api/data.json`` (every ``SMS`` it was asked to send: number, text, message id), so a
test sees the texts as the provider got them, wherever the sender ran.
"""

import socket
import time

import requests
from moto.server import ThreadedMotoServer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMSProvider:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.reset()

    def stop(self):
        if self.server is not None:
            self.server.stop()
            self.server = None

    def resume(self):
        """Back after an outage, on the same address; what it took before is still there."""
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def reset(self):
        requests.post(f"{self.url}/moto-api/reset", timeout=5).raise_for_status()

    def texts(self) -> list[dict]:
        """Every text the provider accepted: ``phone_number``, ``message``, ``message_id``."""
        answer = requests.get(f"{self.url}/moto-api/data.json", timeout=5)
        return answer.json().get("sns", {}).get("SMS", [])

    def wait_for(self, count: int, timeout: float = 20) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.texts()
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{count} text(s) did not reach the provider: {self.texts()}")
