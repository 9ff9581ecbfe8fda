"""The embedded mode's texts: one file a text under var/texts, as the README shows them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from cases.services import communications
from cases.tasks import send_communication
from tests import factories

pytestmark = pytest.mark.django_db


def _readme_example() -> str:
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    block = readme.split("<!-- text-message-example -->", 1)[1]
    return block.split("```", 2)[1].strip("\n")


def _shape(text: str) -> str:
    """The file with what differs from one text to the next written as placeholders."""
    text = re.sub(r"MPP-[0-9A-Z]{5}-[0-9A-Z]{5}", "CASE", text)
    text = re.sub(r"file-[0-9a-f-]{36}", "ID", text)
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", "WHEN", text)


def test_it_writes_each_text_to_a_file_exactly_as_the_readme_shows(settings, tmp_path):
    settings.PUBLIC_SITE_URL = "http://127.0.0.1:8000"
    case = factories.case_in(
        "triage", language="ht", email="", phone="+526641234567", texts_consent=True
    )
    from cases.message_content import MessageValues

    [text] = communications.record_message(
        case=case, kind="information_request", values=MessageValues(message="x")
    )
    send_communication.apply(args=[text.pk]).get()

    [written] = list(Path(settings.TEXT_MESSAGE_FILE_PATH).iterdir())
    content = written.read_text(encoding="utf-8")
    assert _shape(content.strip("\n")) == _shape(_readme_example())
    text.refresh_from_db()
    assert text.provider_message_id in content
