"""Seeding the embedded demo as `./scripts/run` does, on another port: the texts it writes link
to that port, and the console shows the command's progress, not a line for every task."""

import os
import subprocess  # noqa: S404 - the real command under test
import sys

import pytest

from tests.faults.services import ROOT

pytestmark = pytest.mark.services


def test_seeding_on_another_port_links_texts_there_and_logs_only_progress(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CELERY_", "REDIS_", "PUBLIC_SITE_URL", "INTAKE_PUBLIC_URL"))
        },
        "PORT": "8123",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        "DOCUMENTS_ROOT": str(tmp_path / "documents"),
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "TEXT_MESSAGE_FILE_PATH": str(tmp_path / "texts"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=180)  # noqa: S603
    seeded = subprocess.run(  # noqa: S603
        [*manage, "seed_demo", "--cases", "15"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )

    texts = [path.read_text(encoding="utf-8") for path in (tmp_path / "texts").iterdir()]
    assert texts, "fifteen demo cases write some texts"
    assert all("http://127.0.0.1:8123/" in text for text in texts)
    assert not any("127.0.0.1:8000" in text for text in texts)
    console = (seeded.stdout + seeded.stderr).splitlines()
    assert "Demo cases created: 15" in console
    assert [line for line in console if not line.startswith(("  ", "Demo "))] == []
