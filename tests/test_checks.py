"""Checks across entries: references, uniqueness, order and sums, each found at its path."""

from __future__ import annotations

import pytest
import yaml

from components.data.checks import Finding, consistency_findings, cross_check
from components.data.loader import load_text
from components.data.model import Dataset
from components.data.problems import Problem

from .samples import VALID


def dataset(text: str) -> Dataset:
    """The model alone, without the loader's own cross-check (which would refuse the errors under test)."""
    return Dataset.model_validate(yaml.safe_load(text))


def findings(text: str) -> list[tuple[tuple[str | int, ...], str, str]]:
    return sorted((f.path, f.message, f.severity) for f in cross_check(dataset(text)))


EXTRA_EVENT = """\
  - id: e2
    date: 2022-03-01
    title: Another
    category: war
    summary: S.
    sources: [s1]
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    category: war\n    summary", "    category: wars\n    summary"),
            [(("events", 0, "category"), "unknown category 'wars'; did you mean 'war'? (add it under 'categories')",
              "error")],
        ),
        (
            ("    people: [p1]", "    people: [p2]"),
            [(("events", 0, "people", 0), "unknown person 'p2' (add it under 'people')", "error")],
        ),
        (
            ("    sources: [s1]\n    people", "    sources: [s1, s9]\n    people"),
            [(("events", 0, "sources", 1), "unknown source 's9' (add it under 'sources')", "error")],
        ),
        (
            ("    date: 2022-02-28\n    title", "    date: 2022-02-28\n    end: 2022-01\n    title"),
            [(("events", 0, "end"), "end 2022-01 is before date 2022-02-28", "error")],
        ),
        (
            ("    people: [p1]", "    people: [p1]\n    released_to: {Lithuania: 2}"),
            [(("events", 0, "released_to"), "give `released` too (at least 2)", "error")],
        ),
        (
            ("    people: [p1]", "    people: [p1]\n    released: 1\n    released_to: {Lithuania: 2}"),
            [(("events", 0, "released_to"), "destinations add up to 2, more than released: 1", "error")],
        ),
        (
            ("    date: 2022-02-28\n    title", "    date: 2027-01-01\n    title"),
            [(("events", 0, "date"), "2027-01-01 is after as_of 2026-03-19; update as_of", "warning")],
        ),
        (
            ("    role: Blogger\n", "    role: Blogger\n    detained: 2021-05\n"),
            [(("people", 0), "give `sources` for the detained/released dates and sentence", "error")],
        ),
        (
            ("    role: Blogger\n", "    role: Blogger\n    detained: 2021-05\n    released: 2020\n    sources: [s1]\n"),  # noqa: E501
            [(("people", 0, "released"), "released 2020 is before detained 2021-05", "error")],
        ),
        (
            ("events:\n", "events:\n" + EXTRA_EVENT.replace("id: e2", "id: e1")),
            [(("events", 1, "id"), "id 'e1' is used twice (first by events[0]); ids must be unique", "error")],
        ),
        (
            ("    source: s1\n", "    source: s1\n  - date: 2022-02\n    count: 11\n    source: s1\n"),
            [
                (("prisoner_counts", 0, "date"), "two counts for 2022-02; keep one and put the other in its note",
                 "warning"),
                (("prisoner_counts", 1, "date"), "two counts for 2022-02; keep one and put the other in its note",
                 "warning"),
            ],
        ),
        (
            ("sources:\n", "sources:\n  s0:\n    title: T\n    publisher: P\n    url: https://example.org/0\n"
                           "    published: 2020\n"),
            [(("sources", "s0"), "source 's0' is not cited by any entry", "warning")],
        ),
    ],
)  # fmt: skip
def test_cross_check_finds_each_problem_at_its_path(change: tuple[str, str], expected: list[tuple]) -> None:
    old, new = change
    assert old in VALID
    assert findings(VALID.replace(old, new, 1)) == sorted(expected)


def test_a_valid_file_has_no_findings() -> None:
    assert cross_check(dataset(VALID)) == []


def test_an_unused_source_is_found_at_its_key_not_its_value() -> None:
    text = VALID.replace(
        "sources:\n", "sources:\n  s0: {title: T, publisher: P, url: 'https://e.org', published: 2020}\n"
    )
    (finding,) = cross_check(dataset(text))
    assert finding == Finding(("sources", "s0"), "source 's0' is not cited by any entry", "warning", at_key=True)
    (warning,) = [w for w in load_text(text, "events.yaml").warnings if "is not cited" in w.message]
    assert (warning.line, warning.column) == (13, 3)


def test_a_problem_prints_on_one_line_whatever_its_message_holds() -> None:
    problem = Problem("f.yaml", 3, 1, "events[0].title", "unknown field 'a\nb'\r\u2028")
    assert str(problem) == "f.yaml:3:1: events[0].title: unknown field 'a\\nb'\\r\\u2028"


RELEASE_EVENT = """\
  - id: e2
    date: 2022-03-01
    title: Release
    category: war
    summary: S.
    sources: [s1]
    people: [p1]
    released: 20
