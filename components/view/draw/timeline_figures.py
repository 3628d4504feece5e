"""The timeline: events in one swimlane per category, or counts per month when crowded (pure figures)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...data.model import Dataset
from ...i18n import N_, _, ngettext, number_text, speaks
from ..shape.frames import events_frame
from ..words.text import escape_html
from .detail import DENSITY_THRESHOLD, timeline_detail
from .labels import FONT_SIZE, MIN_PLOT_WIDTH_PX, Candidate, Placement, place_labels
from .style import (
    GREY,
    LEGEND_BELOW,
    MILLISECONDS_PER_DAY,
    STATUS_SYMBOLS,
    TEMPLATE,
    date_axis,
    date_range,
    hover_date_format,
    lane_axis,
    milliseconds,
    number_separators,
    status_word,
    whole_number,
)

PERIOD_LEGEND = N_("bar = period (month, year or span)")
LANE_PX = 48  # height of one category's lane
ROW_PX = 18  # height of one row of event titles above the lanes
FEW_EVENTS = 15  # with this many events in view or fewer, every event is a label candidate, not only milestones
MARGIN_PX = {"l": 8, "r": 8, "t": 8, "b": 64}  # the bottom holds the date ticks and the legend
MARKER_KINDS = ("day", "month", "year", "span")
HOVER_LINE_CHARS = 26  # ~180 px at the tooltip's size: it fits beside a point anywhere on a 320 px plot
TARGET_STEP_PX = 14  # a printed title's tap targets, this far apart: a finger anywhere on the title finds one


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
    starts, ends = milliseconds(events["start"]), milliseconds(events["until"])
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


def _freed(number: int) -> str:
    return ngettext("{count} freed", "{count} freed", number).format(count=number_text(number))


def _lines(text: str) -> str:
    """A title cut into short lines for its tooltip, so that the tooltip fits beside a point on a phone's screen."""
    return "<br>".join(escape_html(line) for line in textwrap.wrap(text, HOVER_LINE_CHARS) or [""])


def _hover_texts(chosen: pd.DataFrame, kind: str) -> list[str]:
    titles = [_lines(str(t)) for t in chosen["title"]]
    freed = [whole_number(v) for v in chosen["released"]]
    text = [t if n is None else f"{t} · {_freed(n)}" for t, n in zip(titles, freed, strict=True)]
    if kind == "span":
        # A span's hover names both ends, which one x value cannot carry.
        labels = [escape_html(str(d)) for d in chosen["date_label"]]
        text = [f"<b>{t}</b><br>{d}" for t, d in zip(text, labels, strict=True)]
    return text


def _marker_trace(
    chosen: pd.DataFrame,
    x: np.ndarray,
    y: np.ndarray,
    *,
    status: str,
    kind: str,
    lane: tuple[str, str, str],
    language: str,
) -> go.Scatter:
    category, label, color = lane
    # Plotly formats the hover date itself; a fuzzy date's marker sits mid-period, so the format names the period.
    head = "%{text}<br>" if kind == "span" else f"<b>%{{text}}</b><br>%{{x|{hover_date_format(kind, language)}}}<br>"
    state = "" if status == "confirmed" else f" · {status_word(status)}"
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


def _lane_traces(events: pd.DataFrame, categories: pd.DataFrame, where: _Positions, language: str) -> list[go.Scatter]:
    traces: list[go.Scatter] = []
    lanes = [escape_html(str(label)) for label in categories["label"]]
    for index, (category, label, color) in enumerate(zip(categories["id"], lanes, categories["color"], strict=True)):
        in_lane = (events["category"] == category).to_numpy(dtype=bool)
        if (in_lane & where.period).any():
            traces.append(_span_trace(where, in_lane & where.period, index=index, lane=(category, label, color)))
        for status, kind, rows in _marker_groups(events, in_lane):
            lane = (category, label, color)
            trace = _marker_trace(
                events[rows],
                where.middle[rows],
                where.lane[rows],
                status=status,
                kind=kind,
                lane=lane,
                language=language,
            )
            trace.showlegend = False  # lanes are named inside the plot; the legend keys the shapes
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


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]


def _status_key() -> list[go.Scatter]:
    """Legend entries for the marker shapes and the period bar, drawn in grey."""
    key = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=_capitalized(status_word(status)),
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
            name=_(PERIOD_LEGEND),
            line={"color": GREY, "width": 10},
            opacity=0.35,
            legendgroup="key",
        )
    )
    return key


