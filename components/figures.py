"""Plotly figures from the frames: DataFrame in, `go.Figure` out, no I/O and no Streamlit."""

from __future__ import annotations

from typing import Any

import numpy as np
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


DENSITY_THRESHOLD = 5000  # more events in view than this are drawn as counts per month
# Plotly formats the hover date itself; a fuzzy date's marker sits mid-period, so these name the right period.
DATE_FORMATS = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}


def _milliseconds(values: pd.Series) -> np.ndarray:
    # Numbers on a date axis are milliseconds since 1970: sent as a compact typed array, not ISO strings.
    return pd.to_datetime(values).to_numpy(dtype="datetime64[ms]").astype("int64").astype("float64")


def _lane_axis(lanes: list[str]) -> dict[str, Any]:
    # Lanes are numbers 0..n-1 labelled by tick text; the range runs downwards so the first lane is on top.
    return {
        "tickmode": "array",
        "tickvals": list(range(len(lanes))),
        "ticktext": lanes,
        "range": [len(lanes) - 0.5, -0.5],
        "autorange": False,
        "title": {"text": "Category"},
        "zeroline": False,
        "showgrid": True,
    }


def timeline_figure(
    events: pd.DataFrame, categories: pd.DataFrame, *, selected: str | None = None, max_markers: int = DENSITY_THRESHOLD
) -> go.Figure:
    """Events in one swimlane per category; periods as light bars, status as marker shape; counts when crowded."""
    lanes = [escape_html(str(label)) for label in categories["label"]]
    if len(events) > max_markers:
        return density_figure(events, categories)
    figure = go.Figure()
    lane_of = {category: index for index, category in enumerate(categories["id"])}
    starts, ends = _milliseconds(events["start"]), _milliseconds(events["end"])
    period = (events["has_end"] | events["precision"].isin(["month", "year"])).to_numpy(dtype=bool)
    # float32 milliseconds are exact to about two minutes: a day's marker at noon never shows the wrong day.
    middle = np.where(period, (starts + ends) / 2, starts + _MILLISECONDS_PER_DAY / 2).astype("float32")
    lane = events["category"].map(lane_of).to_numpy(dtype="int8")
    traces: list[go.Scatter] = []
    for category, index, label, color in zip(
        categories["id"], range(len(lanes)), lanes, categories["color"], strict=True
    ):
        in_lane = (events["category"] == category).to_numpy(dtype=bool)
        spans = in_lane & period
        if spans.any():
            count = int(spans.sum())
            # A NaN x between spans breaks the line, so y can stay a one-byte lane number.
            span_x = np.column_stack([starts[spans], ends[spans], np.full(count, np.nan)]).ravel().astype("float32")
            span_y = np.full(3 * count, index, dtype="int8")
            traces.append(
                go.Scatter(
                    x=span_x,
                    y=span_y,
                    mode="lines",
                    line={"color": color, "width": 14},
                    opacity=0.35,
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=category,
                    name=f"{label} period",
                )
            )
        first = True
        for status, symbol in STATUS_SYMBOLS.items():
            for kind in ("day", "month", "year", "span"):
                if kind == "span":
                    rows = in_lane & (events["status"] == status).to_numpy() & events["has_end"].to_numpy(dtype=bool)
                else:
                    rows = (
                        in_lane
                        & (events["status"] == status).to_numpy()
                        & ~events["has_end"].to_numpy(dtype=bool)
                        & (events["precision"] == kind).to_numpy()
                    )
                if not rows.any():
                    continue
                chosen = events[rows]
                titles = [escape_html(str(t)) for t in chosen["title"]]
                freed = [_number(v) for v in chosen["released"]]
                text = [t if n is None else f"{t} · {n:,} freed" for t, n in zip(titles, freed, strict=True)]
                if kind == "span":
                    # A span's hover names both ends, which one x value cannot carry.
                    labels = [escape_html(str(d)) for d in chosen["date_label"]]
                    text = [f"<b>{t}</b><br>{d}" for t, d in zip(text, labels, strict=True)]
                    head = "%{text}<br>"
                else:
                    head = f"<b>%{{text}}</b><br>%{{x|{DATE_FORMATS[kind]}}}<br>"
                state = "" if status == "confirmed" else f" · {status}"
                traces.append(
                    go.Scatter(
                        x=middle[rows],
                        y=lane[rows],
                        mode="markers",
                        name=label,
                        legendgroup=category,
                        showlegend=first,
                        marker={"color": color, "size": 12, "symbol": symbol, "line": {"color": "white", "width": 1}},
                        customdata=list(chosen["id"].astype(str)),
                        text=text,
                        hovertemplate=f"{head}{label}{state}<extra></extra>",
                    )
                )
                first = False
    figure.add_traces(traces)
    ids = events["id"].astype(str).to_numpy()
    if selected is not None and (ids == selected).any():
        where = int(np.flatnonzero(ids == selected)[0])
        figure.add_trace(
            go.Scatter(
                x=[float(middle[where])],
                y=[int(lane[where])],
                mode="markers",
                name="Selected",
                hoverinfo="skip",
                showlegend=False,
                marker={"symbol": "circle-open", "size": 26, "color": "black", "line": {"width": 3}},
            )
        )
    figure.add_traces(_status_key())
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=120 + 60 * len(lanes),
        xaxis=_date_axis(events),
        yaxis=_lane_axis(lanes),
        dragmode="zoom",
        clickmode="event+select",
        hovermode="closest",
        meta={"density": False},
    )
    return figure


