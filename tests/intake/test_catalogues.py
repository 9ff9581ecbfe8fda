import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALES = ("es", "ht", "pt_BR")


@pytest.mark.parametrize("locale", LOCALES)
def test_it_ships_no_untranslated_or_fuzzy_entry(locale):
    catalogue = Path(settings.BASE_DIR) / "locale" / locale / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own file
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Este campo es obligatorio."),
        ("ht", "Ou dwe ranpli espas sa a."),
        ("pt-br", "Este campo é obrigatório."),
    ],
)
def test_it_translates_djangos_own_form_errors(language, expected):
    with translation.override(language):
        assert translation.gettext("This field is required.") == expected
