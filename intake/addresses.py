"""Our addresses as the public knows them, for what is printed, sent or written down."""

from urllib.parse import urlsplit

from django.conf import settings


def public_address(request, path: str) -> str:
    """An address of ours as the public knows it, for messages and prints: on the site of
    INTAKE_PUBLIC_URL (which may name a page, the tear sheet's), else where the page was served."""
    configured = urlsplit(settings.INTAKE_PUBLIC_URL or "")
    if configured.scheme and configured.netloc:
        return f"{configured.scheme}://{configured.netloc}{path}"
    return request.build_absolute_uri(path)
