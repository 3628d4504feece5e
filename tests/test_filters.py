"""Filters narrow events by date span, category, people, status and search across scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from components.data.loader import load_file, load_text
from components.view.shape.filters import (
    Filters,
    describe_filters,
    filter_counts,
    filter_events,
    filter_people,
    filter_releases,
)
from components.view.shape.frames import counts_frame, events_frame, people_frame, releases_frame

from .samples import TIMELINE, VALID

EXTRA = """\
  - id: year-event
    date: 2022
    title: A year-long thing
    category: war
    status: reported
    summary: All year.
    sources: [s1]
prisoner_counts:"""


@pytest.fixture(scope="module")
def events():
    return events_frame(load_text(VALID.replace("prisoner_counts:", EXTRA), "events.yaml").data)


@pytest.fixture(scope="module")
def timeline():
    """tests/data/timeline.yaml: people named in several events, releases with destinations, counts over six years."""
    return load_file(TIMELINE).data


def ids(frame) -> list[str]:
    return list(frame["id"])


def test_no_filters_keep_everything(events) -> None:
    assert len(filter_events(events, Filters())) == len(events)


def test_year_event_is_kept_by_any_range_inside_its_year(events) -> None:
    shown = filter_events(events, Filters(start=dt.date(2022, 3, 1), end=dt.date(2022, 5, 31)))
    assert ids(shown) == ["year-event"]


def test_range_after_an_event_drops_it(events) -> None:
    assert ids(filter_events(events, Filters(start=dt.date(2023, 1, 1)))) == []


def test_range_ending_on_the_event_day_keeps_it(events) -> None:
    assert "e1" in ids(filter_events(events, Filters(end=dt.date(2022, 2, 28))))


def test_status_and_category_filters(events) -> None:
    assert ids(filter_events(events, Filters(statuses=("reported",)))) == ["year-event"]
    assert len(filter_events(events, Filters(categories=("other",)))) == 0


@pytest.mark.parametrize("query", ["Tikhanovsky", "Cichanoŭski", "Тихановский", "tsikhanouski", "CICHANOUSKI"])
def test_search_finds_tsikhanouski_events_by_any_spelling(timeline, query: str) -> None:
    shown = filter_events(events_frame(timeline), Filters(query=query))
    assert ids(shown) == ["tsikhanouski-detained", "tsikhanouski-sentenced", "release-14-2025-06-21"]


def test_search_needs_every_word(events) -> None:
    assert ids(filter_events(events, Filters(query="year thing"))) == ["year-event"]
    assert ids(filter_events(events, Filters(query="year nonsense"))) == []


def test_people_filter_keeps_events_naming_them(timeline) -> None:
    shown = filter_events(events_frame(timeline), Filters(people=("ales-bialiatski",)))
    assert ids(shown) == ["bialiatski-detained", "bialiatski-sentenced", "release-123-2025-12-13"]
    either = filter_events(events_frame(timeline), Filters(people=("ales-bialiatski", "siarhei-tsikhanouski")))
    assert len(either) == 6  # any of the people chosen


def test_category_filter_keeps_events_also_in_the_lane(timeline) -> None:
    shown = filter_events(events_frame(timeline), Filters(categories=("releases",)))
    assert ids(shown)[-1] == "coale-visit-250-freed-2026-03-19"  # a diplomacy event, `also` in releases
    assert len(shown) == 5 and set(shown["category"]) == {"releases", "diplomacy"}
    war = filter_events(events_frame(timeline), Filters(categories=("war",)))
    assert ids(war) == ["war-from-belarus", "weapons-moved"]


def test_people_frame_filters_by_search_and_range(timeline) -> None:
    people = people_frame(timeline)
    assert ids(filter_people(people, Filters(query="Колесникова"))) == ["maria-kalesnikava"]
    assert ids(filter_people(people, Filters(query="journalist"))) == ["volha-zhuk"]  # the role is searched too
    # From 2026 on: only those still held then (freed in 2025, or dead in 2021, they drop out); never the undetained.
    assert sorted(ids(filter_people(people, Filters(start=dt.date(2026, 1, 1))))) == ["ihar-novik", "volha-zhuk"]
    assert ids(filter_people(people, Filters(people=("ales-bialiatski", "john-coale")))) == ["ales-bialiatski"]


def test_counts_follow_the_date_range(timeline) -> None:
    counts = filter_counts(counts_frame(timeline), Filters(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31)))
    assert list(counts["count"]) == [1450, 1500]
    # Other filters leave the country-wide count alone.
    assert len(filter_counts(counts_frame(timeline), Filters(categories=("war",), query="nothing"))) == 10


def test_releases_follow_the_events_shown(timeline) -> None:
    events = events_frame(timeline)
    shown = filter_events(events, Filters(start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 31)))
    releases = filter_releases(releases_frame(timeline), shown)
    assert set(releases["id"]) == {"release-123-2025-12-13"} and releases["released"].sum() == 123


def test_filters_are_described_in_words_for_a_downloads_note() -> None:
    assert describe_filters(Filters()) == "Not filtered: every entry of the data file"
    described = describe_filters(
        Filters(start=dt.date(2025, 1, 1), categories=("releases", "war"), statuses=("reported",), query="Minsk")
    )
    assert described == "Filtered: from 2025-01-01; categories: releases, war; status: reported; search: Minsk"


def test_a_downloads_name_says_what_the_filters_kept() -> None:
    import datetime as dt

    from components.view.shape.filters import Filters

    assert Filters().file_name("events.csv") == "events.csv"
    year = Filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), categories=("releases",))
    assert year.file_name("events.csv") == "events_2025-01-01_2025-12-31_releases.csv"
    assert (
        Filters(query="Бяляцкі pardon").file_name("belarus-timeline.xlsx") == "belarus-timeline_byalyatski_pardon.xlsx"
    )
    assert Filters(end=dt.date(2021, 6, 30)).file_name("events.json") == "events_start_2021-06-30.json"
