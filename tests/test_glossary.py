"""The translators' glossary (components/i18n/glossary.csv): every term in all four languages, and every catalog message
and category label whose English uses a term uses the glossary's word for it in Belarusian, Russian and Ukrainian.

A word is found by its stems (the `stems` column: "be: палітвяз | ru: политзаключ | uk: політв’яз", alternatives
separated by commas), so that any inflection passes and any other word fails. Where an English term has another sense
in a phrase ("Destination not reported" is not the status "reported"), the `not_in` column lists the phrase
(separated by semicolons) and the check leaves it out."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

import pytest
import yaml
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from components.i18n import TRANSLATED_LANGUAGES, catalog_path

from .samples import ROOT

GLOSSARY = ROOT / "components" / "i18n" / "glossary.csv"
COLUMNS = ["en", *TRANSLATED_LANGUAGES, "note", "stems", "not_in"]
# The terms issue #22 asks for; the glossary may hold more.
REQUIRED = {
    "political prisoner", "release", "released", "freed", "pardon", "deportation", "sentence served", "exchange",
    "detained", "still held", "died in custody", "key event", "source", "archived copy", "count", "destination",
    "status", "confirmed", "reported", "disputed", "Viasna",
}  # fmt: skip


@dataclass(frozen=True)
class Term:
    en: str
    words: dict[str, str]  # language -> the chosen translation
    note: str
    stems: dict[str, tuple[str, ...]]  # language -> stems, any of which marks the word
    not_in: tuple[str, ...]  # English phrases where the term means something else

    @property
    def pattern(self) -> re.Pattern[str]:
        """The English term as a whole word or phrase, in the singular or plural ("sentence served" also matches
        the fixed value "sentence-served")."""
        words = r"[\s-]+".join(re.escape(word) for word in self.en.split())
        return re.compile(rf"(?<![\w-]){words}(?:e?s)?(?!\w)", re.IGNORECASE)

    def used_in(self, english: str) -> bool:
        for phrase in self.not_in:
            english = re.sub(re.escape(phrase), " ", english, flags=re.IGNORECASE)
        return bool(self.pattern.search(english))

    def found_in(self, code: str, text: str) -> bool:
        folded = text.casefold()
        return any(stem.casefold() in folded for stem in self.stems[code])


def parse_stems(text: str) -> dict[str, tuple[str, ...]]:
    stems: dict[str, tuple[str, ...]] = {}
    for part in text.split("|"):
        code, _, words = part.partition(":")
        stems[code.strip()] = tuple(word.strip() for word in words.split(",") if word.strip())
    return stems


@cache
def rows() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames == COLUMNS, f"{GLOSSARY}: the columns are {COLUMNS}"
        return list(reader)


@cache
def glossary() -> list[Term]:
    return [
        Term(
            en=row["en"].strip(),
            words={code: row[code].strip() for code in TRANSLATED_LANGUAGES},
            note=row["note"].strip(),
            stems=parse_stems(row["stems"]),
            not_in=tuple(phrase.strip() for phrase in row["not_in"].split(";") if phrase.strip()),
        )
        for row in rows()
    ]


# What the English says, without what is not English words: a field named with its value ("released: {released}"),
# code in backticks, placeholders and markup, identifiers (died_in_custody), file names (events.yaml) and quoted keys to
# type ('source-id:').
FIELD_WITH_ITS_VALUE = re.compile(r"\b([a-z_]+):? \{\1\}")
CODE = re.compile(r"`[^`]*`")
PLACEHOLDER_OR_MARKUP = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)s|%\{[^}]+\}|<[^>]+>")
IDENTIFIER = re.compile(r"\b\w+_\w+\b")
FILE_NAME = re.compile(r"\b[\w-]+\.(?:yaml|json|csv|xlsx|zip)\b")
QUOTED_KEY = re.compile(r"'[^'\s]+'")


def english_words(message: str) -> str:
    for pattern in (FIELD_WITH_ITS_VALUE, CODE, PLACEHOLDER_OR_MARKUP, IDENTIFIER, FILE_NAME, QUOTED_KEY):
        message = pattern.sub(" ", message)
    return message


@cache
def catalog_messages(code: str) -> list[tuple[str, list[str]]]:
    """(English, its translated forms) for every message of a language's catalog."""
    with catalog_path(code).open("rb") as file:
        catalog = read_po(file, locale=code)
    found = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else " / ".join(message.id)
        found.append((english, _forms(message)))
    return found


