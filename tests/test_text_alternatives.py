"""Each chart's text alternative says what the data in view shows, and changes with the filters."""

from __future__ import annotations

import datetime as dt

from components.data.loader import load_file
from components.view.filters import Filters, shown_frames
from components.view.frames import build_frames
from components.view.text_alternatives import (
    detentions_sentence,
    prisoners_sentence,
    releases_sentence,
    timeline_sentence,
)

from .samples import BUNDLED

FRAMES = build_frames(load_file(BUNDLED))


def shown(**filters: object):
    return shown_frames(FRAMES, Filters(**filters))  # type: ignore[arg-type]


def test_prisoner_sentence_names_start_peak_and_latest_count() -> None:
    counts = FRAMES.counts
    peak = counts.loc[counts["count"].idxmax()]
    sentence = prisoners_sentence(counts)
    assert sentence.startswith("Viasna's count of political prisoners rose from 25 on 9 August 2020")
    assert f"to a peak of {int(peak['count']):,} on {peak['date_label']}" in sentence
    last = counts.iloc[-1]
    assert sentence.endswith(f"stood at over {int(last['count']):,} on {last['date_label']}.")


def test_prisoner_sentence_follows_the_dates_shown() -> None:
    sentence = prisoners_sentence(shown(start=dt.date(2025, 1, 1)).counts)
    assert "9 August 2020" not in sentence and "peak" not in sentence
    assert sentence.startswith("Viasna's count of political prisoners fell from")
    assert prisoners_sentence(shown(start=dt.date(2030, 1, 1)).counts) == "No prisoner counts in the dates shown."


def test_timeline_sentence_counts_the_events_in_view_and_the_busiest_lane() -> None:
    everything = timeline_sentence(FRAMES.events)
    assert everything.startswith(f"{len(FRAMES.events)} events from 29 May 2020 to 19 March 2026")
    busiest = FRAMES.events["category_label"].value_counts()
    assert f"most of them in “{busiest.index[0]}” ({busiest.iloc[0]})" in everything
    war = shown(categories=("war",)).events
    sentence = timeline_sentence(war)
    assert sentence.startswith(f"{len(war)} events from {war.iloc[0]['date_label']}")
    assert "most of them" not in sentence  # one lane only
    assert timeline_sentence(shown(query="zzzz-nothing").events) == "No events match the filters."


def test_detention_sentence_says_who_is_still_held() -> None:
    people = FRAMES.people
    detained = people[people["detained"].notna()]
    held, died = int(detained["still_held"].sum()), int(detained["died_in_custody"].sum())
    sentence = detentions_sentence(people, "19 March 2026")
    freed = len(detained) - held - died
    assert sentence.endswith(f"{freed} released, {died} died in custody, {held} still held as of 19 March 2026.")
    one = detentions_sentence(shown(query="Bialiatski").people, "19 March 2026")
    assert one.startswith("1 person detained on 14 July 2021")


def test_release_sentence_names_the_largest_release_and_where_people_went() -> None:
    sentence = releases_sentence(FRAMES.releases)
    total = int(FRAMES.releases["released"].sum())
    assert f"freed {total:,} people" in sentence
    assert "the largest, on 19 March 2026, freed 250 (15 to Lithuania, 235 stayed in Belarus)" in sentence
    december = releases_sentence(shown(start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 31)).releases)
    assert "123" in december and "250" not in december
