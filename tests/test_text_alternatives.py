"""Each chart's text alternative says what the data in view shows, and changes with the filters."""

from __future__ import annotations

import datetime as dt

from components.data.loader import load_file
from components.view.draw.text_alternatives import (
    detentions_sentence,
    prisoners_sentence,
    releases_sentence,
    timeline_sentence,
)
from components.view.shape.filters import Filters, shown_frames
from components.view.shape.frames import build_frames

from .samples import TIMELINE

FRAMES = build_frames(load_file(TIMELINE))  # tests/data/timeline.yaml


def shown(**filters: object):
    return shown_frames(FRAMES, Filters(**filters))  # type: ignore[arg-type]


def test_prisoner_sentence_names_start_peak_and_latest_count() -> None:
    assert prisoners_sentence(FRAMES.counts, language="en") == (
        "Viasna's count of political prisoners rose from 25 on 9 August 2020 to a peak of 1,500 on 15 May 2023 "
        "and stood at over 1,140 on 19 March 2026."
    )


def test_prisoner_sentence_follows_the_dates_shown() -> None:
    sentence = prisoners_sentence(shown(start=dt.date(2025, 1, 1)).counts, language="en")
    assert "9 August 2020" not in sentence and "peak" not in sentence
    assert sentence.startswith("Viasna's count of political prisoners fell from 1,180 in July 2025")
    assert (
        prisoners_sentence(shown(start=dt.date(2030, 1, 1)).counts, language="en")
        == "No prisoner counts in the dates shown."
    )


def test_timeline_sentence_counts_the_events_in_view_and_the_busiest_lane() -> None:
    everything = timeline_sentence(FRAMES.events, language="en")
    assert everything.startswith("19 events from 29 May 2020 to 19 March 2026")
    assert "most of them in “Arrests and trials” (5)" in everything
    war = shown(categories=("war",)).events
    sentence = timeline_sentence(war, language="en")
    assert sentence.startswith("2 events from 24 February 2022 to June 2023")
    assert "most of them" not in sentence  # one lane only
    assert timeline_sentence(shown(query="zzzz-nothing").events, language="en") == "No events match the filters."


def test_detention_sentence_says_who_is_still_held() -> None:
    sentence = detentions_sentence(FRAMES.people, "19 March 2026", language="en")
    assert sentence == (
        "7 people detained between 29 May 2020 and 14 July 2021: 4 released, 1 died in custody, "
        "2 still held as of 19 March 2026."
    )
    one = detentions_sentence(shown(query="Bialiatski").people, "19 March 2026", language="en")
    assert one.startswith("1 person detained on 14 July 2021")


def test_release_sentence_names_the_largest_release_and_where_people_went() -> None:
    sentence = releases_sentence(FRAMES.releases, language="en")
    assert sentence.startswith("5 releases freed 457 people between 3 July 2024 and 19 March 2026")
    assert "the largest, on 19 March 2026, freed 250 (15 to Lithuania, 235 stayed in Belarus)" in sentence
    december = releases_sentence(shown(start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 31)).releases, language="en")
    assert "123" in december and "250" not in december
