"""The catalogs: every message the code marks is translated in every language, none is left over, placeholders and
plural forms survive translation, and the language of a run is the one asked for."""

from __future__ import annotations

import re
import threading
from functools import cache

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from components.i18n import (
    CATALOGS,
    TRANSLATED_LANGUAGES,
    _,
    catalog_path,
    current_language,
    language,
    ngettext,
    number_text,
    use_language,
)

from .samples import ROOT

MessageId = str | tuple[str, ...]
Key = tuple[str | None, str]  # (context, message): one English word with two uses is two messages


@cache
def code_messages() -> dict[Key, MessageId]:
    """Every message the code marks, extracted the way `pybabel extract` does with the project's mapping."""
    with (CATALOGS.parent / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    found: dict[Key, MessageId] = {}
    for filename, _line, message, _comments, context in extract_from_dir(ROOT, method_map, options_map):
        key = message if isinstance(message, str) else message[0]
        found[context, key] = message
        assert key, f"{filename}: an empty message"
    return found


@cache
def catalog(code: str) -> Catalog:
    with catalog_path(code).open("rb") as file:
        return read_po(file, locale=code)


def entries(code: str) -> dict[Key, Message]:
    return {(m.context, str(m.id if isinstance(m.id, str) else m.id[0])): m for m in catalog(code) if m.id}


def _forms(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


# A few messages of each layer, as Babel must find them (a wrong mapping file or a renamed folder would find none).
EXPECTED: list[MessageId] = [
    "Political prisoners held",  # ui: a headline
    ("{count} event", "{count} events"),  # ui: counted
    "Political prisoners held, Viasna (left axis)",  # view: a trace name
    "bar = period (month, year or span)",  # view: a legend key, marked with N_
    "Sources: {sources}",  # view: the story
    "Ignored unknown category in the link: {values}.",  # view: a link notice
    "{title}. Data as of {date}.",  # view: the citation line
    "Short label (optional)",  # ui: the add-event form
    ("Too many attempts; try again in {count} s.",) * 2,  # edit: counted
    "line {line}: write 'Destination: number', e.g. 'Lithuania: 9'",  # edit: the form's own problem
    "sentence-served",  # a fixed value, marked with N_
    "expected text, got {got}",  # data: a validator's template (pydantic fills {got})
    "unknown category '{value}'; did you mean '{close}'? (add it under '{section}')",  # data: cross_check
    ("'{value}' is not a real date: {month} {year} has {days} day",
     "'{value}' is not a real date: {month} {year} has {days} days"),  # data: counted
]  # fmt: skip


def test_babel_finds_the_words_of_every_layer() -> None:
    messages = {key: message for (_context, key), message in code_messages().items()}
    assert len(messages) > 300
    missing = [m for m in EXPECTED if (m if isinstance(m, str) else m[0]) not in messages]
    assert not missing
    assert all(messages[m[0]] == m for m in EXPECTED if isinstance(m, tuple)), "plurals keep both English forms"
    site = [key for key in messages if "%(" in key]
    assert site, "the static site's templates are extracted too"


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_every_message_in_the_code_has_a_translation(code: str) -> None:
    have = entries(code)
    missing = [key for key in code_messages() if key not in have or not all(_forms(have[key]))]
    fuzzy = [key for key, message in have.items() if message.fuzzy]
    assert not missing, f"{catalog_path(code)}: {len(missing)} messages without a translation, e.g. {missing[:5]}"
    assert not fuzzy, f"{catalog_path(code)}: fuzzy (unchecked) translations: {fuzzy[:5]}"


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_no_catalog_keeps_a_message_the_code_no_longer_uses(code: str) -> None:
    obsolete = sorted(set(entries(code)) - set(code_messages()))
    assert not obsolete, f"{catalog_path(code)}: messages the code no longer has: {obsolete[:5]}"
    assert not catalog(code).obsolete, f"{catalog_path(code)}: '#~' obsolete entries left"


# {name} for str.format, %(name)s for the templates, %{x} for Plotly's hover templates; markup that must stay paired.
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)s|%\{[^}]+\}|<[^>]+>|\*\*")


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_translations_keep_every_placeholder_and_markup(code: str) -> None:
    for (_context, key), message in entries(code).items():
        expected = sorted(PLACEHOLDER.findall(key))
        for form in _forms(message):
            got = sorted(PLACEHOLDER.findall(form))
            assert got == expected, f"{catalog_path(code)}: {key!r} -> {form!r}: {got} != {expected}"


