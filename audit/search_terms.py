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
# Until 2026-12-02 a term kept only the letters a-z and digits 0-9: a name typed in Cyrillic,
# Greek or Arabic script had no words, so its search was not recorded at all, and "Bjørn"
# became "bj rn". Terms now keep every letter and digit; a probe still tries the old reading,
# so the events hashed before stay findable.
_LEGACY_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
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


def _plain(text) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text) -> list[str]:
    """The term's words: letters and digits of any script, accents and case ignored."""
    return "".join(c if c.isalnum() else " " for c in _plain(text)).split()[:MAX_WORDS]


def _legacy_words(text) -> list[str]:
    return _LEGACY_NOT_ALPHANUMERIC.sub(" ", _plain(text)).split()[:MAX_WORDS]


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
    """One term an auditor asks about, hashed once under every listed key, as the trail reads
    terms now and as it read them before (``_LEGACY_NOT_ALPHANUMERIC``)."""

    def __init__(self, text):
        # (how a term is read, what this one reads as), each distinct reading once
        self.readings = []
        for read in (words, _legacy_words):
            found = read(text)
            if found and found not in [reading for _read, reading in self.readings]:
                self.readings.append((read, found))
        self.hashed = {
            _key_id(key): [
                (
                    {_mac(key, t) for t in _with_digits("".join(reading))},
                    [{_mac(key, v) for v in _with_digits(word)} for word in reading],
                )
                for _read, reading in self.readings
            ]
            for key in _keys()
        }

    def matches_hashed(self, term: dict) -> bool:
        whole_stored = set(term.get("whole", []))
        stored = set(term.get("words", []))
        return any(
            whole & whole_stored or all(variants & stored for variants in word_variants)
            for whole, word_variants in self.hashed.get(term.get("key"), [])
        )

    def matches_clear(self, text) -> bool:
        """Events written before terms were hashed kept them in clear: match those too."""
        for read, reading in self.readings:
            stored = read(text)
            if not stored:
                continue
            if _with_digits("".join(reading)) & _with_digits("".join(stored)):
                return True
            stored_variants = {v for word in stored for v in _with_digits(word)}
            if all(_with_digits(word) & stored_variants for word in reading):
                return True
        return False

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
