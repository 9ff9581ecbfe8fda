"""JSON log lines with a request id, and nothing personal or secret in them.

A small stdlib module rather than django-structlog: we need exactly three things (a request id
carried through every line, one access line per request, JSON output) and full control over what
is written, since query strings can hold names typed into a search box and some paths carry a
secret: the further-information link's token, the password-reset link's token. Those are
redacted from every line, whoever writes it (``RedactSecrets`` on the handler), and the access
line names the path with its token parameters replaced.
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

REDACTED = "[redacted]"
# URL parameters that are secrets, by the names our URLs and Django's give them.
SECRET_URL_PARAMETERS = frozenset({"token", "uidb64"})
_SEGMENT = r"[^/?#\s\"']+"
_SECRET_TEXT = [
    # The paths that carry one: /information/<token>/ and /reset/<uidb64>/<token>/ (any language).
    re.compile(rf"(?<=/information/){_SEGMENT}"),
    re.compile(rf"(?<=/reset/){_SEGMENT}/{_SEGMENT}"),
    # A path segment as long as a random token (token_urlsafe(32) is 43 characters); no word
    # of our URLs is that long.
    re.compile(r"(?<=/)[A-Za-z0-9_-]{32,}(?=[/?#\s\"']|$)"),
    # A secret in a query string or form body someone logs.
    re.compile(r"(?i)(?<=[?&\s])(?:token|password|secret|key|code)=[^&\s\"']+"),
]


def redact(text: str) -> str:
    for pattern in _SECRET_TEXT:
        text = pattern.sub(REDACTED, text)
    return text


class RedactSecrets(logging.Filter):
    """On the handler: the message and every field of a record leave without a token."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        fields = getattr(record, "fields", None)
        if fields:
            record.fields = {
                name: redact(value) if isinstance(value, str) else value
                for name, value in fields.items()
            }
        return True


def logged_path(request) -> str:
    """The path as the access line writes it: the values of secret URL parameters replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_PARAMETERS and isinstance(value, str) and value:
                path = path.replace(f"/{value}/", f"/{REDACTED}/")
    return redact(path)


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
                        "path": logged_path(request),
                        "status": response.status_code,
                        "ms": round((time.monotonic() - started) * 1000, 1),
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    }
                },
            )
            return response
        finally:
            request_id_var.reset(token)
