"""Names and A-numbers as compared and stored: the same on the way in and in every search."""

import unicodedata

from django.utils.translation import gettext_lazy as _

from cases.errors import InvalidCaseData


def normalise_a_number(raw: str) -> str:
    """'A-012 345 678', 'a12345678' -> '012345678'. Empty stays empty."""
    digits = "".join(ch for ch in (raw or "") if ch.isdigit())
    if not digits:
        return ""
    if len(digits) > 9 or len(digits) < 8:
        raise InvalidCaseData(_("An A-number has 8 or 9 digits."))
    return digits.zfill(9)


def name_key(full_name: str) -> str:
    """A name compared without regard to accents, case, punctuation or word order."""
    decomposed = unicodedata.normalize("NFKD", full_name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split()
    return " ".join(sorted(words))[:200]
