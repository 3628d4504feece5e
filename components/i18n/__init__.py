"""Words the page writes, in the reader's language.

Messages are marked in the code with `_` (translate now), `N_` (mark a constant, translate where it is shown) and
`ngettext` (counted: one, few, many); Babel extracts them (`babel.cfg`) and the `.po` catalogs under `locales/`
hold the translations, read once per process. The UI's language is a context variable it sets at the start of each
run; every builder below (figures, tables, text alternatives, the story, downloads) takes its language as an
argument (`@speaks`), which is the language of the messages it writes while it runs.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from pathlib import Path
from typing import ParamSpec, TypeVar

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"  # the language the messages are written in
TRANSLATED_LANGUAGES = ("be", "ru", "uk")  # Belarusian, Russian, Ukrainian
LANGUAGES = (DEFAULT_LANGUAGE, *TRANSLATED_LANGUAGES)
LANGUAGE_NAMES = {"en": "English", "be": "Беларуская", "ru": "Русский", "uk": "Українська"}  # each in itself
CATALOGS = Path(__file__).with_name("locales")

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)
T = TypeVar("T")
P = ParamSpec("P")


def catalog_path(language: str) -> Path:
    """Where a language's catalog lives."""
    return CATALOGS / language / "LC_MESSAGES" / "messages.po"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """A language's catalog, read from its `.po` file once per process (English: the messages themselves)."""
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with catalog_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    # Compiled in memory rather than committed as .mo: the .po stays the one copy that translators edit.
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def use_language(language: str) -> None:
    """Make `language` the language of everything written from now on in this run (thread or task)."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Write in `code` inside the block, then go back to the language before it."""
    token = _language.set(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


def speaks(function: Callable[P, T]) -> Callable[P, T]:
    """A builder whose words are in the language its caller names: its `language=` argument (required) is the
    language of every message, number and date written while it runs, on whatever thread or run calls it."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        with language(str(kwargs["language"])):
            return function(*args, **kwargs)

    return call


def current_language() -> str:
    """The language of the current run (the UI's: builders are given theirs)."""
    return _language.get()


def _(message: str) -> str:
    """`message` in the current language (itself when the catalog has no translation)."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message that `count` takes in the current language (three forms in be, ru, uk)."""
    return translations(_language.get()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language as used in `context`: one English word with two uses ("Released": a
    person's date of release, or the released people in a chart's legend) gets a translation for each."""
    return translations(_language.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a constant for translation without translating it: `_` it where it is shown."""
    return message


def number_text(value: float) -> str:
    """A number grouped as the current language groups it: '1,153' in English, '1 153' in Belarusian."""
    return str(format_decimal(value, locale=_language.get()))
