"""Names and A-numbers as compared and stored: the same on the way in and in every search."""

import unicodedata

from django.utils.translation import gettext_lazy as _

from cases.errors import InvalidCaseData

# What people put between the groups of an A-number: spaces, dots, slashes and every dash.
A_NUMBER_SEPARATORS = frozenset(" .-/_\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def _decimal_digits(text: str) -> str:
    """Every decimal digit of any script as its ASCII digit; separators dropped.

    Compatibility forms first (NFKC): full-width digits, letters and dashes become their plain
    forms. Any other character is refused rather than silently dropped.
    """
    digits = []
    for char in unicodedata.normalize("NFKC", text):
        if unicodedata.category(char) == "Nd":
            digits.append(str(unicodedata.decimal(char)))
        elif char in A_NUMBER_SEPARATORS or unicodedata.category(char) == "Zs":
            continue
        else:
            raise InvalidCaseData(_("Write the A-number with its digits only."))
    return "".join(digits)


def normalise_a_number(raw: str) -> str:
    """'A-012 345 678', 'a12345678', '٢١٢٣٤٥٦٧٨' -> '012345678'. Empty stays empty."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return ""
    if text[0] in "Aa":
        text = text[1:]
    digits = _decimal_digits(text)
    if not digits:
        raise InvalidCaseData(_("Write the A-number with its digits only."))
    if len(digits) > 9 or len(digits) < 8:
        raise InvalidCaseData(_("An A-number has 8 or 9 digits."))
    return digits.zfill(9)


def name_key(full_name: str) -> str:
    """A name compared without regard to accents, case, punctuation or word order."""
    decomposed = unicodedata.normalize("NFKD", full_name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split()
    return " ".join(sorted(words))[:200]