def timeline_placement(events: pd.DataFrame) -> tuple[Placement, tuple[float, float]]:
    """Which event titles the timeline prints and where (milestones first; every event when few are in view)."""
    span = date_range(events)
    if span is None:
        return Placement((), 0), (0.0, 1.0)
    x_range = (float(span[0].value // 1_000_000), float(span[1].value // 1_000_000))
    few = len(events) <= FEW_EVENTS
    chosen = events if few else events[events["milestone"].astype(bool)]
    middle = milliseconds(chosen["start"]) / 2 + milliseconds(chosen["until"]) / 2
    candidates = [
        Candidate(str(event_id), str(short), float(x), 2.0 * bool(milestone) + (0 if pd.isna(freed) else freed / 1e6))
        for event_id, short, x, milestone, freed in zip(
            chosen["id"], chosen["chart_label"], middle, chosen["milestone"], chosen["released"], strict=True
        )
    ]
    return place_labels(candidates, x_range), x_range


def _row_y(row: int) -> float:
    """The centre of a row of titles, in lane units above the first lane."""
    return -0.5 - (row + 0.5) * ROW_PX / LANE_PX


def _title_targets(events: pd.DataFrame, placement: Placement, x_range: tuple[float, float]) -> go.Scatter:
    """Invisible points along each printed title, carrying its event's id: a tap or click on a title selects the event
    as one on its marker does (Plotly's annotations cannot be selected). Spread over the title's extent at the
    narrowest width, where titles are placed; wider, the titles spread apart and the points with them."""
    low, high = x_range
    scale = ((high - low) or 1.0) / MIN_PLOT_WIDTH_PX  # axis units per pixel at the narrowest width
    titles = dict(zip(events["id"].astype(str), events["title"].astype(str), strict=True))
    xs: list[float] = []
    ys: list[float] = []
    ids: list[str] = []
    texts: list[str] = []
    for label in placement.labels:
        count = max(1, math.ceil((label.right_px - label.left_px) / TARGET_STEP_PX))
        step = (label.right_px - label.left_px) / count
        for index in range(count):
            xs.append(low + (label.left_px + (index + 0.5) * step) * scale)
            ys.append(_row_y(label.row))
            ids.append(label.key)
            texts.append(_lines(titles[label.key]))
    return go.Scatter(
        x=np.array(xs, dtype="float64"), y=ys, mode="markers", name="title targets", showlegend=False,
        marker={"size": TARGET_STEP_PX + 2, "color": "rgba(0,0,0,0)"}, customdata=ids, text=texts,
        hovertemplate="<b>%{text}</b><extra></extra>",
    )  # fmt: skip


def _title_marks(
    events: pd.DataFrame, where: _Positions, placement: Placement
) -> tuple[list[dict[str, Any]], go.Scatter]:
    """The printed titles, and one trace of thin leader lines from each title down to its event."""
    lane_of = dict(zip(events["id"].astype(str), where.lane, strict=True))
    annotations, xs, ys = [], [], []
    for label in placement.labels:
        when = pd.Timestamp(int(label.x), unit="ms").isoformat()
        annotations.append({
            "x": when, "y": _row_y(label.row), "xref": "x", "yref": "y", "xshift": label.shift_px,
            "text": escape_html(label.text), "showarrow": False, "xanchor": "center", "yanchor": "middle",
            "font": {"size": FONT_SIZE, "color": "#1a1a1a"}, "bgcolor": "rgba(255,255,255,0.9)",
        })  # fmt: skip
        xs += [label.x, label.x, np.nan]
        ys += [_row_y(label.row) + ROW_PX / LANE_PX / 2, float(lane_of[label.key]), np.nan]
    leaders = go.Scatter(
        x=np.array(xs, dtype="float64"), y=ys, mode="lines", line={"color": "#b0b0b0", "width": 1},
        hoverinfo="skip", showlegend=False, name="title leaders",
    )  # fmt: skip
    return annotations, leaders


def _lane_names(categories: pd.DataFrame) -> list[dict[str, Any]]:
    """Each lane's name at its top left, inside the plot."""
    return [
        {"x": 0, "xref": "paper", "y": index - 0.5, "yref": "y", "xanchor": "left", "yanchor": "top",
         "text": escape_html(str(label)), "showarrow": False, "font": {"size": 10, "color": "#444444"},
         "bgcolor": "rgba(255,255,255,0.85)"}
        for index, label in enumerate(categories["label"])
    ]  # fmt: skip


def _lanes_layout(events: pd.DataFrame, categories: pd.DataFrame, language: str, rows: int = 0) -> dict[str, Any]:
    """A date axis across, one lane per category down, and `rows` rows of titles above."""
    lanes = len(categories)
    band = rows * ROW_PX / LANE_PX
    return {
        "template": TEMPLATE,
        "margin": MARGIN_PX,
        "height": MARGIN_PX["t"] + MARGIN_PX["b"] + lanes * LANE_PX + rows * ROW_PX,
        "xaxis": date_axis(events, language),
        "yaxis": lane_axis(lanes, band),
        "legend": LEGEND_BELOW,
        **number_separators(language),
    }


@speaks
def timeline_figure(
    events: pd.DataFrame,
    categories: pd.DataFrame,
    *,
    language: str,
    selected: str | None = None,
    max_markers: int = DENSITY_THRESHOLD,
) -> go.Figure:
    """Events in one swimlane per category with the key events' titles printed above; periods as light bars,
    status as marker shape; counts per month when crowded."""
    if timeline_detail(events, max_markers).density:
        return density_figure(events, categories, language=language)
    where = _positions(events, categories)
    placement, x_range = timeline_placement(events)
    titles, leaders = _title_marks(events, where, placement)
    figure = go.Figure()
    figure.add_trace(leaders)
    if placement.labels:
        figure.add_trace(_title_targets(events, placement, x_range))
    figure.add_traces(_lane_traces(events, categories, where, language))
    figure.add_traces(_selected_trace(events, where, selected))
    figure.add_traces(_status_key())
    rows = 1 + max((label.row for label in placement.labels), default=-1)
    figure.update_layout(
        **_lanes_layout(events, categories, language, rows),
        annotations=_lane_names(categories) + titles,
        dragmode="zoom",
        clickmode="event+select",
        hovermode="closest",
    )
    return figure


def _events(count: int) -> str:
    return ngettext("{count} event", "{count} events", count).format(count=number_text(count))


@speaks
def density_figure(events: pd.DataFrame, categories: pd.DataFrame, *, language: str) -> go.Figure:
    """Counts of events per month in each lane: the level of detail for crowded views."""
    lane_of = {category: index for index, category in enumerate(categories["id"])}
    starts = pd.to_datetime(events["start"])
    months = (starts.dt.year * 12 + starts.dt.month - 1).to_numpy(dtype="int64")
    first = int(months.min()) if len(months) else 0
    width = int(months.max()) - first + 1 if len(months) else 0
    counts = np.zeros((len(categories), width), dtype="int32")
    np.add.at(counts, (events["category"].map(lane_of).to_numpy(dtype="int64"), months - first), 1)
    bins = pd.Series(pd.to_datetime([f"{(first + i) // 12}-{(first + i) % 12 + 1:02d}-01" for i in range(width)]))
    x = milliseconds(bins) if width else np.array([], dtype="float64")
    words = {int(n): _events(int(n)) for n in np.unique(counts)}  # each count's words once, not once a cell
    figure = go.Figure(
        go.Heatmap(
            x=x,
            y=np.arange(len(categories), dtype="int8"),
            z=counts,
            text=[[words[int(n)] for n in row] for row in counts],
            colorscale="Blues",
            name=_("Events per month"),
            hovertemplate=f"%{{text}}<br>%{{x|{hover_date_format('month', language)}}}<extra></extra>",
            colorbar={"title": {"text": _("Events")}, "orientation": "h", "y": -0.15, "thickness": 10},
        )
    )
    figure.update_layout(**_lanes_layout(events, categories, language), annotations=_lane_names(categories))
    return figure


def preview_figure(
    events: pd.DataFrame, categories: pd.DataFrame, dataset: Dataset, event_id: str, *, language: str
) -> go.Figure:
    """The timeline of the year around a new event, with it ringed; cheap whatever the file's size."""
    new = events_frame(dataset.model_copy(update={"events": [e for e in dataset.events if e.id == event_id]}))
    year = pd.Timedelta(days=365)
    near = events[(events["until"] >= new["start"].iloc[0] - year) & (events["start"] <= new["until"].iloc[0] + year)]
    return timeline_figure(pd.concat([near, new], ignore_index=True), categories, language=language, selected=event_id)
