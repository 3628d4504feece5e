"""Search that ignores case, diacritics and script: 'Тихановский' finds 'Tikhanovsky'; and understands a date in
any of the page's languages ('13 December 2025', 'грудзень 2025', '2025-12')."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata

from anyascii import anyascii
from babel.dates import get_month_names

from ...i18n import LANGUAGES

_NON_WORD = re.compile(r"[^a-z0-9]+")


def search_key(text: str) -> str:
    """Fold text to lowercase ASCII words (transliterating Cyrillic and dropping accents)."""
    folded = anyascii(unicodedata.normalize("NFKC", text)).lower()
    return " " + _NON_WORD.sub(" ", folded).strip() + " "


def query_words(query: str) -> list[str]:
    """The folded words of a query; each must appear in a match."""
    return search_key(query).split()


@functools.cache
def _months() -> dict[str, int]:
    """Every month name the page's languages write, folded as a query is ('снежня' and 'снежань', 'Dec', 'грудня'),
    with its number (CLDR's wide and abbreviated, in-date and stand-alone forms)."""
    names: dict[str, int] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=language).items():
                    names.setdefault(search_key(name).strip(), number)
    return names


_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?\b")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _span(year: int, month: int, day: int | None) -> tuple[dt.date, dt.date] | None:
    try:
        if day is not None:
            return dt.date(year, month, day), dt.date(year, month, day)
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    except ValueError:  # 31 February: not a date, so not a date query
        return None


def date_query(query: str) -> tuple[tuple[dt.date, dt.date] | None, str]:
    """A date the query names ('13 December 2025', '2025-12-13', 'December 2025', 'грудзень 2025') as the days it
    covers, and the query without it; (None, query) when it names none. A month counts only beside a year."""
    iso = _ISO.search(query)
    if iso:
        written_day = iso.group(3)
        span = _span(int(iso.group(1)), int(iso.group(2)), int(written_day) if written_day else None)
        return (span, (query[: iso.start()] + " " + query[iso.end() :]).strip()) if span else (None, query)
    words, months = query_words(query), _months()
    for index, word in enumerate(words):
        named = months.get(word)
        after = words[index + 1 : index + 3]
        if named is None or not after:
            continue
        # 'December 2025', '13 December 2025', 'December 13 2025'
        before = words[index - 1] if index and words[index - 1].isdigit() and len(words[index - 1]) <= 2 else None
        day_after = after[0] if after[0].isdigit() and len(after[0]) <= 2 else None
        year_word = after[1] if day_after and len(after) > 1 else after[0]
        if not _YEAR.fullmatch(year_word):
            continue
        day = before or day_after
        span = _span(int(year_word), named, int(day) if day else None)
        if span is None:
            continue
        used = {index, index + 1 + (1 if day_after else 0)} | ({index - 1} if before else set()) | (
            {index + 1} if day_after else set())  # fmt: skip
        return span, " ".join(w for i, w in enumerate(words) if i not in used)
    return None, query
