"""Level of detail: how much of a crowded view is drawn one by one, and what is summed or thinned."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...i18n import ngettext, number_text, speaks
from .style import month_text

DENSITY_THRESHOLD = 5000  # more events in view than this are drawn as counts per month
RELEASE_DETAIL_LIMIT = 200  # more releases than this are summed per month
MILESTONE_LIMIT = 40  # more key events than this are thinned, evenly over time


@dataclass(frozen=True)
class TimelineDetail:
    """How the timeline draws the events in view."""

    events: int
    density: bool  # True: counts per month in each lane instead of single markers
    titles_hidden: int = 0  # key events (or, when few are in view, events) whose titles did not fit


@dataclass(frozen=True)
class PrisonersDetail:
    """How the prisoner chart draws releases and key events."""

    releases: int
    releases_summed: bool  # True: people freed per month instead of per release
    milestones: int
    milestones_shown: int


def timeline_detail(events: pd.DataFrame, max_markers: int = DENSITY_THRESHOLD) -> TimelineDetail:
    """Single markers up to `max_markers` events, a monthly density above."""
    return TimelineDetail(events=len(events), density=len(events) > max_markers)


def key_events(events: pd.DataFrame, limit: int = MILESTONE_LIMIT) -> pd.DataFrame:
    """The `milestone` events, thinned evenly over time to at most `limit`."""
    milestones = events[events["milestone"].astype(bool)]
    if len(milestones) <= limit:
        return milestones
    keep = np.linspace(0, len(milestones) - 1, limit).round().astype(int)
    return milestones.sort_values("start", kind="stable").iloc[np.unique(keep)]


def release_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events that freed people, each at the day they were freed (`freed_on`, else the event's date)."""
    releases = events[events["released"].notna()]
    return releases.assign(start=releases["freed_at"])


def prisoners_detail(events: pd.DataFrame) -> PrisonersDetail:
    """What the prisoner chart sums and thins for these events."""
    releases = len(release_events(events))
    return PrisonersDetail(
        releases=releases,
        releases_summed=releases > RELEASE_DETAIL_LIMIT,
        milestones=int(events["milestone"].astype(bool).sum()),
        milestones_shown=len(key_events(events)),
    )


def _releases(count: int) -> str:
    return ngettext("{count} release", "{count} releases", count).format(count=number_text(count))


@speaks
def monthly_releases(releases: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """Release rows summed per (month, destination, kind): the level of detail for many releases."""
    month = pd.to_datetime(releases["start"]).dt.to_period("M")
    grouped = releases.assign(month=month).groupby(["month", "destination", "kind"], sort=True)
    frame = grouped.agg(released=("released", "sum"), releases=("id", "nunique")).reset_index()
    frame["start"] = frame["month"].dt.to_timestamp()
    frame["id"] = "month-" + frame["month"].astype(str)
    frame["date_label"] = [month_text(start, language) for start in frame["start"]]
    frame["title"] = [_releases(int(count)) for count in frame["releases"]]
    return frame[["id", "start", "date_label", "title", "destination", "kind", "released"]]