"""


def warnings_of(text: str) -> list[str]:
    return [f"{'.'.join(map(str, f.path))}: {f.message}" for f in consistency_findings(dataset(text))]


def test_a_count_that_rises_right_after_a_large_release_needs_a_note() -> None:
    text = VALID.replace("events:\n", "events:\n" + RELEASE_EVENT).replace(
        "prisoner_counts:\n", "prisoner_counts:\n  - date: 2022-03-20\n    count: 12\n    source: s1\n"
    )
    assert warnings_of(text)[0] == (
        "prisoner_counts.0.count: 12 on 2022-03-20 is higher than 10 before the release of 20 on 2022-03-01 (e2); "
        "say why in a note"
    )
    noted = text.replace("    count: 12\n    source: s1\n", "    count: 12\n    source: s1\n    note: New arrests.\n")
    assert not [w for w in warnings_of(noted) if w.startswith("prisoner_counts")]


def test_people_freed_and_released_must_agree() -> None:
    freed_person = VALID.replace(
        "    role: Blogger\n", "    role: Blogger\n    detained: 2021\n    released: 2022-03-01\n"
    )
    unnumbered = freed_person.replace("events:\n", "events:\n" + RELEASE_EVENT.replace("    released: 20\n", ""))
    assert "events.0.released: names 1 person released then (p1) but gives no `released` number" in warnings_of(
        unnumbered
    )
    assert "people.0.released: no event with people freed on 2022-03-01; add the release or check the date" in (
        warnings_of(unnumbered)
    )
    numbered = freed_person.replace("events:\n", "events:\n" + RELEASE_EVENT)
    assert warnings_of(numbered) == []
    too_few = numbered.replace("    released: 20\n", "    released: 0\n")
    assert "events.0.released: released: 0 but it names 1 person released that day" in warnings_of(too_few)


def test_an_also_category_must_exist() -> None:
    text = VALID.replace("    people: [p1]\n", "    people: [p1]\n    also: [releasez]\n", 1)
    assert findings(text) == [
        (("events", 0, "also", 0), "unknown category 'releasez' (add it under 'categories')", "error")
    ]


PLACE = """\
places:
  - id: colony-9
    name: Penal colony No. 9, Horki
    kind: penal-colony
    town: Horki
    latitude: 54.28
    longitude: 30.99
    precision: town
    sources: [s1]
