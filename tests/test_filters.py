"""Filters narrow events by date span, category, people, status and search across scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from components.data.loader import load_file, load_text
from components.view.filters import (
    Filters,
    describe_filters,
    filter_counts,
    filter_events,
    filter_people,
    filter_releases,
)
from components.view.frames import counts_frame, events_frame, people_frame, releases_frame

from .samples import BUNDLED, VALID

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
def bundled():
    return load_file(BUNDLED).data


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
def test_search_finds_tsikhanouski_events_by_any_spelling(bundled, query: str) -> None:
    shown = filter_events(events_frame(bundled), Filters(query=query))
    assert len(shown) >= 3
    assert all("siarhei-tsikhanouski" in people for people in shown["people"])


def test_search_needs_every_word(events) -> None:
    assert ids(filter_events(events, Filters(query="year thing"))) == ["year-event"]
    assert ids(filter_events(events, Filters(query="year nonsense"))) == []


def test_people_filter_keeps_events_naming_them(bundled) -> None:
    shown = filter_events(events_frame(bundled), Filters(people=("ales-bialiatski",)))
    assert len(shown) >= 2 and all("ales-bialiatski" in p for p in shown["people"])


def test_people_frame_filters_by_search_and_range(bundled) -> None:
    people = people_frame(bundled)
    assert ids(filter_people(people, Filters(query="Колесникова"))) == ["maria-kalesnikava"]
    detained_2021 = filter_people(people, Filters(start=dt.date(2026, 1, 1)))
    assert "siarhei-tsikhanouski" not in ids(detained_2021)


def test_counts_follow_the_date_range(bundled) -> None:
    counts = filter_counts(counts_frame(bundled), Filters(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31)))
    assert len(counts) >= 3 and all(d.year == 2023 for d in counts["date"])


def test_releases_follow_the_events_shown(bundled) -> None:
    events = events_frame(bundled)
    shown = filter_events(events, Filters(start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 31)))
    releases = filter_releases(releases_frame(bundled), shown)
    assert set(releases["id"]) <= set(shown["id"]) and releases["released"].sum() >= 123


def test_filters_are_described_in_words_for_a_downloads_note() -> None:
    assert describe_filters(Filters()) == "Not filtered: every entry of the data file"
    described = describe_filters(
        Filters(start=dt.date(2025, 1, 1), categories=("releases", "war"), statuses=("reported",), query="Minsk")
    )
    assert described == "Filtered: from 2025-01-01; categories: releases, war; status: reported; search: Minsk"
