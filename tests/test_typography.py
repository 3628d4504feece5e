"""Typography of the Belarusian, Russian and Ukrainian texts: the catalogs' translations, the data's `*_i18n`
translations and the glossary's words; and the issue form through which readers report a translation.

The conventions (docs/languages.md, "Help with a translation"):
- the apostrophe inside a Belarusian or Ukrainian word is the typographic ’ (U+2019), not ' or ʼ;
- quotation marks are «…» („…“ inside them), never straight "…" or '…' around words;
- a dash between words is a spaced em dash " — " in all three languages (not a hyphen " - ", not a spaced en dash
  " – "); an unspaced en dash joins ranges ("2020–2026", "14–16", "%(first)s–%(last)s");
- a no-break space (U+00A0) keeps together what a line break must not split: "№ 15", a day and its month
  ("19 сакавіка"), a number's thousands ("6 700") and a number with an abbreviated unit ("{count} с.").
Left alone: placeholders, HTML markup, code in backticks, web addresses and literal values to type (the "#0072b2" a
YAML colour needs), which stay ASCII."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

from components.i18n import TRANSLATED_LANGUAGES, catalog_path

from .samples import ROOT

CYRILLIC = "А-Яа-яЁёІіЎўЄєЇїҐґ"
MONTHS = {
    "be": "студзеня лютага сакавіка красавіка мая чэрвеня ліпеня жніўня верасня кастрычніка лістапада снежня",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
}

# What stays ASCII and is not looked at for quotes and dashes.
MARKUP = re.compile(r"<[^>]+>")  # <a href="%(feed)s">, <b>
CODE = re.compile(r"`[^`]*`")
ADDRESS = re.compile(r"https?://\S+")
LITERAL = re.compile(r"\"[^\"\s{}]*[^\"\sA-Za-z{}][^\"\s{}]*\"")  # a value to type as it is: "#0072b2"

ASCII_APOSTROPHE = re.compile(rf"[{CYRILLIC}]['ʼ`´][{CYRILLIC}]")
STRAIGHT_OR_ENGLISH_QUOTE = re.compile(r"[\"“”]")
NESTED_QUOTES = re.compile(r"„[^„“]*“")  # „…“ inside «…» is right
SINGLE_QUOTES = re.compile(r"(?<![\w’])'[^'\n]+'(?!\w)")
HYPHEN_AS_DASH = re.compile(r"(?:^|\s)-(?:\s|$)")
SPACED_EN_DASH = re.compile(r"\s–\s")
NUMBER_SIGN = re.compile(r"№ ")  # № and its number: a no-break space
THOUSANDS = re.compile(r"(?<![\d,.])\d{1,3} \d{3}(?!\d)")
UNIT = re.compile(r"(?:\d|\}) (?:с|г|р|тыс|млн)(?=[.,;:)]|$)")


def day_and_month(code: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d)\d{{1,2}} (?:{'|'.join(MONTHS[code].split())})\b")


def problems(code: str, text: str) -> list[str]:
    """What is wrong with one translated text, by the conventions above."""
    found = []
    if code in ("be", "uk") and ASCII_APOSTROPHE.search(text):
        found.append("an ASCII apostrophe in a word: write ’ (U+2019)")
    prose = ADDRESS.sub(" ", CODE.sub(" ", MARKUP.sub(" ", text)))
    quotes = NESTED_QUOTES.sub(" ", LITERAL.sub(" ", prose))
    if STRAIGHT_OR_ENGLISH_QUOTE.search(quotes):
        found.append("straight or English double quotes: write «…»")
    if SINGLE_QUOTES.search(quotes):
        found.append("'…' around words: write «…»")
    if HYPHEN_AS_DASH.search(prose):
        found.append("a hyphen as a dash: write ' — '")
    if SPACED_EN_DASH.search(prose):
        found.append("a spaced en dash: write ' — ' between words, or an unspaced '–' in a range")
    for pattern, what in (
        (NUMBER_SIGN, "№ and its number"),
        (day_and_month(code), "a day and its month"),
        (THOUSANDS, "a number's thousands"),
        (UNIT, "a number and its unit"),
    ):
        if pattern.search(text):
            found.append(f"{what} split by a breaking space: use a no-break space (U+00A0)")
    return found


def catalog_texts(code: str) -> Iterator[tuple[str, str]]:
    """(where, translation) for every form of every message of a language's catalog."""
    with catalog_path(code).open("rb") as file:
        catalog = read_po(file, locale=code)
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        for index, form in enumerate(forms):
            where = f"{catalog_path(code).relative_to(ROOT)}: {english!r}" + (f" [{index}]" if len(forms) > 1 else "")
            yield where, form


