"""Frames carry fuzzy dates as spans with labels, in date order, and releases by destination."""

from __future__ import annotations

from components.data.loader import load_file, load_text
from components.view.shape.frames import (
    UNSPECIFIED_DESTINATION,
    build_frames,
    counts_frame,
    events_frame,
    frame_records,
    people_frame,
    releases_frame,
)

from .samples import TIMELINE, VALID

EXTRA = """\
  - id: e2
    date: 2021
    title: A year-long thing
    category: war
    summary: All year.
    sources: [s1]
    released: 10
    released_to: {Lithuania: 4}
  - id: e3
    date: 2020-08-09
    end: 2020-08-13
    title: Days of protest
    category: war
    summary: Mass detentions.
    sources: [s1]
prisoner_counts:"""


def dataset():
    return load_text(VALID.replace("prisoner_counts:", EXTRA), "events.yaml").data


def test_events_are_sorted_by_start_with_labels_at_their_precision() -> None:
    frame = events_frame(dataset())
    assert list(frame["id"]) == ["e3", "e2", "e1"]
    assert list(frame["date_label"]) == ["9 August 2020 – 13 August 2020", "2021", "28 February 2022"]
    year = frame.set_index("id").loc["e2"]
    assert str(year["start"].date()) == "2021-01-01" and str(year["until"].date()) == "2021-12-31"


def test_search_text_includes_people_aliases_transliterated() -> None:
    frame = events_frame(dataset()).set_index("id")
    assert "tikhanovskiy" in frame.loc["e1", "search_text"]


def test_releases_split_by_destination_with_the_rest_unspecified() -> None:
    releases = releases_frame(dataset())
    assert list(zip(releases["destination"], releases["released"], strict=True)) == [
        ("Lithuania", 4),
        (UNSPECIFIED_DESTINATION, 6),
    ]


def test_people_still_held_run_to_as_of() -> None:
    text = VALID.replace("    role: Blogger", "    role: Blogger\n    detained: 2020-05-29\n    sources: [s1]")
    people = people_frame(load_text(text, "events.yaml").data)
    row = people.iloc[0]
    assert bool(row["still_held"]) and str(row["held_until"].date()) == "2026-03-19"


def test_counts_carry_source_labels() -> None:
    counts = counts_frame(dataset())
    assert counts.iloc[0]["source_label"] == "Pub: A source" and counts.iloc[0]["date_label"] == "February 2022"


def test_frame_records_equal_pandas_records() -> None:
    # The fast path must give what to_dict("records") gives, including None for a missing count of people freed.
    frames = build_frames(load_file(TIMELINE))  # every kind of entry: spans, fuzzy dates, releases, the dead, counts
    for frame in (frames.events, frames.releases, frames.counts, frames.people):
        assert frame_records(frame) == frame.to_dict("records")
    assert any(row["released"] is None for row in frame_records(frames.events))
    assert frame_records(frames.events.iloc[0:0]) == []
