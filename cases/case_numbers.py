"""Case numbers people can read aloud, type on a phone and check.

A case number is ``MPP-XXXXX-XXXXC``: nine random Crockford base-32 digits (no I, L, O or U,
so nothing looks like 1 or 0) and a Luhn mod-32 check character. The check catches every
single mistyped character and every swap of two neighbours. Numbers are random, so they reveal
nothing about volume and cannot be enumerated; uniqueness is the database's unique constraint.
"""

import re
import secrets
from dataclasses import dataclass

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE = len(ALPHABET)
DATA_LENGTH = 9
# Crockford's decoding folds letters people confuse into the digit they resemble.
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(payload: str) -> str:
    """The Luhn mod-32 check character of a run of characters of the alphabet."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        value = ALPHABET.index(char)
        if position % 2 == 0:
            value *= 2
            value = value // BASE + value % BASE
        total += value
    return ALPHABET[(BASE - total % BASE) % BASE]


def _format(payload: str) -> str:
    full = payload + check_character(payload)
    return f"{settings.CASE_NUMBER_PREFIX}-{full[:5]}-{full[5:]}"


def random_characters(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def typed_characters(text: str) -> str | None:
    """What a person typed, upper-cased, without spaces or dashes, with Crockford's folding
    (O is 0, I and L are 1); None when something outside the alphabet remains."""
    cleaned = re.sub(r"[\s\-\u2010-\u2015]", "", text or "").upper().translate(_FOLD)
    return cleaned if all(char in ALPHABET for char in cleaned) else None


def new_case_number() -> str:
    return _format(random_characters(DATA_LENGTH))


@dataclass(frozen=True)
class ParsedCaseNumber:
    """What a person typed, read as a case number."""

    canonical: str | None  # the well-formed number, when the check character agrees
    payload: str | None  # the nine data characters, when there were nine
    check_ok: bool


def parse_case_number(text: str) -> ParsedCaseNumber:
    """Read a typed case number, forgiving case, spaces, dashes and the prefix."""
    cleaned = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    prefix = settings.CASE_NUMBER_PREFIX.upper()
    if cleaned.startswith(prefix):
        cleaned = cleaned[len(prefix) :]
    cleaned = cleaned.translate(_FOLD)
    if any(char not in ALPHABET for char in cleaned):
        return ParsedCaseNumber(None, None, False)
    if len(cleaned) == DATA_LENGTH:
        return ParsedCaseNumber(None, cleaned, False)
    if len(cleaned) != DATA_LENGTH + 1:
        return ParsedCaseNumber(None, None, False)
    payload, check = cleaned[:DATA_LENGTH], cleaned[DATA_LENGTH]
    if check_character(payload) != check:
        return ParsedCaseNumber(None, payload, False)
    return ParsedCaseNumber(_format(payload), payload, True)


def is_valid_case_number(text: str) -> bool:
    return parse_case_number(text).check_ok
