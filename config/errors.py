"""Failing gracefully: a translated "try again shortly" page while the database is away,
and the error pages: the public layout (templates/400.html ... 500.html) on public pages, the
staff layout (staff/templates/staff/errors/) on /staff/ pages.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.shortcuts import render
from django.utils import translation
from django.views import defaults

from config.upload_limits import RequestTooLarge

logger = logging.getLogger(__name__)

UNREACHABLE = (OperationalError, InterfaceError)
# /healthz reports the database itself; it must say "failing", not show a page.
NOT_HANDLED = ("/healthz",)


def _database_answers() -> bool:
    try:
        connection.ensure_connection()
    except DatabaseError:
        return False
    return connection.is_usable()


def database_unavailable_page(request):
    """503 and a page in the person's language: nothing was saved, their answers are kept."""
    with translation.override(getattr(request, "LANGUAGE_CODE", None)):
        response = render(request, "unavailable.html", status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """Outermost: turns any failure caused by an unreachable database into the 503 page.

    A view's own error is seen in process_exception; an error in another middleware (the
    session saved on the way out) reaches here as Django's 500, so a 500 while the database
    does not answer counts too. The transaction of a half-written case is rolled back by
    the database, never committed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(NOT_HANDLED):
            return response
        if getattr(request, "_database_unreachable", False) or (
            response.status_code == 500 and not _database_answers()
        ):
            logger.warning("database unreachable: answered 503")
            return database_unavailable_page(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, UNREACHABLE):
            request._database_unreachable = True
        return None


# Public form pages whose sent page fails the CSRF check because the cookies are gone.
REQUEST_FORM_PATHS = ("request/",)
STAFF_PREFIX = "/staff/"


def _error_template(request, code: int) -> str:
    if request is not None and request.path.startswith(STAFF_PREFIX):
        return f"staff/errors/{code}.html"
    return f"{code}.html"


def _on_request_form(request) -> bool:
    path = request.path_info.lstrip("/")
    language = translation.get_language_from_path(request.path_info)
    if language and path.startswith(f"{language}/"):
        path = path[len(language) + 1 :]
    return path.startswith(REQUEST_FORM_PATHS)


def csrf_failure(request, reason=""):
    """The branded 403 page; the reason stays in the log, not on the page.

    A page of the public request form sent after the browser lost its cookies (cleared, or
    another phone) gets the page that says the answers are not here and how to resume.
    """
    logger.info("CSRF check failed")
    if _on_request_form(request):
        return render(request, "intake/session_lost.html", status=403)
    return render(request, _error_template(request, 403), {"csrf_failure": True}, status=403)


def bad_request(request, exception):
    if isinstance(exception, RequestTooLarge) and _on_request_form(request):
        # Refused before a byte was read: say why, and that the earlier pages are kept.
        limit = settings.UPLOAD_MAX_REQUEST_BYTES // (1024 * 1024)
        context = {"back_url": request.path, "limit_mb": limit}
        return render(request, "intake/files_too_large.html", context, status=400)
    return defaults.bad_request(request, exception, template_name=_error_template(request, 400))


def permission_denied(request, exception):
    return defaults.permission_denied(
        request, exception, template_name=_error_template(request, 403)
    )


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name=_error_template(request, 404))


def server_error(request):
    return defaults.server_error(request, template_name=_error_template(request, 500))
