"""Writing entries into events.yaml text: new lines only, the rest byte for byte, values read back exactly."""

from __future__ import annotations

import difflib

import pytest

from components.data.loader import load_text
from components.data.yaml_reader import read_yaml
from components.edit.yaml_writer import InsertError, entry_yaml, insert_entries, source_yaml

from .samples import TIMELINE, VALID

SOURCE = "belsat-2026-03-19-250-freed"  # a source, person and category of tests/data/timeline.yaml
EVENT = {
    "id": "writer-test-event",
    "date": "2026-03-19",
    "title": "Talks: round two #2",
    "category": "diplomacy",
    "summary": "Something happened.",
    "people": ["john-coale"],
    "released": 12,
    "released_to": {"Lithuania": 9},
    "sources": [SOURCE],
    "note": None,
    "tags": [],
}
PERSON = {"id": "writer-test-person", "name": "Ян Новы", "aliases": ["Jan Novy", "no"], "role": "Witness"}
NEW_SOURCE = {
    "title": "A headline: with a colon",
    "publisher": "Pub",
    "url": "https://example.org/x?a=1#b",
    "published": "2026-03",
}
SMALL_EVENT = {"id": "e2", "date": "2023", "title": "Another", "category": "war", "summary": "S.", "sources": ["s1"]}


def inserted_lines(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any line of `old` was changed or removed."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added: list[str] = []
    kept: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old_lines[i1:i2], new_lines[j1:j2])
        (kept if tag == "equal" else added).extend(new_lines[j1:j2])
    assert "".join(kept) == old
    return added


@pytest.fixture(scope="module")
def timeline() -> str:
    """A file as people write it: comments, quoted and flow values, a blank line between events, none between people."""
    return TIMELINE.read_text(encoding="utf-8")


def test_inserting_an_event_into_a_written_file_adds_lines_only(timeline: str) -> None:
    new = insert_entries(timeline, events=[EVENT])
    added = inserted_lines(timeline, new)
    # The events are separated by blank lines, so the new one is too; the section still ends in one.
    assert added.count("\n") == 1 and "  - id: writer-test-event\n" in added
    assert "    sources: [belsat-2026-03-19-250-freed]\n\n  - id: writer-test-event\n" in new
    assert "\n\nprisoner_counts:\n" in new
    data = load_text(new, "events.yaml").data
    assert data.events[-1].id == "writer-test-event"
    assert data.events[-1].title == "Talks: round two #2"
    assert data.events[-1].released_to == {"Lithuania": 9}
    assert len(data.events) == 19 + 1


def test_inserting_a_person_and_a_source_into_a_written_file_adds_lines_only(timeline: str) -> None:
    new = insert_entries(timeline, people=[PERSON], sources={"writer-test-source": NEW_SOURCE})
    added = inserted_lines(timeline, new)
    assert added == [
        "  - id: writer-test-person\n",
        '    name: "Ян Новы"\n',
        '    aliases: ["Jan Novy", "no"]\n',
        '    role: "Witness"\n',
        "  writer-test-source:\n",
        '    title: "A headline: with a colon"\n',
        '    publisher: "Pub"\n',
        '    url: "https://example.org/x?a=1#b"\n',
        "    published: 2026-03\n",
    ]
    data = load_text(new, "events.yaml").data
    assert data.people[-1].aliases == ["Jan Novy", "no"]
    assert list(data.sources)[-1] == "writer-test-source"
    assert data.sources["writer-test-source"].url == "https://example.org/x?a=1#b"


def test_all_three_sections_at_once_keep_every_other_line(timeline: str) -> None:
    events = [EVENT, {**EVENT, "id": "writer-test-event-2"}]
    new = insert_entries(timeline, events=events, people=[PERSON], sources={"writer-test-source": NEW_SOURCE})
    inserted_lines(timeline, new)
    data = load_text(new, "events.yaml").data
    assert [event.id for event in data.events[-2:]] == ["writer-test-event", "writer-test-event-2"]


TRICKY = [
    "no",
    "yes",
    "null",
    "~",
    "true",
    "12:30",
    "1.10",
    "0x1f",
    "1e3",
    "2024",
    "a: b",
    "x #y",
    "#start",
    '"quoted"',
    "'single'",
    "back\\slash",
    "-lead",
    "[not a list]",
    "{not: map}",
    "&anchor",
    "*alias",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "|",
    ">",
    "? question",
    " spaces around ",
    "two\nlines",
    "tab\there",
    "Тихановский",
    "Cichanoŭski",
    "emoji 🎉🇧🇾",
]


