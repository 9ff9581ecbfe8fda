"""Search terms in the audit trail as keyed hashes: no name or A-number in clear, yet an auditor
can still test "was X searched?".

A term is normalised (accents, case, punctuation and spacing ignored), then HMAC-SHA256 is taken,
under ``AUDIT_SEARCH_HMAC_KEYS[0]``, of the whole term, of its digits alone when it is a number
(an A-number typed with or without its letter and dashes), and of each of its words. Without the
key the hashes cannot be tested against a list of names; with it, the lookup below recomputes the
same hashes for X under every key still listed (rotation: a new key first, old keys kept as long
as the events they hashed must stay searchable). Each event names its key by a short id.
"""

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings

MAX_WORDS = 20
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
# A number worth matching on its digits alone: an A-number has 8 or 9, a phone more.
_NUMBER_DIGITS = 7


def _keys() -> list[bytes]:
    configured = [key.encode() for key in settings.AUDIT_SEARCH_HMAC_KEYS if key]
    if configured:
        return configured
    # The embedded mode only (a deploy check asks for a key of its own): a key derived from,
    # and distinct from, the secret key.
    derived = hmac.new(settings.SECRET_KEY.encode(), b"mpp audit search terms", hashlib.sha256)
    return [derived.digest()]


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"mpp search key id:" + key).hexdigest()[:8]


def words(text) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALPHANUMERIC.sub(" ", plain).split()[:MAX_WORDS]


def _with_digits(text: str) -> set[str]:
    digits = "".join(c for c in text if c.isdigit())
    return {text, digits} if len(digits) >= _NUMBER_DIGITS else {text}


def _mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def hashed(text) -> dict | None:
    """What the trail keeps of a search term; None for a blank one."""
    found = words(text)
    if not found:
        return None
    key = _keys()[0]
    return {
        "key": _key_id(key),
        "whole": sorted(_mac(key, t) for t in _with_digits("".join(found))),
        "words": sorted({_mac(key, v) for word in found for v in _with_digits(word)}),
    }


def hashed_terms(values: dict) -> dict:
    """{field: hashed term} for the non-blank search-like values of a request."""
    terms = {}
    for field, value in values.items():
        text = " ".join(value) if isinstance(value, list | tuple) else value
        term = hashed(text)
        if term is not None:
            terms[field] = term
    return terms


class Probe:
    """One term an auditor asks about, hashed once under every listed key."""

    def __init__(self, text):
        self.words = words(text)
        self.whole = {}
        self.word_variants = {}
        for key in _keys():
            ident = _key_id(key)
            self.whole[ident] = {_mac(key, t) for t in _with_digits("".join(self.words))}
            self.word_variants[ident] = [
                {_mac(key, v) for v in _with_digits(word)} for word in self.words
            ]

    def matches_hashed(self, term: dict) -> bool:
        ident = term.get("key")
        if not self.words or ident not in self.whole:
            return False
        if self.whole[ident] & set(term.get("whole", [])):
            return True
        stored = set(term.get("words", []))
        return all(variants & stored for variants in self.word_variants[ident])

    def matches_clear(self, text) -> bool:
        """Events written before terms were hashed kept them in clear: match those too."""
        stored = words(text)
        if not (self.words and stored):
            return False
        if _with_digits("".join(self.words)) & _with_digits("".join(stored)):
            return True
        stored_variants = {v for word in stored for v in _with_digits(word)}
        return all(_with_digits(word) & stored_variants for word in self.words)

    def matches(self, detail: dict) -> bool:
        search = detail.get("search")
        if isinstance(search, dict) and any(
            self.matches_hashed(term) for term in search.values() if isinstance(term, dict)
        ):
            return True
        clear = detail.get("terms")
        if isinstance(clear, dict):  # an audit-log review before hashing: its query string
            clear = " ".join(" ".join(v) if isinstance(v, list) else str(v) for v in clear.values())
        return isinstance(clear, str) and self.matches_clear(clear)