def _forms(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


@cache
def category_labels() -> list[tuple[str, dict[str, str]]]:
    data = yaml.safe_load((ROOT / "events.yaml").read_text(encoding="utf-8"))
    return [(category["label"], category.get("label_i18n") or {}) for category in data["categories"]]


def misused(term: Term, code: str, english: str, translations: list[str]) -> list[str]:
    """The translations of one English text that do not use the term's word, when the English uses the term."""
    if not term.used_in(english_words(english)):
        return []
    return [text for text in translations if not term.found_in(code, text)]


def test_every_row_has_all_four_languages_and_a_note() -> None:
    assert len(rows()) >= len(REQUIRED)
    for row in rows():
        empty = [column for column in ("en", *TRANSLATED_LANGUAGES, "note", "stems") if not row[column].strip()]
        assert not empty, f"{GLOSSARY}: {row['en']!r} has no {', '.join(empty)}"
    english = [term.en.casefold() for term in glossary()]
    assert len(english) == len(set(english)), "a term appears twice"


def test_the_glossary_holds_the_project_s_terms() -> None:
    missing = REQUIRED - {term.en for term in glossary()}
    assert not missing, f"{GLOSSARY}: no row for {sorted(missing)}"


@pytest.mark.parametrize("term", glossary(), ids=lambda term: term.en)
def test_each_term_has_stems_that_its_own_translations_contain(term: Term) -> None:
    assert set(term.stems) == set(TRANSLATED_LANGUAGES), f"{term.en}: stems for be, ru and uk"
    for code in TRANSLATED_LANGUAGES:
        assert term.stems[code], f"{term.en}: no {code} stem"
        assert term.found_in(code, term.words[code]), f"{term.en}: {code} {term.words[code]!r} has none of its stems"


@pytest.mark.parametrize("term", glossary(), ids=lambda term: term.en)
def test_each_term_is_one_the_page_uses(term: Term) -> None:
    english = [english_words(message) for message, _ in catalog_messages("be")] + [e for e, _ in category_labels()]
    assert any(term.used_in(text) for text in english), f"{term.en}: no catalog message or category label uses it"


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_every_catalog_message_uses_the_glossary_s_words(code: str) -> None:
    wrong = [
        f"{term.en!r} ({', '.join(term.stems[code])}): {english!r} -> {text!r}"
        for term in glossary()
        for english, translations in catalog_messages(code)
        for text in misused(term, code, english, translations)
    ]
    assert not wrong, f"{catalog_path(code)}: {len(wrong)} translations use another word:\n" + "\n".join(wrong)


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_the_data_s_category_labels_use_the_glossary_s_words(code: str) -> None:
    wrong = [
        f"{term.en!r}: {english!r} -> {labels.get(code)!r}"
        for term in glossary()
        for english, labels in category_labels()
        for _ in misused(term, code, english, [labels.get(code, "")])
    ]
    assert not wrong, "events.yaml label_i18n:\n" + "\n".join(wrong)


def test_the_check_fails_on_another_word_and_ignores_what_is_not_the_term() -> None:
    terms = {term.en: term for term in glossary()}
    freed, reported, released = terms["freed"], terms["reported"], terms["released"]
    assert misused(freed, "ru", "People freed", ["Отпущено"]) == ["Отпущено"]
    assert misused(freed, "be", "%(count)s people freed", ["%(count)s чалавек вызвалены"]) == []
    assert misused(terms["destination"], "ru", "Destination", ["Направление"]) == ["Направление"]
    assert misused(terms["political prisoner"], "uk", "Political prisoners", ["В’язні сумління"])
    assert misused(reported, "ru", "Destination not reported", ["Страна не указана"]) == [], "another sense"
    assert misused(released, "ru", "remove `released`", ["удалите `released`"]) == [], "a field name"
    assert misused(released, "ru", "more than released: {released}", ["больше, чем released: {released}"]) == []
    assert misused(terms["release"], "uk", "{count} released", ["{count}"]) == [], "'released' is its own term"
    assert misused(terms["sentence served"], "uk", "sentence-served", ["відбуття терміну"])