@pytest.mark.parametrize("value", TRICKY)
def test_text_reads_back_exactly(value: str) -> None:
    person = {"id": "p2", "name": value, "aliases": [value, "plain"], "role": value, "note": value}
    new = insert_entries(VALID, people=[person])
    inserted_lines(VALID, new)
    tree = read_yaml(new, "f").tree
    assert isinstance(tree, dict)
    assert tree["people"][-1] == {"id": "p2", "name": value, "aliases": [value, "plain"], "role": value, "note": value}


@pytest.mark.parametrize("value", ["no", "on", "null", "y", "12", "0x1f", "1e3", "1e-3", "a b", "Upper"])
def test_values_that_yaml_could_retype_are_quoted_even_in_id_fields(value: str) -> None:
    assert entry_yaml({"tags": [value]}, 0) == f'- tags: ["{value}"]\n'


def test_ids_dates_counts_and_flags_are_plain() -> None:
    text = entry_yaml(
        {"id": "a-1", "date": "2022-02", "released": 7, "approximate": True, "people": ["p-1", "24chasa-x"]}, 2
    )
    assert text == (
        "  - id: a-1\n    date: 2022-02\n    released: 7\n    approximate: true\n    people: [p-1, 24chasa-x]\n"
    )


def test_empty_values_are_left_out_and_order_is_kept() -> None:
    text = entry_yaml({"summary": "S", "id": "e", "note": None, "tags": [], "title": "", "released_to": {}}, 0)
    assert text == '- summary: "S"\n  id: e\n'


def test_source_yaml_writes_a_mapping_entry() -> None:
    text = source_yaml("s-2", {"title": "T", "published": "2020-01-02", "note": None}, 2, "\r\n")
    assert text == '  s-2:\r\n    title: "T"\r\n    published: 2020-01-02\r\n'


def test_crlf_file_stays_crlf() -> None:
    old = VALID.replace("\n", "\r\n")
    new = insert_entries(old, events=[SMALL_EVENT], people=[{**PERSON, "id": "p2"}], sources={"s2": NEW_SOURCE})
    inserted_lines(old, new)
    assert "\n" not in new.replace("\r\n", "")
    assert [event.id for event in load_text(new, "f").data.events] == ["e1", "e2"]


def test_missing_section_is_added_at_the_end() -> None:
    old = VALID.replace("people:\n  - id: p1\n    name: Siarhei Tsikhanouski\n", "")
    old = old.replace("    aliases: [Tikhanovsky, Cichanoŭski, Тихановский]\n    role: Blogger\n", "")
    old = old.replace("    people: [p1]\n", "")
    assert "people:" not in old
    new = insert_entries(old, people=[PERSON])
    assert new.startswith(old)
    assert new[len(old) :].startswith("\npeople:\n  - id: writer-test-person\n")
    assert load_text(new, "f").data.people[0].id == "writer-test-person"


@pytest.mark.parametrize(
    ("written", "rewritten"),
    [
        ("events: []", "events:"),
        ("events: [ ]  # none yet", "events:  # none yet"),
        ("events: ~", "events:"),
        ("events: null # later", "events: # later"),
        ("events:", "events:"),
    ],
)
def test_empty_section_gets_entries_and_only_its_line_changes(written: str, rewritten: str) -> None:
    start = VALID.index("events:")
    end = VALID.index("prisoner_counts:")
    old = VALID[:start] + written + "\n" + VALID[end:]
    new = insert_entries(old, events=[{**SMALL_EVENT, "id": "e1"}])
    old_lines, new_lines = old.splitlines(), new.splitlines()
    line = old_lines.index(written)
    assert new_lines[: line + 1] == [*old_lines[:line], rewritten]
    assert new_lines[line + 1 : line + 7] == ["  - id: e1", *new_lines[line + 2 : line + 7]]
    assert new_lines[line + 7 :] == old_lines[line + 1 :]
    assert [event.id for event in load_text(new, "f").data.events] == ["e1"]


