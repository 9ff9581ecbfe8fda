import pytest

from tests.clamd_server import running_clamd


@pytest.fixture(scope="session")
def clamd_address(tmp_path_factory):
    """A real clamd for the session; its address as the settings expect it."""
    with running_clamd(tmp_path_factory.mktemp("clamd")) as address:
        yield address


@pytest.fixture
def clamd(settings, clamd_address, tmp_path):
    settings.CLAMD_ADDRESS = clamd_address
    settings.QUARANTINE_ROOT = tmp_path / "quarantine"
    return clamd_address