"""


def with_place(text: str = VALID, place: str = PLACE, *, held: str = "colony-9", at: str = "colony-9") -> str:
    """VALID with one place, held at by its person and named by its event."""
    text = text.replace("events:\n", place + "events:\n", 1)
    text = text.replace(
        "    role: Blogger\n", f"    role: Blogger\n    held_at: [{{place: {held}, since: 2022-03}}]\n", 1
    )
    return text.replace("    people: [p1]\n", f"    people: [p1]\n    places: [{at}]\n", 1)


def test_a_place_named_by_its_person_and_event_is_fine() -> None:
    assert findings(with_place()) == []


def test_unknown_places_are_found_where_they_are_named() -> None:
    found = findings(with_place(held="colony-8", at="colony-99"))
    messages = {path: message for path, message, _severity in found}
    assert messages[("people", 0, "held_at", 0, "place")].startswith(
        "unknown place 'colony-8'; did you mean 'colony-9'?"
    )
    assert messages[("events", 0, "places", 0)].startswith("unknown place 'colony-99'")
    assert (("places", 0), "place 'colony-9' is named by no event and no person's held_at", "warning") in found


def test_a_belarusian_colony_outside_belarus_is_a_mistyped_coordinate() -> None:
    swapped = with_place(
        place=PLACE.replace("latitude: 54.28", "latitude: 30.99").replace("longitude: 30.99", "longitude: 54.28")
    )
    (problem,) = [f for f in findings(swapped) if f[0] == ("places", 0, "latitude")]
    assert problem[1].startswith("30.99, 54.28 is outside Belarus") and problem[2] == "error"
    city = PLACE.replace("kind: penal-colony", "kind: city").replace("latitude: 54.28", "latitude: 54.69")
    assert findings(with_place(place=city.replace("longitude: 30.99", "longitude: 25.28"))) == []  # Vilnius: a city


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    latitude: 54.28", "expected a number of degrees (e.g. 53.9), got 'north'"),
        ("    kind: penal-colony", "'jail' is not a kind of place; use one of: penal-colony, pre-trial-prison"),
    ],
)
def test_a_places_bad_value_is_a_located_error(line: str, message: str) -> None:
    from components.data.problems import DataError

    bad = {"    latitude: 54.28": "    latitude: north", "    kind: penal-colony": "    kind: jail"}[line]
    with pytest.raises(DataError) as raised:
        load_text(with_place(place=PLACE.replace(line, bad)), "events.yaml")
    (problem,) = raised.value.problems
    assert problem.message.startswith(message) and problem.path.startswith("places[0].")
    assert problem.line == with_place().splitlines().index(line) + 1


def test_a_release_is_dated_by_the_day_its_people_were_freed() -> None:
    freed_next_day = VALID.replace(
        "    role: Blogger\n", "    role: Blogger\n    detained: 2021\n    released: 2022-03-02\n"
    ).replace(
        "events:\n",
        "events:\n" + RELEASE_EVENT.replace("    date: 2022-03-01\n", "    date: 2022-03-01\n    end: 2022-03-02\n"),
    )
    assert warnings_of(freed_next_day) == [
        "events.0.date: the people it names as freed were released on 2022-03-02, not on 2022-03-01; give "
        "`freed_on: 2022-03-02` (the day they were freed) or correct their `released`"
    ]
    dated = freed_next_day.replace("    released: 20\n", "    freed_on: 2022-03-02\n    released: 20\n")
    assert warnings_of(dated) == []
    from components.view.shape.frames import releases_frame

    (day,) = {str(d.date()) for d in releases_frame(dataset(dated))["start"]}
    assert day == "2022-03-02"


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("How freed or what became of them: pardoned.", "speaks to editors ('How freed or what became of them')"),
        ("The count is in prisoner_counts.", "speaks to editors ('prisoner_counts')"),
        ("A copy on a mirror host.", "speaks to editors ('mirror host')"),
        ("Figures from RBC). articles of the code.", "a sentence starts in lower case ('RBC). articles')"),
        ("TODO check the date.", "holds an editing instruction ('TODO')"),
    ],
)
def test_a_note_for_editors_is_a_warning(note: str, expected: str) -> None:
    text = VALID.replace("    people: [p1]\n", f'    people: [p1]\n    note: "{note}"\n', 1)
    (warning,) = [w for w in warnings_of(text) if w.startswith("events.0.note")]
    assert warning.startswith(f"events.0.note: {expected}")


def test_abbreviations_and_initials_are_not_broken_sentences() -> None:
    fine = "Art. 342 of the code; the U.S. envoy met him, e.g. on 10 Sept. no record says more."
    text = VALID.replace("    people: [p1]\n", f'    people: [p1]\n    note: "{fine}"\n', 1)
    assert [w for w in warnings_of(text) if "lower case" in w] == [
        "events.0.note: a sentence starts in lower case ('Sept. no'): make the sentence whole"
    ]


def test_a_person_named_in_a_title_is_in_its_people() -> None:
    text = VALID.replace("    title: An event\n", "    title: Siarhei Tsikhanouski detained\n").replace(
        "    people: [p1]\n", "    people: []\n", 1
    )
    assert "events.0.people: names p1 in its title or summary; add them to its people" in warnings_of(text)
    assert not [
        w for w in warnings_of(text.replace("    people: []\n", "    people: [p1]\n")) if "title or summary" in w
    ]
