"""A draft is judged like the file: each problem belongs to a form field."""

from __future__ import annotations

import datetime as dt

import yaml

from components.data.loader import load_file, load_text
from components.edit.drafts import (
    Draft,
    EventForm,
    blank_values,
    check_draft,
    compose_date,
    draft_from_values,
    draft_yaml,
    event_prefill,
    parse_destinations,
    prefilled_values,
    slugify,
    unique_id,
)
from components.view.shape.frames import events_frame, frame_records

from .samples import TIMELINE, VALID


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
    draft = Draft(event(id="e1", category="wars", released="3", released_to={"X": "5"}))
    checked = check_draft(data().info, draft, {e.id for e in data().events})
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
        {"Lithuania": 9, "Ukraine": 114},
        ["line 3: write 'Destination: number', e.g. 'Lithuania: 9'"],
    )


def test_duplicate_as_new_keeps_values_but_not_the_id() -> None:
    events = events_frame(load_file(TIMELINE).data)
    values = event_prefill(frame_records(events[events["id"] == "release-123-2025-12-13"])[0])
    assert "id" not in values and values["date"] == "2025-12-13"
    assert values["sources"] == ["reuters-2025-12-13-123-freed", "kyivindependent-2025-12-13-freed-to-ukraine"]
    assert values["people"] == ["maria-kalesnikava", "viktar-babaryka", "ales-bialiatski"]


def form(**changes):
    """The form as its widgets would hold it after typing `changes` (by widget name: 'title', 'title_be', ...)."""
    typed = {"title": "Coale meets Lukashenko", "category": "war", "summary": "They met.", "sources": ["s1"], **changes}
    return EventForm.from_widgets(typed.get, dt.date(2026, 3, 19))


def test_a_blank_form_is_dated_the_day_it_opens() -> None:
    values = blank_values(dt.date(2027, 1, 2))
    assert (values.year, values.month, values.day) == (2027, 1, 2)
    assert blank_values(dt.date(2027, 1, 3)).day == 3  # nothing is fixed when the module is imported


def test_form_values_become_an_event_with_a_new_id() -> None:
    draft, problems = draft_from_values(form(), data(), {"e1", "coale-meets-lukashenko-2026-03-19"})
    assert problems == {}
    assert draft.event == {
        "id": "coale-meets-lukashenko-2026-03-19-2",
        "date": "2026-03-19",
        "title": "Coale meets Lukashenko",
        "category": "war",
        "summary": "They met.",
        "sources": ["s1"],
        "status": "confirmed",
    }
    assert check_draft(data(), draft).ok


def test_form_values_with_a_new_person_and_source_refer_to_them() -> None:
    values = form(
        precision="month",
        new_person=True,
        person_name="Ales Bialiatski",
        person_aliases="Алесь Бяляцкі, Byalyatski",
        person_role="Viasna founder",
        new_source=True,
        source_title="T",
        source_publisher="Viasna",
        source_url="https://spring96.org/en/news/1",
        source_published="2026-03",
        released="3",
        released_to="Lithuania: 2\nnot a line",
        tags="Milestone, Key event",
    )
    draft, problems = draft_from_values(values, data(), set())
    assert problems == {"event.released_to": ["line 2: write 'Destination: number', e.g. 'Lithuania: 9'"]}
    assert draft.event["date"] == "2026-03"
    assert draft.event["people"] == ["ales-bialiatski"] and draft.person is not None
    assert draft.person["aliases"] == ["Алесь Бяляцкі", "Byalyatski"]
    assert draft.event["sources"] == ["s1", "viasna-2026-03"] and draft.source_id == "viasna-2026-03"
    assert draft.event["released_to"] == {"Lithuania": 2} and draft.event["tags"] == ["milestone", "key-event"]


def test_duplicating_fills_the_form_from_an_event() -> None:
    values = prefilled_values(event_prefill(frame_records(events_frame(data()))[0]), dt.date(2026, 12, 1))
    assert values.precision == "day" and (values.year, values.month, values.day) == (2022, 2, 28)
    assert values.title == "An event (copy)" and values.people == ["p1"] and values.sources == ["s1"]


def test_draft_yaml_reads_back_as_the_same_entries() -> None:
    draft, _ = draft_from_values(
        form(new_source=True, source_title="T: a title", source_publisher="AP", source_url="https://apnews.com/x",
             source_published="2026-03-19"),
        data(),
        set(),
    )  # fmt: skip
    text = draft_yaml(draft)
    parsed = yaml.safe_load(text)
    assert parsed["events"][0]["title"] == "Coale meets Lukashenko"
    assert parsed["sources"][draft.source_id]["title"] == "T: a title"
    assert str(parsed["events"][0]["date"]) == "2026-03-19"


def test_a_short_label_longer_than_forty_characters_is_refused_beside_its_field() -> None:
    draft, _ = draft_from_values(form(short="x" * 41), data(), set())
    (message,) = check_draft(data(), draft).problems["event.short"]
    assert message == "is 41 characters; a chart label takes at most 40 (shorten it, or leave it out to use the title)"
    fine, _ = draft_from_values(form(short="Coale visit: 250 freed"), data(), set())
    assert fine.event["short"] == "Coale visit: 250 freed" and check_draft(data(), fine).ok


def test_how_people_were_freed_and_other_categories_come_from_the_form() -> None:
    draft, _ = draft_from_values(
        form(released="3", release_kind=["pardon", "deportation"], also=["war"]), data(), set()
    )
    assert draft.event["release_kind"] == ["pardon", "deportation"] and draft.event["also"] == ["war"]
    assert check_draft(data(), draft).ok
    wrong, _ = draft_from_values(form(released="3", release_kind=["amnesty"]), data(), set())
    (message,) = check_draft(data(), wrong).problems["event.release_kind"]
    assert (
        message
        == "'amnesty' is not a kind of release; use one of: pardon, deportation, sentence-served, exchange, other"
    )


def test_translations_typed_into_the_form_go_into_the_entries_and_read_back() -> None:
    values = form(title_be="Коўл сустракаецца з Лукашэнкам", summary_uk="Вони зустрілися.", summary_ru="  ",
                  new_person=True, person_name="Ales Bialiatski", person_role="Viasna founder",
                  person_name_be="Алесь Бяляцкі")  # fmt: skip
    draft, problems = draft_from_values(values, data(), set())
    assert problems == {}
    assert draft.event["title_i18n"] == {"be": "Коўл сустракаецца з Лукашэнкам"}
    assert draft.event["summary_i18n"] == {"uk": "Вони зустрілися."}, "a blank translation is left out"
    assert draft.person is not None and draft.person["name_i18n"] == {"be": "Алесь Бяляцкі"}
    assert check_draft(data(), draft).ok
    parsed = yaml.safe_load(draft_yaml(draft))
    assert parsed["events"][0]["title_i18n"] == {"be": "Коўл сустракаецца з Лукашэнкам"}
    assert parsed["people"][0]["name_i18n"] == {"be": "Алесь Бяляцкі"}


def test_a_form_without_translations_writes_no_translation_fields() -> None:
    draft, _ = draft_from_values(form(), data(), set())
    assert "title_i18n" not in draft.event and "summary_i18n" not in draft.event