def test_file_without_final_newline_gets_one_before_new_lines() -> None:
    old = VALID[: VALID.index("prisoner_counts:")].rstrip("\n")
    assert old.endswith("    people: [p1]")
    assert insert_entries(old, events=[SMALL_EVENT]) == old + "\n" + entry_yaml(SMALL_EVENT, 2)
    assert insert_entries(old, events=[SMALL_EVENT]).endswith("\n")
    new = insert_entries(old, sources={"s2": NEW_SOURCE})  # lands mid-file: the end is left as it was
    assert new.endswith("    people: [p1]")
    inserted_lines(old, new)


def test_missing_section_after_a_last_line_without_newline() -> None:
    old = VALID.rstrip("\n").replace("    people: [p1]\n", "")
    old = old.replace("people:\n  - id: p1\n    name: Siarhei Tsikhanouski\n", "")
    old = old.replace("    aliases: [Tikhanovsky, Cichanoŭski, Тихановский]\n    role: Blogger\n", "")
    new = insert_entries(old, people=[PERSON])
    assert new == old + "\n\npeople:\n" + entry_yaml(PERSON, 2)
    assert load_text(new, "f").data.people[0].id == "writer-test-person"


def test_byte_order_mark_stays_first() -> None:
    old = "\ufeff" + VALID
    new = insert_entries(old, events=[SMALL_EVENT])
    assert new.startswith("\ufeff") and new.count("\ufeff") == 1
    inserted_lines(old, new)


def test_entries_follow_a_last_entry_that_ends_in_a_block_scalar() -> None:
    old = VALID.replace("    people: [p1]\n", "    people: [p1]\n    note: |\n      Line one.\n      Line two.\n\n")
    new = insert_entries(old, events=[SMALL_EVENT])
    inserted_lines(old, new)
    data = load_text(new, "f").data
    assert data.events[0].note == "Line one.\nLine two.\n"
    assert [event.id for event in data.events] == ["e1", "e2"]


def test_section_indentation_is_taken_from_its_first_entry() -> None:
    block = VALID[VALID.index("  - id: e1") : VALID.index("prisoner_counts:")]
    old = VALID.replace(block, "".join("  " + line for line in block.splitlines(keepends=True)))
    new = insert_entries(old, events=[SMALL_EVENT])
    inserted_lines(old, new)
    assert entry_yaml(SMALL_EVENT, 4) in new
    assert [event.id for event in load_text(new, "f").data.events] == ["e1", "e2"]


def test_indentless_list_gets_indentless_entries() -> None:
    block = VALID[VALID.index("  - id: p1") : VALID.index("sources:")]
    old = VALID.replace(block, "".join(line[2:] for line in block.splitlines(keepends=True)))
    new = insert_entries(old, people=[PERSON])
    inserted_lines(old, new)
    assert entry_yaml(PERSON, 0) in new
    assert [person.id for person in load_text(new, "f").data.people] == ["p1", "writer-test-person"]


def test_comments_after_the_last_entry_stay_where_they_are() -> None:
    old = VALID.replace("    people: [p1]\n", "    people: [p1]  # who\n    # more to come\n\n# counts below\n")
    new = insert_entries(old, events=[SMALL_EVENT])
    added = inserted_lines(old, new)
    assert new.index("".join(added)) == new.index("  # who\n") + len("  # who\n")
    assert [event.id for event in load_text(new, "f").data.events] == ["e1", "e2"]


@pytest.mark.parametrize(
    "section",
    [
        "events: [\n  {id: e1, date: 2022, title: T, category: war, summary: S, sources: [s1]}\n]\n",
        "events: [{id: e1, date: 2022, title: T, category: war, summary: S, sources: [s1]}]\n",
        "events: [\n]\n",
        'events: "none"\n',
        "events:\n  e1: {}\n",
    ],
)
def test_sections_it_cannot_add_to_safely_are_refused(section: str) -> None:
    old = VALID[: VALID.index("events:")] + section + VALID[VALID.index("prisoner_counts:") :]
    with pytest.raises(InsertError, match="'events:'"):
        insert_entries(old, events=[SMALL_EVENT])


def test_refuses_text_that_is_not_yaml() -> None:
    with pytest.raises(InsertError, match="not valid YAML"):
        insert_entries("title: [unclosed\n", events=[SMALL_EVENT])


def test_nothing_to_insert_returns_the_text_unchanged() -> None:
    assert insert_entries("not: [even, checked") == "not: [even, checked"


def test_impossible_dates_are_quoted() -> None:
    assert entry_yaml({"date": "2022-02-30", "end": "2022-02-28"}, 0) == '- date: "2022-02-30"\n  end: 2022-02-28\n'
