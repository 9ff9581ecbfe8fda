"""A small stand-in for the WhatsApp Business Cloud API on loopback, for the tests.

It answers ``POST /<version>/<phone-number-id>/messages`` as the Cloud API does, and checks
each request's shape on the way: the bearer token, a template message (the only kind a business
may open a conversation with) with a template name and language code, and no parameter but the
case number. A request that breaks the shape is answered 400 and noted in ``problems``.
"""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CASE_NUMBER = re.compile(r"^MPP-[0-9A-Z]{5}-[0-9A-Z]{5}$")


class WhatsAppStub:
    def __init__(self, *, phone_number_id="109876543210", token="test-token"):  # noqa: S107
        self.phone_number_id = phone_number_id
        self.token = token
        self.received = []  # (path, headers, body) of every request
        self.problems = []
        self.answer_status = 200  # what to answer a well-formed request with
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                stub.received.append((self.path, dict(self.headers), raw))
                problem = stub.check(self.path, self.headers, raw)
                if problem:
                    stub.problems.append(problem)
                    self._answer(400, {"error": {"code": 100, "message": problem}})
                elif stub.answer_status != 200:
                    self._answer(stub.answer_status, {"error": {"code": 131026}})
                else:
                    number = len(stub.received)
                    self._answer(
                        200,
                        {
                            "messaging_product": "whatsapp",
                            "messages": [{"id": f"wamid.TEST{number}"}],
                        },
                    )

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def check(self, path, headers, raw) -> str:
        if not re.fullmatch(rf"/v\d+\.\d+/{self.phone_number_id}/messages", path):
            return f"unexpected path {path}"
        if headers.get("Authorization") != f"Bearer {self.token}":
            return "missing or wrong bearer token"
        try:
            body = json.loads(raw)
        except ValueError:
            return "not JSON"
        if body.get("messaging_product") != "whatsapp" or body.get("type") != "template":
            return "not a WhatsApp template message"
        if not str(body.get("to", "")).isdigit():
            return "the recipient is not a number with its country code"
        template = body.get("template", {})
        if not template.get("name") or not template.get("language", {}).get("code"):
            return "a template needs its name and language code"
        parameters = [
            parameter
            for component in template.get("components", [])
            for parameter in component.get("parameters", [])
        ]
        if [p.get("type") for p in parameters] != ["text"] or not CASE_NUMBER.match(
            parameters[0].get("text", "")
        ):
            return "the only parameter may be the case number"
        return ""

    def bodies(self) -> list[dict]:
        return [json.loads(raw) for _path, _headers, raw in self.received]
