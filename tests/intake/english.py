"""Finding English on a page or in a message that should be in another language.

A text is English when it is one of the catalogue's English msgids that has a different
translation in the page's language (so "Honduras" or "MPP", the same in both, never count), or
when it reads as English by its small words ("the", "your", "please", ...). Text inside an
element marked with another language (the language switcher's "English") is not the page's.
"""

import re
from html.parser import HTMLParser

from django.utils import translation
from django.utils.translation import trans_real

# Words that appear in no Spanish, Haitian Creole or Portuguese sentence.
ENGLISH_WORDS = {"the", "your", "please", "you", "with", "this", "choose", "enter"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{?\s*\w+\s*\}?\}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "label", "value"}
# data-* attributes hold the script's texts, except these markers for tests and styles.
MARKERS = {"data-stage"}


def _fragments(msgid: str) -> list[str]:
    """The literal parts of a msgid around its placeholders, long enough to mean something."""
    return [part.strip(" .,:;") for part in PLACEHOLDER.split(msgid) if len(part.strip()) >= 12]


class Needles:
    """The English strings a page in ``language`` must not show."""

    def __init__(self, language):
        catalogue = trans_real.translation(language)._catalog
        self.exact, self.phrases = set(), set()
        for key, translated in catalogue.items():
            msgid = key[0] if isinstance(key, tuple) else key
            if not msgid or not translated or translated == msgid:
                continue
            text = " ".join(msgid.split())
            if PLACEHOLDER.search(text):
                self.phrases.update(_fragments(text))
            elif len(text.split()) >= 3:
                self.phrases.add(text)
            elif len(text) > 2:
                self.exact.add(text)
        self.pattern = re.compile(
            "|".join(re.escape(p) for p in sorted(self.phrases, key=len, reverse=True))
        )

    def in_text(self, text: str) -> list[str]:
        text = " ".join(text.split())
        if not text:
            return []
        found = []
        if text.strip(" .:;") in self.exact:
            found.append(text)
        found += [match.group(0) for match in self.pattern.finditer(text)]
        words = set(re.findall(r"[a-z]+", text.lower()))
        if words & ENGLISH_WORDS:
            found.append(text)
        return found


class _Texts(HTMLParser):
    """Every text node and shown attribute of a page, with the language it is in."""

    def __init__(self, page_language):
        super().__init__(convert_charrefs=True)
        self.stack = [(None, page_language, False)]
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        _tag, language, skipped = self.stack[-1]
        language = attrs.get("lang", language)
        skipped = skipped or tag in ("script", "style")
        if not skipped:
            for name, value in attrs.items():
                shown = name in SHOWN_ATTRIBUTES or (
                    name.startswith("data-") and name not in MARKERS
                )
                if shown and value and not (name == "value" and tag != "button"):
                    self.texts.append((language, value))
        if tag not in VOID:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        _tag, language, skipped = self.stack[-1]
        if not skipped and data.strip():
            self.texts.append((language, data))


def english_in_html(html: str, language: str, needles: Needles) -> list[str]:
    parser = _Texts(language)
    parser.feed(html)
    return [
        found
        for text_language, text in parser.texts
        if translation.to_language(text_language or language) == language
        for found in needles.in_text(text)
    ]


def english_in_text(text: str, needles: Needles) -> list[str]:
    return [found for line in text.splitlines() for found in needles.in_text(line)]
