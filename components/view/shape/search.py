"""Search that ignores case, diacritics and script: 'Тихановский' finds 'Tikhanovsky'."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9]+")


def search_key(text: str) -> str:
    """Fold text to lowercase ASCII words (transliterating Cyrillic and dropping accents)."""
    folded = anyascii(unicodedata.normalize("NFKC", text)).lower()
    return " " + _NON_WORD.sub(" ", folded).strip() + " "


def query_words(query: str) -> list[str]:
    """The folded words of a query; each must appear in a match."""
    return search_key(query).split()