def _status_key() -> list[go.Scatter]:
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


def _date_axis(events: pd.DataFrame) -> dict[str, Any]:
    xaxis: dict[str, Any] = {"type": "date", "title": {"text": "Date"}, "rangeslider": {"visible": True}}
    if len(events):
        first = pd.Timestamp(events["start"].min()) - pd.Timedelta(days=30)
        last = pd.Timestamp(events["end"].max()) + pd.Timedelta(days=30)
        xaxis["range"] = [_day(first), _day(last)]
    return xaxis


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
    x = _milliseconds(bins) if width else np.array([], dtype="float64")
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
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=120 + 60 * len(lanes),
        xaxis=_date_axis(events),
        yaxis=_lane_axis(lanes),
        meta={"density": True, "events": len(events)},
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


LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
RELEASE_DETAIL_LIMIT = 200  # more releases than this are summed per month
MILESTONE_LIMIT = 40  # more key events than this are thinned, evenly over time


def _release_hovers(releases: pd.DataFrame, label: str) -> list[str]:
    """Date, title and '<label>: number freed' for each release row."""
    return [
        f"{escape_html(str(date))}<br><b>{escape_html(str(title))}</b><br>{label}: {int(number):,}"
        for date, title, number in zip(releases["date_label"], releases["title"], releases["released"], strict=True)
    ]


def _right_axis(title: str) -> dict[str, Any]:
    """A second y axis on the right, over the first, for numbers of another scale."""
    return {"title": {"text": title}, "overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False}


def monthly_releases(releases: pd.DataFrame) -> pd.DataFrame:
    """Release rows summed per (month, destination): the level of detail for many releases."""
    month = pd.to_datetime(releases["start"]).dt.to_period("M")
    grouped = releases.assign(month=month).groupby(["month", "destination"], sort=True)
    frame = grouped.agg(released=("released", "sum"), releases=("id", "nunique")).reset_index()
    frame["start"] = frame["month"].dt.to_timestamp()
    frame["id"] = "month-" + frame["month"].astype(str)
    frame["date_label"] = frame["start"].dt.strftime("%B %Y")
    frame["title"] = frame["releases"].astype(str) + " releases"
    return frame[["id", "start", "date_label", "title", "destination", "released"]]


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
    if len(releases) > RELEASE_DETAIL_LIMIT:
        summed = releases.assign(month=pd.to_datetime(releases["start"]).dt.to_period("M"))
        summed = summed.groupby("month").agg(released=("released", "sum"), count=("id", "size")).reset_index()
        figure.add_trace(go.Bar(
            x=_milliseconds(summed["month"].dt.to_timestamp()), y=summed["released"].to_numpy(dtype="int64"),
            yaxis="y2", name="People freed (per month)", width=25 * _MILLISECONDS_PER_DAY, marker={"color": PALETTE[2]},
            opacity=0.6, customdata=summed["count"].to_numpy(dtype="int32"),
            hovertemplate="%{x|%B %Y}<br>%{customdata} releases<br>People freed: %{y:,}<extra></extra>",
        ))  # fmt: skip
    elif len(releases):
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
                hovertext=_release_hovers(releases, "People freed"),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    milestones = events[events["milestone"].astype(bool)]
    total_milestones = len(milestones)
    if total_milestones > MILESTONE_LIMIT:
        keep = np.linspace(0, total_milestones - 1, MILESTONE_LIMIT).round().astype(int)
        milestones = milestones.sort_values("start", kind="stable").iloc[np.unique(keep)]
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
        yaxis2=_right_axis("People freed"),
        legend=LEGEND_ABOVE,
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
        meta={"milestones": total_milestones, "milestones_shown": len(milestones), "releases": len(releases)},
    )
    return figure


def _destination_colors(destinations: list[str]) -> dict[str, str]:
    named = [d for d in destinations if d != UNSPECIFIED_DESTINATION]
    colors = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(named)}
    colors[UNSPECIFIED_DESTINATION] = GREY
    return colors


def releases_figure(releases: pd.DataFrame) -> go.Figure:
    """People freed per release, stacked by destination, with the running total on a second axis."""
    monthly = releases["id"].nunique() > RELEASE_DETAIL_LIMIT
    if monthly:
        releases = monthly_releases(releases)
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
                hovertext=_release_hovers(rows, escape_html(destination)),
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
        yaxis2=_right_axis("Cumulative freed"),
        legend=LEGEND_ABOVE,
        hovermode="closest",
        meta={"monthly": monthly},
    )
    return figure
