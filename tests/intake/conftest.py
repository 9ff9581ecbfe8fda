import io
import os

import pytest
from PIL import Image

from tests.intake.browser import CHROMIUM, CHROMIUM_ARGS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest needs collectstatic; the pages and their assets are the same without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def jpeg_with_gps() -> bytes:
    """A photo carrying a camera model and GPS position, as phones write them."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "Phone Camera 12"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 44.0, 12.0)
    gps[3] = "W"
    gps[4] = (106.0, 29.0, 5.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def browser():
    """One Chromium per browser test module.

    Playwright's sync API keeps an event loop running in this thread while it lives, so it is
    closed at the end of each module rather than left running under the rest of the suite.
    Meanwhile the ORM calls the tests make between page actions are ordinary blocking calls.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
