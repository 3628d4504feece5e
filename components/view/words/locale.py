"""The reader's language: which one a link or a browser asks for, and dates and numbers written the way it writes
them (Babel's copy of the Unicode CLDR, not hand-made month tables)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from ...data.fuzzy_dates import FuzzyDate
from ...i18n import DEFAULT_LANGUAGE, LANGUAGES
from .text import escape_markdown

MAX_SHOWN = 40  # characters of an unknown `?lang=` value repeated in the notice


@dataclass(frozen=True)
class LanguageChoice:
    """The language to show, and what to tell the reader when the link asked for one the page does not speak."""

    code: str
    notice: str | None = None


def choose_language(requested: str | None, browser: str | None = None) -> LanguageChoice:
    """`?lang=` when the link names one, else the browser's language when the page speaks it, else English."""
    if requested is not None:
        code = requested.strip().lower()
        if code in LANGUAGES:
            return LanguageChoice(code)
        # The link's own text is shown literally (escaped, and cut: a link is anyone's to write).
        value = escape_markdown(f"lang={requested[:MAX_SHOWN]}")
        # In English, as the page it opens (the notice goes once the reader picks a language).
        notice = f"'{value}' in the link is not a language this page speaks, so it is in English; use one of: "
        return LanguageChoice(DEFAULT_LANGUAGE, notice + ", ".join(LANGUAGES) + ".")
    if browser:
        try:
            language = Locale.parse(browser.replace("-", "_")).language
        except (ValueError, TypeError, UnknownLocaleError):
            language = None
        if language in LANGUAGES:
            return LanguageChoice(language)
    return LanguageChoice(DEFAULT_LANGUAGE)


@functools.cache
def _year_suffix(language: str) -> str:
    # How the language writes a bare year: CLDR's long date ends 'y' in English, "y 'г'." in Russian and
    # Belarusian, "y 'р'." in Ukrainian; the same ending follows a year on its own ("2022 г.").
    pattern: str = Locale.parse(language).date_formats["long"].pattern
    return pattern[pattern.rindex("y") + 1 :]


def date_label(date: FuzzyDate, language: str) -> str:
    """A date at its precision: '19 сакавіка 2026' (day, month in the genitive), 'люты 2022' (month, nominative),
    '2022 г.' (year); '19 March 2026', 'February 2022', '2022' in English. The one writer of a date for readers."""
    if date.month is None:
        return format_date(dt.date(date.year, 1, 1), f"y{_year_suffix(language)}", locale=language)
    if date.day is None:
        return format_date(dt.date(date.year, date.month, 1), "LLLL y", locale=language)  # L: stand-alone form
    return format_date(dt.date(date.year, date.month, date.day), "d MMMM y", locale=language)
