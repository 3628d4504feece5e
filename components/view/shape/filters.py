"""Pure filters: narrow the frames to what the reader asked for (fuzzy dates as the spans they are)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ...i18n import N_, _
from .frames import Frames
from .search import date_query, query_words, search_key


@dataclass(frozen=True)
class Filters:
    """What the reader asked for; empty tuples and None mean 'no restriction'."""

    start: dt.date | None = None
    end: dt.date | None = None
    categories: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    query: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def file_name(self, name: str) -> str:
        """A download's name that says what it holds: 'events.csv' for everything,
        'events_2025-01-01_2025-12-31_releases.csv' for one year's releases (categories, people and statuses by id,
        the search's words folded to Latin letters)."""
        stem, dot, suffix = name.rpartition(".")
        parts = [stem]
        if self.start or self.end:
            parts += [f"{self.start or 'start'}", f"{self.end or 'end'}"]
        parts += [*self.categories, *self.people, *self.statuses, *query_words(self.query)[:4]]
        joined = "_".join(parts)[:120].rstrip("_-")
        return f"{joined}{dot}{suffix}"


def _overlaps(starts: pd.Series, ends: pd.Series, filters: Filters) -> pd.Series:
    # A span is in range when any part of it is: '2022' stays when the range is March–May 2022.
    keep = pd.Series(True, index=starts.index)
    if filters.start is not None:
        keep &= ends >= pd.Timestamp(filters.start)
    if filters.end is not None:
        keep &= starts < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    return keep


def _matches(texts: pd.Series, query: str) -> pd.Series:
    keep = pd.Series(True, index=texts.index)
    for word in query_words(query):
        keep &= texts.str.contains(word, regex=False)
    return keep


def filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Events in the date range, categories, people and statuses asked for, matching every search word."""
    keep = _overlaps(events["start"], events["until"], filters)
    if filters.categories:
        # An event's own lane, or another category it is `also` in (a release negotiated in talks is in both).
        wanted = set(filters.categories)
        keep &= events["category"].isin(wanted) | events["also"].map(lambda also: not wanted.isdisjoint(also))
    if filters.statuses:
        keep &= events["status"].isin(filters.statuses)
    if filters.people:
        wanted = set(filters.people)
        keep &= events["people"].map(lambda ids: not wanted.isdisjoint(ids)).astype(bool)
    if filters.query.strip():
        # A date in the search ('13 December 2025', 'грудень 2025') keeps the events on it; the rest are words.
        span, words = date_query(filters.query)
        if span is not None:
            keep &= (events["start"] <= pd.Timestamp(span[1]) + pd.Timedelta(days=1)) & (
                events["until"] >= pd.Timestamp(span[0])
            )
        keep &= _matches(events["search_text"], words)
    return events[keep]


def filter_people(people: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """People detained within the date range, restricted to the chosen people and search words."""
    keep = people["detained_at"].notna()
    keep &= _overlaps(people["detained_at"], people["held_until"], filters)
    if filters.people:
        keep &= people["id"].isin(filters.people)
    if filters.query.strip():
        texts = (people["name"] + " " + people["aliases"].map(" ".join) + " " + people["role"]).map(search_key)
        keep &= _matches(texts, date_query(filters.query)[1])
    return people[keep]


def filter_counts(counts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Prisoner counts within the date range (other filters do not apply to a country-wide count)."""
    return counts[_overlaps(counts["date"], counts["date"], filters)]


def filter_releases(releases: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Release rows of the events still shown."""
    return releases[releases["id"].isin(events["id"])]


@dataclass(frozen=True)
class Shown:
    """The frames after the reader's filters (and the filters, which name this view in the server's caches)."""

    filters: Filters
    events: pd.DataFrame
    people: pd.DataFrame
    counts: pd.DataFrame
    releases: pd.DataFrame


def shown_frames(frames: Frames, filters: Filters) -> Shown:
    """Apply the filters to every frame the page draws."""
    events = filter_events(frames.events, filters)
    return Shown(
        filters=filters,
        events=events,
        people=filter_people(frames.people, filters),
        counts=filter_counts(frames.counts, filters),
        releases=filter_releases(frames.releases, events),
    )


FILTER_NAMES = (N_("categories: {values}"), N_("people: {values}"), N_("status: {values}"))


def describe_filters(filters: Filters) -> str:
    """The filters in words, for a download's note: 'Filtered: from 2025-01-01; categories: releases; search: Minsk'."""
    parts = []
    if filters.start:
        parts.append(_("from {date}").format(date=filters.start.isoformat()))
    if filters.end:
        parts.append(_("to {date}").format(date=filters.end.isoformat()))
    for name, values in zip(FILTER_NAMES, (filters.categories, filters.people, filters.statuses), strict=True):
        if values:  # the ids as the link writes them
            parts.append(_(name).format(values=", ".join(values)))
    if filters.query:
        parts.append(_("search: {query}").format(query=filters.query))
    if not parts:
        return _("Not filtered: every entry of the data file")
    return _("Filtered: {filters}").format(filters="; ".join(parts))
