"""The loader reads valid files and reports every bad input with its line, field and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data.loader import load_bytes, load_file, load_text
from components.data.problems import DataError

from .samples import TIMELINE, VALID, YAML_SUITE, position_exists


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(DataError) as caught:
        if isinstance(text, bytes):
            load_bytes(text, "events.yaml")
        else:
            load_text(text, "events.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_file_with_every_kind_of_entry_loads_without_a_single_warning() -> None:
    # No false alarm from the consistency and source checks: releases, deaths, a count `before:` a release, ...
    loaded = load_file(TIMELINE)
    assert len(loaded.data.events) == 19 and loaded.data.events[0].id == "tsikhanouski-detained"
    assert [str(w) for w in loaded.warnings] == []


def test_small_valid_file_loads_with_text_kept_as_written() -> None:
    text = VALID.replace("title: An event", "title: no").replace("summary: Something happened.", "summary: 1.10")
    data = load_text(text, "events.yaml").data
    assert data.events[0].title == "no"
    assert data.events[0].summary == "1.10"
    assert data.prisoner_counts[0].count == 10
    assert str(data.prisoner_counts[0].date) == "2022-02"


BAD_INPUTS = [
    # (name, old line, new line, expected "line:column: path", expected message part)
    ("month 13", "    date: 2022-02-28", "    date: 2022-13-01", "20:11: events[0].date", "is not a date"),
    ("non-ISO date", "    date: 2022-02-28", "    date: 2024-1-9", "20:11: events[0].date", "'2024-01-09'"),
    (
        "impossible day",
        "    date: 2022-02-28",
        "    date: 2021-02-30",
        "20:11: events[0].date",
        "February 2021 has 28 days",
    ),
    (
        "misspelt field",
        "    summary: Something happened.",
        "    sumary: Something happened.",
        "23:5: events[0].sumary",
        "did you mean 'summary'",
    ),
    ("missing field", "    summary: Something happened.\n", "", "19:5: events[0]", "missing required field 'summary'"),
    (
        "unquoted colon",
        "    title: An event",
        "    title: Talks: round two",
        "21:17",
        "put the whole value in double quotes",
    ),
    ("tab indentation", "    title: An event", "\ttitle: An event", "21:1", "tab used for indentation"),
    (
        "javascript url",
        "    url: https://example.org/a",
        "    url: javascript:alert(1)",
        "16:10: sources.s1.url",
        "not an http(s) web address",
    ),
    (
        "url without scheme",
        "    url: https://example.org/a",
        "    url: example.org/a",
        "16:10: sources.s1.url",
        "https://",
    ),
    ("unknown category", "    category: war", "    category: wars", "22:15: events[0].category", "did you mean 'war'"),
    (
        "unknown source",
        "    sources: [s1]",
        "    sources: [s1, s2]",
        "24:19: events[0].sources[1]",
        "unknown source 's2'",
    ),
    ("unknown person", "    people: [p1]", "    people: [p2]", "25:14: events[0].people[0]", "unknown person 'p2'"),
    ("no sources", "    sources: [s1]", "    sources: []", "24:14: events[0].sources", "at least one"),
    (
        "end before date",
        "    date: 2022-02-28",
        "    date: 2022-02-28\n    end: 2022-01",
        "21:10: events[0].end",
        "before date",
    ),
    ("negative count", "    count: 10", "    count: -10", "28:12: prisoner_counts[0].count", "whole number"),
    (
        "count with comma",
        "    count: 10",
        "    count: 1,100",
        "28:12: prisoner_counts[0].count",
        "digits only (e.g. 1100)",
    ),
    (
        "released_to over released",
        "    people: [p1]",
        "    people: [p1]\n    released: 3\n    released_to: {Lithuania: 5}",
        "27:18: events[0].released_to",
        "more than released",
    ),
    (
        "bad status",
        "    category: war",
        "    category: war\n    status: confirmd",
        "23:13: events[0].status",
        "confirmed, reported, disputed",
    ),
    (
        "duplicate key",
        "    title: An event",
        "    title: An event\n    title: Again",
        "22:5: events[0].title",
        "duplicate key 'title' (first at line 21)",
    ),
    (
        "duplicate event id",
        "prisoner_counts:",
        "  - {id: e1, date: 2022, title: T, category: war, summary: S, sources: [s1]}\nprisoner_counts:",
        "26:10: events[1].id",
        "used twice",
    ),
    ("bad id", "  - id: e1", "  - id: Event One", "19:9: events[0].id", "'event-one'"),
    ("python tag", "    title: An event", "    title: !!python/object:os.system x", "21:12: events[0].title", "tag"),
    ("anchor", "    title: An event", "    title: &t An event", "21:12: events[0].title", "anchor '&t'"),
    ("alias", "    summary: Something happened.", "    summary: *t", "23:14: events[0].summary", "alias"),
    ("second document", "prisoner_counts:", "---\nprisoner_counts:", "26:1", "second YAML document"),
    (
        "approximate yes",
        "    source: s1\n",
        "    source: s1\n    approximate: yes\n",
        "30:18: prisoner_counts[0].approximate",
        "true or false",
    ),
    ("line separator", "    title: An event", "    title: An\u2028event", "21:14", "U+2028"),
    ("NUL byte", "    title: An event", "    title: An\x00event", "21:14", "U+0000"),
    (
        "escaped lone surrogate",
        "    title: An event",
        '    title: "An \\ud800 event"',
        "21:18",
        "invalid Unicode character escape",
    ),
    (
        "list instead of text",
        "    title: An event",
        "    title: [a, b]",
        "21:12: events[0].title",
        "expected text, got a list",
    ),
    ("empty title", "    title: An event", "    title:", "21:11: events[0].title", "the value is empty"),
    ("bad colour", "    label: War", "    label: War\n    color: red", "7:12: categories[0].color", "#rrggbb"),
    (
        "person released before detained",
        "    role: Blogger",
        "    role: Blogger\n    detained: 2021\n    released: 2020\n    sources: [s1]",
        "13:15: people[0].released",
        "before detained",
    ),
    (
        "person dates without source",
        "    role: Blogger",
        "    role: Blogger\n    detained: 2021",
        "8:5: people[0]",
        "give `sources`",
    ),
    ("unclosed quote", "    title: An event", '    title: "An event', "", "not valid YAML"),
    (
        "wrong indentation",
        "    summary: Something happened.",
        "      summary: Something happened.",
        "23:",
        "not valid YAML",
    ),
    ("top-level list", None, "- a\n- b\n", "1:1", "must be a mapping"),
    ("empty file", None, "", "1:1", "the file is empty"),
    ("comment-only file", None, "# nothing here\n", "1:1", "the file is empty"),
    ("deep nesting", None, "title: " + "[" * 50 + "]" * 50 + "\n", "1:", "nested more than 16 levels"),
]


@pytest.mark.parametrize(("name", "old", "new", "where", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_reported_with_line_field_and_hint(
    name: str, old: str | None, new: str, where: str, message: str
) -> None:
    if old is None:
        text = new
    else:
        assert old in VALID, f"test case {name!r} does not match the template"
        text = VALID.replace(old, new, 1)
    problems = problems_of(text)
    assert any(p.startswith(f"events.yaml:{where}") and message in p for p in problems), problems


def test_every_problem_is_reported_in_one_run() -> None:
    text = VALID.replace("    date: 2022-02-28", "    date: 2022-13-01").replace("    count: 10", "    count: ten")
    text = text.replace("    url: https://example.org/a", "    url: ftp://example.org/a")
    problems = problems_of(text)
    assert [p.split(":")[1] for p in problems] == ["16", "20", "28"]


def test_non_utf8_bytes_are_located() -> None:
    data = VALID.encode().replace(b"An event", b"An \xff event")
    assert problems_of(data) == ["events.yaml:21:15: byte 0xff is not UTF-8; save the file as UTF-8"]


def test_bom_and_windows_line_endings_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode()
    assert load_bytes(data, "events.yaml").data.events[0].title == "An event"


def test_windows_line_endings_keep_editor_line_numbers() -> None:
    data = VALID.replace("    date: 2022-02-28", "    date: 2022-13-01").replace("\n", "\r\n").encode()
    assert problems_of(data)[0].startswith("events.yaml:20:11: events[0].date")


def test_comment_cutting_a_value_short_is_a_warning() -> None:
    loaded = load_text(VALID.replace("    title: An event", "    title: Protest #2"), "events.yaml")
    assert loaded.data.events[0].title == "Protest"
    assert any("21:20" in str(w) and "' #'" in str(w) for w in loaded.warnings)


def test_translations_load_per_language_beside_the_english() -> None:
    text = VALID.replace(
        "    title: An event",
        "    title: An event\n    title_i18n: {be: Падзея, ru: Событие}\n    summary_i18n:\n      uk: Щось сталося.",
    )
    event = load_text(text, "events.yaml").data.events[0]
    assert (event.title, event.title_i18n, event.summary_i18n) == (
        "An event", {"be": "Падзея", "ru": "Событие"}, {"uk": "Щось сталося."}
    )  # fmt: skip


def test_a_bad_translation_is_located_and_says_what_to_write() -> None:
    text = VALID.replace("title: Test timeline", "title: Test timeline\ntitle_i18n:\n  de: Zeitleiste\n  ru: ''", 1)
    assert problems_of(text) == [
        "events.yaml:3:3: title_i18n.de: 'de' is not a language this page is translated into; use one of: be, ru, uk",
        "events.yaml:4:7: title_i18n.ru: is empty; write a value or remove the field",
    ]
    listed = VALID.replace("title: Test timeline", "title: Test timeline\ntitle_i18n: [be]", 1)
    assert problems_of(listed) == [
        "events.yaml:2:13: title_i18n: expected a mapping, e.g. {be: ..., ru: ..., uk: ...}, got a list"
    ]


def test_a_comment_cutting_a_translation_short_is_a_warning() -> None:
    text = VALID.replace("title: Test timeline", "title: Test timeline\ntitle_i18n:\n  be: Акцыя #2", 1)
    loaded = load_text(text, "events.yaml")
    assert loaded.data.title_i18n == {"be": "Акцыя"}
    assert any(str(w).startswith("events.yaml:3:13: title_i18n.be: warning:") for w in loaded.warnings)


def test_billion_laughs_is_refused_at_once() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    problems = problems_of("\n".join(lines) + "\n")
    assert problems[0].startswith("events.yaml:1:5: a0: anchor '&a0' is not allowed")


def test_size_limit_gives_a_clear_message(write_data, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_data(VALID)
    monkeypatch.setenv("EVENTS_MAX_BYTES", "100")
    with pytest.raises(DataError) as caught:
        load_file(path)
    assert "over the limit of 100" in str(caught.value) and "EVENTS_MAX_BYTES" in str(caught.value)


def test_deep_nesting_of_a_hundred_thousand_levels_is_a_message_not_a_crash() -> None:
    problems = problems_of("title: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "nested more than 16 levels" in problems[0]


SUITE_FILES = sorted(YAML_SUITE.glob("*.yaml"))


def test_yaml_test_suite_is_in_the_repository_with_its_licence() -> None:
    assert len(SUITE_FILES) == 402
    assert "MIT License" in (YAML_SUITE / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SUITE_FILES, ids=[p.name for p in SUITE_FILES])
def test_yaml_test_suite_file_gets_problems_at_places_that_exist_in_it(path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_file(path)
    assert caught.value.problems
    for problem in caught.value.problems:
        assert problem.file == str(path) and problem.message
        assert position_exists(path, problem.line, problem.column), problem
