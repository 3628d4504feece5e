"""The timeline: events in one swimlane per category, or counts per month when crowded (pure figures)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data.model import Dataset
from .detail import DENSITY_THRESHOLD, timeline_detail
from .frames import events_frame
from .style import (
    GREY,
    MARGIN,
    MILLISECONDS_PER_DAY,
    STATUS_SYMBOLS,
    TEMPLATE,
    date_axis,
    lane_axis,
    milliseconds,
    whole_number,
)
from .text import escape_html

PERIOD_LEGEND = "bar = period (month, year or span)"
# Plotly formats the hover date itself; a fuzzy date's marker sits mid-period, so these name the right period.
DATE_FORMATS = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}
MARKER_KINDS = ("day", "month", "year", "span")


@dataclass(frozen=True)
class _Positions:
    """Where each event is drawn: x in float32 milliseconds, y as a one-byte lane number."""

    starts: np.ndarray
    ends: np.ndarray
    middle: np.ndarray
    lane: np.ndarray
    period: np.ndarray  # drawn with a bar: a month, a year or a span


def _positions(events: pd.DataFrame, categories: pd.DataFrame) -> _Positions:
    lane_of = {category: index for index, category in enumerate(categories["id"])}
    starts, ends = milliseconds(events["start"]), milliseconds(events["end"])
    period = (events["has_end"] | events["precision"].isin(["month", "year"])).to_numpy(dtype=bool)
    # float32 milliseconds are exact to about two minutes: a day's marker at noon never shows the wrong day.
    middle = np.where(period, (starts + ends) / 2, starts + MILLISECONDS_PER_DAY / 2).astype("float32")
    lane = events["category"].map(lane_of).to_numpy(dtype="int8")
    return _Positions(starts, ends, middle, lane, period)


def _span_trace(where: _Positions, rows: np.ndarray, *, index: int, lane: tuple[str, str, str]) -> go.Scatter:
    """Pale bars for the periods of one lane; a NaN x between spans breaks the line."""
    category, label, color = lane
    count = int(rows.sum())
    span_x = np.column_stack([where.starts[rows], where.ends[rows], np.full(count, np.nan)]).ravel().astype("float32")
    return go.Scatter(
        x=span_x,
        y=np.full(3 * count, index, dtype="int8"),
        mode="lines",
        line={"color": color, "width": 14},
        opacity=0.35,
        hoverinfo="skip",
        showlegend=False,
        legendgroup=category,
        name=f"{label} period",
    )


def _marker_groups(events: pd.DataFrame, in_lane: np.ndarray) -> Iterator[tuple[str, str, np.ndarray]]:
    """(status, kind, rows) for each non-empty group of a lane: one trace per hover format and marker shape."""
    has_end = events["has_end"].to_numpy(dtype=bool)
    precision = events["precision"].to_numpy()
    for status in STATUS_SYMBOLS:
        of_status = in_lane & (events["status"] == status).to_numpy()
        for kind in MARKER_KINDS:
            rows = of_status & has_end if kind == "span" else of_status & ~has_end & (precision == kind)
            if rows.any():
                yield status, kind, rows


def _hover_texts(chosen: pd.DataFrame, kind: str) -> list[str]:
    titles = [escape_html(str(t)) for t in chosen["title"]]
    freed = [whole_number(v) for v in chosen["released"]]
    text = [t if n is None else f"{t} · {n:,} freed" for t, n in zip(titles, freed, strict=True)]
    if kind == "span":
        # A span's hover names both ends, which one x value cannot carry.
        labels = [escape_html(str(d)) for d in chosen["date_label"]]
        text = [f"<b>{t}</b><br>{d}" for t, d in zip(text, labels, strict=True)]
    return text


def _marker_trace(
    chosen: pd.DataFrame, x: np.ndarray, y: np.ndarray, *, status: str, kind: str, lane: tuple[str, str, str]
) -> go.Scatter:
    category, label, color = lane
    head = "%{text}<br>" if kind == "span" else f"<b>%{{text}}</b><br>%{{x|{DATE_FORMATS[kind]}}}<br>"
    state = "" if status == "confirmed" else f" · {status}"
    return go.Scatter(
        x=x,
        y=y,
        mode="markers",
        name=label,
        legendgroup=category,
        marker={"color": color, "size": 12, "symbol": STATUS_SYMBOLS[status], "line": {"color": "white", "width": 1}},
        customdata=list(chosen["id"].astype(str)),
        text=_hover_texts(chosen, kind),
        hovertemplate=f"{head}{label}{state}<extra></extra>",
    )


def _lane_traces(events: pd.DataFrame, categories: pd.DataFrame, where: _Positions) -> list[go.Scatter]:
    traces: list[go.Scatter] = []
    lanes = [escape_html(str(label)) for label in categories["label"]]
    for index, (category, label, color) in enumerate(zip(categories["id"], lanes, categories["color"], strict=True)):
        in_lane = (events["category"] == category).to_numpy(dtype=bool)
        if (in_lane & where.period).any():
            traces.append(_span_trace(where, in_lane & where.period, index=index, lane=(category, label, color)))
        for number, (status, kind, rows) in enumerate(_marker_groups(events, in_lane)):
            trace = _marker_trace(
                events[rows],
                where.middle[rows],
                where.lane[rows],
                status=status,
                kind=kind,
                lane=(category, label, color),
            )
            trace.showlegend = number == 0  # one legend entry per lane
            traces.append(trace)
    return traces


def _selected_trace(events: pd.DataFrame, where: _Positions, selected: str | None) -> list[go.Scatter]:
    """A black ring around the selected event, when it is in view."""
    ids = events["id"].astype(str).to_numpy()
    if selected is None or not (ids == selected).any():
        return []
    at = int(np.flatnonzero(ids == selected)[0])
    return [
        go.Scatter(
            x=[float(where.middle[at])],
            y=[int(where.lane[at])],
            mode="markers",
            name="Selected",
            hoverinfo="skip",
            showlegend=False,
            marker={"symbol": "circle-open", "size": 26, "color": "black", "line": {"width": 3}},
        )
    ]


def _status_key() -> list[go.Scatter]:
    """Legend entries for the marker shapes and the period bar, drawn in grey."""
    key = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=status.capitalize(),
            legendgroup="key",
            marker={"symbol": symbol, "size": 10, "color": GREY},
        )
        for status, symbol in STATUS_SYMBOLS.items()
    ]
    key.append(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=PERIOD_LEGEND,
            line={"color": GREY, "width": 10},
            opacity=0.35,
            legendgroup="key",
        )
    )
    return key


def _lanes_layout(events: pd.DataFrame, categories: pd.DataFrame) -> dict[str, Any]:
    """A date axis across, one lane per category down, tall enough for every lane."""
    lanes = [escape_html(str(label)) for label in categories["label"]]
    return {
        "template": TEMPLATE,
        "margin": MARGIN,
        "height": 120 + 60 * len(lanes),
        "xaxis": date_axis(events),
        "yaxis": lane_axis(lanes),
    }


def timeline_figure(
    events: pd.DataFrame, categories: pd.DataFrame, *, selected: str | None = None, max_markers: int = DENSITY_THRESHOLD
) -> go.Figure:
    """Events in one swimlane per category; periods as light bars, status as marker shape; counts when crowded."""
    if timeline_detail(events, max_markers).density:
        return density_figure(events, categories)
    where = _positions(events, categories)
    figure = go.Figure()
    figure.add_traces(_lane_traces(events, categories, where))
    figure.add_traces(_selected_trace(events, where, selected))
    figure.add_traces(_status_key())
    figure.update_layout(
        **_lanes_layout(events, categories),
        dragmode="zoom",
        clickmode="event+select",
        hovermode="closest",
    )
    return figure


def density_figure(events: pd.DataFrame, categories: pd.DataFrame) -> go.Figure:
    """Counts of events per month in each lane: the level of detail for crowded views."""
    lanes = [escape_html(str(label)) for label in categories["label"]]
    lane_of = {category: index for index, category in enumerate(categories["id"])}
    starts = pd.to_datetime(events["start"])
    months = (starts.dt.year * 12 + starts.dt.month - 1).to_numpy(dtype="int64")
    first = int(months.min()) if len(months) else 0
    width = int(months.max()) - first + 1 if len(months) else 0
    counts = np.zeros((len(lanes), width), dtype="int32")
    np.add.at(counts, (events["category"].map(lane_of).to_numpy(dtype="int64"), months - first), 1)
    bins = pd.Series(pd.to_datetime([f"{(first + i) // 12}-{(first + i) % 12 + 1:02d}-01" for i in range(width)]))
    x = milliseconds(bins) if width else np.array([], dtype="float64")
    figure = go.Figure(
        go.Heatmap(
            x=x,
            y=np.arange(len(lanes), dtype="int8"),
            z=counts,
            colorscale="Blues",
            name="Events per month",
            hovertemplate="%{z} events<br>%{x|%B %Y}<extra></extra>",
            colorbar={"title": {"text": "Events"}},
        )
    )
    figure.update_layout(**_lanes_layout(events, categories))
    return figure


def preview_figure(events: pd.DataFrame, categories: pd.DataFrame, dataset: Dataset, event_id: str) -> go.Figure:
    """The timeline of the year around a new event, with it ringed; cheap whatever the file's size."""
    new = events_frame(dataset.model_copy(update={"events": [e for e in dataset.events if e.id == event_id]}))
    year = pd.Timedelta(days=365)
    near = events[(events["end"] >= new["start"].iloc[0] - year) & (events["start"] <= new["end"].iloc[0] + year)]
    return timeline_figure(pd.concat([near, new], ignore_index=True), categories, selected=event_id)