ENGLISH_WORD = re.compile(r"[a-z]{3,}")
CYRILLIC = re.compile(r"[а-яёіўєїґ]", re.IGNORECASE)


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_translations_are_written_in_the_language_not_copied(code: str) -> None:
    for (_context, key), message in entries(code).items():
        words = ENGLISH_WORD.findall(PLACEHOLDER.sub(" ", key))
        if words:
            for form in _forms(message):
                assert CYRILLIC.search(form), f"{catalog_path(code)}: {key!r} is not translated: {form!r}"


@pytest.mark.parametrize(
    ("code", "counts"), [("be", (1, 3, 5, 21, 11)), ("ru", (1, 2, 5, 31, 12)), ("uk", (1, 4, 7, 101, 14))]
)
def test_counted_messages_take_the_language_s_three_forms(code: str, counts: tuple[int, ...]) -> None:
    # one: 1, 21, 31, 101; few: 2-4, 22-24; many: 0, 5-20, 11-14.
    assert catalog(code).num_plurals == 3
    with language(code):
        one, few, many, one_again, teen = (ngettext("{count} event", "{count} events", n) for n in counts)
    assert len({one, few, many}) == 3
    assert one == one_again and teen == many


def test_english_is_the_messages_themselves() -> None:
    with language("en"):
        assert _("Political prisoners held") == "Political prisoners held"
        assert ngettext("{count} event", "{count} events", 1) == "{count} event"
        assert number_text(1153) == "1,153"


def test_a_language_holds_for_its_block_and_its_thread_only() -> None:
    seen: list[str] = []
    with language("be"):
        assert current_language() == "be"
        assert _("Political prisoners held") != "Political prisoners held"
        worker = threading.Thread(target=lambda: seen.append(current_language()))
        worker.start()
        worker.join()
    assert current_language() == "en"
    assert seen == ["en"], "another reader's thread keeps its own language"


def test_an_unknown_language_writes_english() -> None:
    with language("xx"):
        assert current_language() == "en"
    use_language("en")


def test_a_builder_writes_in_the_language_it_is_given_on_any_thread() -> None:
    # A download is built by Streamlit later, on another thread: its citation is in the language it was asked for,
    # whatever the thread's own language, and the thread's language is as it was afterwards.
    from components.data.loader import load_file
    from components.view.files.export import citation

    from .samples import TIMELINE

    info = load_file(TIMELINE).data.info
    result: list[tuple[str, str]] = []

    def build() -> None:
        result.append((citation(info, "https://example.org", language="ru"), current_language()))

    worker = threading.Thread(target=build)
    worker.start()
    worker.join()
    with language("ru"):
        expected = _("{title}. Data as of {date}.").split("{title}")[1].split("{date}")[0]
    ((text, after),) = result
    assert expected in text and expected != ". Data as of " and "марта 2026" in text
    assert after == "en", "the builder leaves the thread's language as it found it"


def test_one_english_word_with_two_uses_is_translated_for_each() -> None:
    from components.i18n import language, pgettext

    contexts = {context for context, key in code_messages() if key == "Released"}
    assert contexts == {"date of release", "people released"}
    with language("ru"):
        assert pgettext("people released", "Released") == "Освобождены"  # the chart's legend: people
        assert pgettext("date of release", "Released") == "Освобождение"  # a person's field: the date
        assert pgettext("country people were sent to", "Destination") == "Страна"
    assert {key for context, key in code_messages() if context} >= {"Released", "Status", "Destination", "Source"}
