"""A draft is judged like the file: each problem belongs to a form field."""

from __future__ import annotations

from components.drafts import (
    Draft,
    check_draft,
    compose_date,
    event_prefill,
    parse_destinations,
    slugify,
    unique_id,
)
from components.loader import load_file, load_text

from .samples import BUNDLED, VALID


def data():
    return load_text(VALID, "events.yaml").data


def event(**changes):
    values = {
        "id": "e2",
        "date": "2022-03",
        "title": "A new event",
        "category": "war",
        "summary": "S.",
        "sources": ["s1"],
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def test_valid_draft_has_no_problems_and_gives_the_data_with_it() -> None:
    checked = check_draft(data(), Draft(event()))
    assert checked.ok and checked.dataset is not None and checked.dataset.events[-1].id == "e2"


def test_each_problem_is_reported_beside_its_field() -> None:
    checked = check_draft(data(), Draft(event(date="2022-13", title="", category="nope", sources=[])))
    assert set(checked.problems) >= {"event.date", "event.title", "event.sources"}
    assert "no month 13" in checked.problems["event.date"][0]


def test_cross_checks_apply_to_the_draft() -> None:
    checked = check_draft(data(), Draft(event(id="e1", category="wars", released="3", released_to={"X": "5"})))
    assert "used twice" in checked.problems["event.id"][0]
    assert "did you mean 'war'" in checked.problems["event.category"][0]
    assert "more than released" in checked.problems["event.released_to"][0]


def test_new_person_and_source_are_checked_and_usable() -> None:
    person = {"id": "p2", "name": "New Person", "aliases": [], "role": "Someone"}
    source = {"title": "T", "publisher": "P", "url": "javascript:alert(1)", "published": "2022"}
    checked = check_draft(data(), Draft(event(people=["p2"], sources=["s2"]), person, "s2", source))
    assert list(checked.problems) == ["source.url"]
    source["url"] = "https://example.org/x"
    assert check_draft(data(), Draft(event(people=["p2"], sources=["s2"]), person, "s2", source)).ok


def test_helpers() -> None:
    assert slugify("Coale meets Лукашенко!") == "coale-meets-lukashenko"
    assert unique_id("a", {"a", "a-2"}) == "a-3"
    assert (compose_date("year", 2022, 3, 4), compose_date("month", 2022, 3, 4), compose_date("day", 2022, 3, 4)) == (
        "2022",
        "2022-03",
        "2022-03-04",
    )
    assert parse_destinations("Lithuania: 9\nUkraine:114\nbad") == (
        {"Lithuania": "9", "Ukraine": "114"},
        ["line 3: write 'Destination: number', e.g. 'Lithuania: 9'"],
    )


def test_duplicate_as_new_keeps_values_but_not_the_id() -> None:
    bundled = load_file(BUNDLED).data
    first = bundled.events[0]
    values = event_prefill(bundled, first.id)
    assert "id" not in values and values["date"] == str(first.date) and values["sources"] == first.sources