def data_texts(code: str) -> Iterator[tuple[str, str]]:
    """(where, translation) for every `*_i18n` text of events.yaml in a language."""
    data = yaml.safe_load((ROOT / "events.yaml").read_text(encoding="utf-8"))

    def walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_i18n") and isinstance(value, dict):
                    if isinstance(value.get(code), str):
                        yield f"events.yaml {where}.{key}.{code}", value[code]
                else:
                    yield from walk(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                name = item.get("id", index) if isinstance(item, dict) else index
                yield from walk(item, f"{where}[{name}]")

    return walk(data, "")


def glossary_texts(code: str) -> Iterator[tuple[str, str]]:
    with (ROOT / "components" / "i18n" / "glossary.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            yield f"glossary.csv {row['en']!r}", row[code]


SOURCES: dict[str, Callable[[str], Iterator[tuple[str, str]]]] = {
    "catalog": catalog_texts,
    "data": data_texts,
    "glossary": glossary_texts,
}


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_the_translations_follow_the_language_s_typography(code: str, source: str) -> None:
    texts = list(SOURCES[source](code))
    assert texts, f"no {source} texts in {code}"
    wrong = [f"{where}: {problem}\n    {text!r}" for where, text in texts for problem in problems(code, text)]
    assert not wrong, f"{len(wrong)} typographic problems:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("code", "wrong", "right"),
    [
        ("be", "Соф'я Сапега", "Сафія Сапега"),
        ("uk", "В'ячеслав", "В’ячеслав"),
        ("ru", 'Теги (через запятую; "milestone")', "Теги (через запятую; «milestone»)"),
        ("ru", "элементы списков разделены '; '", "элементы списков разделены «; »"),
        ("be", "невядомая падзея '{id}'", "невядомая падзея «{id}»"),
        ("uk", "Дати: {start} – {end}", "Дати: {start} — {end}"),
        ("be", "Беларусь - храналогія", "Беларусь — храналогія"),
        ("ru", "колонии № 15", "колонии №\u00a015"),
        ("be", "у чацвер, 19 сакавіка 2026 года", "у чацвер, 19\u00a0сакавіка 2026 года"),
        ("uk", "понад 6 700 людей", "понад 6\u00a0700 людей"),
        ("ru", "повторите через {count} с.", "повторите через {count}\u00a0с."),
    ],
)
def test_each_rule_catches_its_wrong_form(code: str, wrong: str, right: str) -> None:
    assert problems(code, wrong), wrong
    assert not problems(code, right), right


@pytest.mark.parametrize(
    "text",
    [
        '«{value}» — не колер; пішыце ў фармаце #rrggbb (у двукоссі: "#0072b2")',  # a YAML value to type
        'таксама ў выглядзе <a href="%(feed)s">стужкі Atom</a>.',  # markup
        "радок {line}: «{name}:» — не спіс (радкі «- id: ...»)",  # a YAML line in an example
        "Беларусь 2020–2026; суабвінавачаныя атрымалі 14–16 гадоў; Падзеі %(first)s–%(last)s",  # ranges
        "выдаліце `released` (died_in_custody завяршае зняволенне)",  # a field name
        "поўную спасылку, якая пачынаецца з https://",
        "з 2020 года; 80,23% супраць 10,12%; 235 з іх",  # no day-month, no thousands
    ],
)
def test_what_stays_ascii_is_left_alone(text: str) -> None:
    assert not problems("be", text)


# The issue form readers use to report a translation, checked against the rules GitHub applies to issue forms
# (docs.github.com, "Syntax for issue forms" and "Common validation errors when creating issue forms").
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "translation.yml"
TOP_LEVEL = {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
ATTRIBUTES = {
    "markdown": {"value"},
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}


def text_value(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def test_the_translation_issue_form_follows_github_s_rules() -> None:
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    assert isinstance(form, dict)
    assert set(form) <= TOP_LEVEL, f"not permitted at the top level: {set(form) - TOP_LEVEL}"
    for key in ("name", "description"):
        assert text_value(form.get(key)), f"top-level {key} is required and must be a non-empty string"
    labels = form.get("labels", [])
    assert all(text_value(label) for label in (labels.split(",") if isinstance(labels, str) else labels))
    body = form.get("body")
    assert isinstance(body, list) and body, "body is required: a list of form elements"
    ids: list[str] = []
    field_labels: list[str] = []
    for index, item in enumerate(body):
        where = f"body[{index}]"
        assert isinstance(item, dict) and set(item) <= {"type", "id", "attributes", "validations"}, where
        kind = item.get("type")
        assert kind in TYPES, f"{where}: type {kind!r} is not one of {sorted(TYPES)}"
        attributes = item.get("attributes")
        assert isinstance(attributes, dict), f"{where}: attributes are required"
        assert set(attributes) <= ATTRIBUTES[kind], f"{where}: {set(attributes) - ATTRIBUTES[kind]} not permitted"
        if kind == "markdown":
            assert "id" not in item and "validations" not in item, f"{where}: markdown takes neither id nor validations"
            assert text_value(attributes.get("value")), f"{where}: markdown needs attributes.value"
            continue
        assert isinstance(item.get("id"), str) and re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), f"{where}: id"
        ids.append(item["id"])
        assert text_value(attributes.get("label")), f"{where}: attributes.label is required"
        field_labels.append(attributes["label"])
        validations = item.get("validations", {})
        assert isinstance(validations, dict) and set(validations) <= {"required"}, f"{where}: validations"
        assert isinstance(validations.get("required", False), bool), f"{where}: required is true or false"
        if kind in ("dropdown", "checkboxes"):
            options = attributes.get("options")
            assert isinstance(options, list) and options, f"{where}: options are required"
            names = [option if kind == "dropdown" else option.get("label") for option in options]
            assert all(text_value(name) for name in names), f"{where}: every option is a non-empty string"
            assert len(set(names)) == len(names), f"{where}: options must be unique"
            assert "none" not in {str(name).strip().lower() for name in names}, f"{where}: 'None' is reserved"
    assert ids, "the form needs at least one field besides markdown"
    assert len(set(ids)) == len(ids), "ids must be unique"
    assert len(set(field_labels)) == len(field_labels), "labels must be unique"


def test_the_translation_issue_form_asks_what_a_translator_needs() -> None:
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert [(item["type"], item["id"]) for item in fields.values()] == [
        ("dropdown", "language"), ("input", "where"), ("textarea", "current"), ("textarea", "suggested"),
        ("textarea", "why"),
    ]  # fmt: skip
    languages = fields["language"]["attributes"]["options"]
    assert [option.rsplit("(", 1)[-1].rstrip(")") for option in languages] == list(TRANSLATED_LANGUAGES)
    assert not fields["why"].get("validations", {}).get("required", False), "why is optional"
    assert all(fields[key]["validations"]["required"] for key in ("language", "where", "current", "suggested"))
