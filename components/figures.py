"""Plotly figures from the frames: DataFrame in, `go.Figure` out, no I/O and no Streamlit."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .frames import PALETTE, UNSPECIFIED_DESTINATION
from .text import escape_html, optional_text

TEMPLATE = "plotly_white"
MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
GREY = "#999999"
# Status is also a shape, so it never depends on colour alone.
STATUS_SYMBOLS = {"confirmed": "circle", "reported": "diamond", "disputed": "x"}
PERIOD_LEGEND = "bar = period (month, year or span)"
MILESTONE_LABEL_LENGTH = 40
_MILLISECONDS_PER_DAY = 86_400_000


def _day(timestamp: pd.Timestamp) -> str:
    return f"{timestamp:%Y-%m-%d}"


def _long_date(timestamp: pd.Timestamp) -> str:
    return f"{timestamp.day} {timestamp:%B %Y}"


def _number(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _has_period(row: pd.Series) -> bool:
    return bool(row["has_end"]) or row["precision"] in ("month", "year")


def _event_hover(row: pd.Series) -> str:
    lines = [escape_html(str(row["date_label"])), f"<b>{escape_html(str(row['title']))}</b>"]
    lines.append(escape_html(str(row["category_label"])))
    if row["status"] != "confirmed":
        lines.append(f"Status: {escape_html(str(row['status']))}")
    released = _number(row["released"])
    if released is not None:
        lines.append(f"People freed: {released:,}")
    people = optional_text(row["people_names"])
    if people:
        lines.append(f"People: {escape_html(people)}")
    return "<br>".join(lines)


def timeline_figure(events: pd.DataFrame, categories: pd.DataFrame, *, selected: str | None = None) -> go.Figure:
    """Events in one swimlane per category; periods as light bars, status as marker shape."""
    lanes = [escape_html(str(label)) for label in categories["label"]]
    figure = go.Figure()
    spans: list[go.Scatter] = []
    markers: list[go.Scatter] = []
    positions: dict[str, tuple[pd.Timestamp, str]] = {}
    for category, lane, color in zip(categories["id"], lanes, categories["color"], strict=True):
        rows = events[events["category"] == category]
        span_x: list[pd.Timestamp | None] = []
        span_y: list[str | None] = []
        marker_x: list[pd.Timestamp] = []
        for _, row in rows.iterrows():
            start, end = pd.Timestamp(row["start"]), pd.Timestamp(row["end"])
            if _has_period(row):
                span_x += [start, end, None]
                span_y += [lane, lane, None]
                # The marker sits mid-period so a year is not read as its 1 January.
                start = start + (end - start) / 2
            marker_x.append(start)
            positions[str(row["id"])] = (start, lane)
        if span_x:
            spans.append(
                go.Scatter(
                    x=span_x,
                    y=span_y,
                    mode="lines",
                    line={"color": color, "width": 14},
                    opacity=0.35,
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=category,
                    name=f"{lane} period",
                )
            )
        markers.append(
            go.Scatter(
                x=marker_x,
                y=[lane] * len(marker_x),
                mode="markers",
                name=lane,
                legendgroup=category,
                marker={
                    "color": color,
                    "size": 12,
                    "symbol": [STATUS_SYMBOLS.get(str(s), "circle") for s in rows["status"]],
                    "line": {"color": "white", "width": 1},
                },
                customdata=[str(event_id) for event_id in rows["id"]],
                text=[_event_hover(row) for _, row in rows.iterrows()],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    figure.add_traces([*spans, *markers])
    if selected is not None and selected in positions:
        x, lane = positions[selected]
        figure.add_trace(
            go.Scatter(
                x=[x],
                y=[lane],
                mode="markers",
                name="Selected",
                marker={"symbol": "circle-open", "size": 26, "color": "black", "line": {"width": 3}},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    key = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=status.capitalize(),
            marker={"symbol": symbol, "size": 10, "color": GREY},
            legendgroup="key",
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
    figure.add_traces(key)
    xaxis: dict[str, Any] = {"type": "date", "title": {"text": "Date"}, "rangeslider": {"visible": True}}
    if len(events):
        first = pd.Timestamp(events["start"].min()) - pd.Timedelta(days=30)
        last = pd.Timestamp(events["end"].max()) + pd.Timedelta(days=30)
        xaxis["range"] = [_day(first), _day(last)]
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=120 + 60 * len(lanes),
        xaxis=xaxis,
        # Category axes count upwards from the bottom; reversed puts the first declared lane on top.
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": lanes,
            "autorange": "reversed",
            "title": {"text": "Category"},
        },
        dragmode="zoom",
        clickmode="event+select",
        hovermode="closest",
    )
    return figure


def _person_hover(row: pd.Series) -> str:
    lines = [f"<b>{escape_html(str(row['name']))}</b>", escape_html(str(row["role"]))]
    lines.append(f"Detained {escape_html(optional_text(row['detained_label']) or _long_date(row['detained']))}")
    if row["still_held"]:
        lines.append(f"Still held as of {_long_date(pd.Timestamp(row['held_until']))}")
    else:
        released = optional_text(row["released_label"]) or _long_date(pd.Timestamp(row["held_until"]))
        lines.append(f"Released {escape_html(released)}")
    sentence = optional_text(row["sentence"])
    if sentence:
        lines.append(f"Sentence: {escape_html(sentence)}")
    return "<br>".join(lines)


def detention_figure(people: pd.DataFrame) -> go.Figure:
    """One bar per detained person from arrest to release (or to `as_of` while still held)."""
    detained = people[people["detained"].notna()].sort_values(["detained", "name"], kind="stable")
    names = [escape_html(str(name)) for name in detained["name"]]
    figure = go.Figure()
    for still_held, name, color, pattern in (
        (False, "Released", PALETTE[0], ""),
        (True, "Still held", PALETTE[1], "/"),
    ):
        rows = detained[detained["still_held"] == still_held]
        if rows.empty:
            continue
        start = pd.to_datetime(rows["detained"])
        duration = (pd.to_datetime(rows["held_until"]) - start) / pd.Timedelta(milliseconds=1)
        # As px.timeline does: a horizontal bar whose base is a date and whose length is milliseconds.
        figure.add_trace(
            go.Bar(
                y=[escape_html(str(person)) for person in rows["name"]],
                base=[_day(day) for day in start],
                x=list(duration),
                orientation="h",
                name=name,
                marker={"color": color, "pattern": {"shape": pattern}},
                customdata=[str(person_id) for person_id in rows["id"]],
                hovertext=[_person_hover(row) for _, row in rows.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=140 + 32 * len(names),
        barmode="overlay",
        xaxis={"type": "date", "title": {"text": "Date"}},
        # Earliest arrest first, at the top.
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": names,
            "autorange": "reversed",
            "title": {"text": "Person"},
        },
    )
    return figure


def _count_hover(row: pd.Series) -> str:
    count = f"{'over ' if row['approximate'] else ''}{int(row['count']):,}"
    return "<br>".join(
        [
            escape_html(str(row["date_label"])),
            f"<b>{count}</b> political prisoners",
            f"Source: {escape_html(str(row['source_label']))}",
        ]
    )


def prisoners_figure(counts: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Political prisoners over time, releases as bars on a second axis and key events as dotted lines."""
    figure = go.Figure()
    hover = [_count_hover(row) for _, row in counts.iterrows()]
    figure.add_trace(
        go.Scatter(
            x=list(counts["date"]),
            y=[int(count) for count in counts["count"]],
            mode="lines+markers",
            name="Political prisoners (Viasna)",
            line={"color": PALETTE[0]},
            marker={"color": PALETTE[0], "size": 6},
            text=hover,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    approximate = counts["approximate"].astype(bool)
    if approximate.any():
        rows = counts[approximate]
        figure.add_trace(
            go.Scatter(
                x=list(rows["date"]),
                y=[int(count) for count in rows["count"]],
                mode="markers",
                name="Approximate (over/about)",
                marker={"symbol": "circle-open", "size": 13, "color": PALETTE[1], "line": {"width": 2}},
                text=[text for text, flag in zip(hover, approximate, strict=True) if flag],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    releases = events[events["released"].notna()]
    if len(releases):
        figure.add_trace(
            go.Bar(
                x=list(releases["start"]),
                y=[int(number) for number in releases["released"]],
                yaxis="y2",
                name="People freed",
                width=7 * _MILLISECONDS_PER_DAY,
                marker={"color": PALETTE[2]},
                opacity=0.6,
                customdata=[str(event_id) for event_id in releases["id"]],
                hovertext=[
                    f"{escape_html(str(row['date_label']))}<br><b>{escape_html(str(row['title']))}</b>"
                    f"<br>People freed: {int(row['released']):,}"
                    for _, row in releases.iterrows()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    milestones = events[events["milestone"].astype(bool)]
    shapes = []
    annotations = []
    for _, row in milestones.iterrows():
        day = _day(pd.Timestamp(row["start"]))
        title = str(row["title"])
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": day,
                "x1": day,
                "y0": 0,
                "y1": 1,
                "line": {"color": GREY, "width": 1, "dash": "dot"},
            }
        )
        # Annotations separate from the shapes: add_vline(annotation_text=...) fails on date axes.
        annotations.append(
            {
                "x": day,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": escape_html(_truncate(title, MILESTONE_LABEL_LENGTH)),
                "hovertext": f"{escape_html(str(row['date_label']))}<br>{escape_html(title)}",
                "textangle": -90,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 10, "color": "#555555"},
            }
        )
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=480,
        xaxis={"type": "date", "title": {"text": "Date"}},
        yaxis={"title": {"text": "Political prisoners"}, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "People freed"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
    )
    return figure


def _destination_colors(destinations: list[str]) -> dict[str, str]:
    named = [d for d in destinations if d != UNSPECIFIED_DESTINATION]
    colors = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(named)}
    colors[UNSPECIFIED_DESTINATION] = GREY
    return colors


def releases_figure(releases: pd.DataFrame) -> go.Figure:
    """People freed per release, stacked by destination, with the running total on a second axis."""
    events = releases.drop_duplicates("id").sort_values(["start", "id"], kind="stable")
    order = [str(event_id) for event_id in events["id"]]
    totals = releases.groupby("id", sort=False)["released"].sum()
    # Named destinations by number freed, the unreported remainder last.
    by_size = releases.groupby("destination", sort=False)["released"].sum().sort_values(ascending=False, kind="stable")
    destinations = [str(d) for d in by_size.index if d != UNSPECIFIED_DESTINATION]
    if (releases["destination"] == UNSPECIFIED_DESTINATION).any():
        destinations.append(UNSPECIFIED_DESTINATION)
    colors = _destination_colors(destinations)
    figure = go.Figure()
    for destination in destinations:
        rows = releases[releases["destination"] == destination]
        figure.add_trace(
            go.Bar(
                x=[str(event_id) for event_id in rows["id"]],
                y=[int(number) for number in rows["released"]],
                name=escape_html(destination),
                marker={"color": colors[destination]},
                customdata=[str(event_id) for event_id in rows["id"]],
                hovertext=[
                    f"{escape_html(str(row['date_label']))}<br><b>{escape_html(str(row['title']))}</b>"
                    f"<br>{escape_html(destination)}: {int(row['released']):,}"
                    for _, row in rows.iterrows()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    cumulative = [int(totals[event_id]) for event_id in order]
    running = pd.Series(cumulative, dtype="int64").cumsum().tolist()
    figure.add_trace(
        go.Scatter(
            x=order,
            y=running,
            yaxis="y2",
            mode="lines+markers",
            name="Cumulative freed",
            line={"color": "#000000", "width": 2},
            marker={"size": 6},
            customdata=order,
            hovertext=[
                f"{escape_html(str(row['date_label']))}<br><b>{escape_html(str(row['title']))}</b>"
                f"<br>Cumulative freed: {total:,}"
                for (_, row), total in zip(events.iterrows(), running, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=440,
        barmode="stack",
        # The event id keeps two releases on one day apart; the ticks show their dates.
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order,
            "tickmode": "array",
            "tickvals": order,
            "ticktext": [escape_html(str(label)) for label in events["date_label"]],
            "tickangle": -45,
            "title": {"text": "Release"},
        },
        yaxis={"title": {"text": "People freed"}, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "Cumulative freed"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="closest",
    )
    return figure
