"""JSON log lines with a request id, and nothing personal in them.

A small stdlib module rather than django-structlog: we need exactly three things (a request id
carried through every line, one access line per request, JSON output) and full control over what
is written, since query strings can hold names typed into a search box.
"""

import contextvars
import json
import logging
import re
import time
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("mpp.access")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "event": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


class RequestLogMiddleware:
    """Tags the request with an id (kept from a proxy's X-Request-ID when well-formed) and
    writes one access line: method, path without its query string, status, time, user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "ms": round((time.monotonic() - started) * 1000, 1),
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    }
                },
            )
            return response
        finally:
            request_id_var.reset(token)
