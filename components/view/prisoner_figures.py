"""The political-prisoner charts: Viasna's count with releases and key events, and people freed per release."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .detail import RELEASE_DETAIL_LIMIT, key_events, monthly_releases, release_events
from .frames import UNSPECIFIED_DESTINATION
from .style import (
    GREY,
    LEGEND_ABOVE,
    MARGIN,
    MILLISECONDS_PER_DAY,
    PALETTE,
    TEMPLATE,
    day_text,
    milliseconds,
    right_axis,
    truncate,
)
from .text import escape_html

MILESTONE_LABEL_LENGTH = 40


def _count_hover(row: pd.Series) -> str:
    count = f"{'over ' if row['approximate'] else ''}{int(row['count']):,}"
    return "<br>".join(
        [
            escape_html(str(row["date_label"])),
            f"<b>{count}</b> political prisoners",
            f"Source: {escape_html(str(row['source_label']))}",
        ]
    )


def _release_hovers(releases: pd.DataFrame, label: str) -> list[str]:
    """Date, title and '<label>: number freed' for each release row."""
    return [
        f"{escape_html(str(date))}<br><b>{escape_html(str(title))}</b><br>{label}: {int(number):,}"
        for date, title, number in zip(releases["date_label"], releases["title"], releases["released"], strict=True)
    ]


def _count_traces(counts: pd.DataFrame) -> list[go.Scatter]:
    """Viasna's count as a line, and open rings on the counts the source gives as 'over' or 'about'."""
    hover = [_count_hover(row) for _, row in counts.iterrows()]
    traces = [
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
    ]
    approximate = counts["approximate"].astype(bool)
    if approximate.any():
        rows = counts[approximate]
        traces.append(
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
    return traces


def _release_bars(events: pd.DataFrame) -> list[go.Bar]:
    """People freed per release on the right axis; summed per month when there are many releases."""
    releases = release_events(events)
    if releases.empty:
        return []
    if len(releases) > RELEASE_DETAIL_LIMIT:
        summed = releases.assign(month=pd.to_datetime(releases["start"]).dt.to_period("M"))
        summed = summed.groupby("month").agg(released=("released", "sum"), count=("id", "size")).reset_index()
        return [
            go.Bar(
                x=milliseconds(summed["month"].dt.to_timestamp()),
                y=summed["released"].to_numpy(dtype="int64"),
                yaxis="y2",
                name="People freed (per month)",
                width=25 * MILLISECONDS_PER_DAY,
                marker={"color": PALETTE[2]},
                opacity=0.6,
                customdata=summed["count"].to_numpy(dtype="int32"),
                hovertemplate="%{x|%B %Y}<br>%{customdata} releases<br>People freed: %{y:,}<extra></extra>",
            )
        ]
    return [
        go.Bar(
            x=list(releases["start"]),
            y=[int(number) for number in releases["released"]],
            yaxis="y2",
            name="People freed",
            width=7 * MILLISECONDS_PER_DAY,
            marker={"color": PALETTE[2]},
            opacity=0.6,
            customdata=[str(event_id) for event_id in releases["id"]],
            hovertext=_release_hovers(releases, "People freed"),
            hovertemplate="%{hovertext}<extra></extra>",
        )
    ]


def _milestone_marks(events: pd.DataFrame) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A dotted line and a label for each key event (thinned when there are many)."""
    shapes, annotations = [], []
    for _, row in key_events(events).iterrows():
        day = day_text(pd.Timestamp(row["start"]))
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
                "text": escape_html(truncate(title, MILESTONE_LABEL_LENGTH)),
                "hovertext": f"{escape_html(str(row['date_label']))}<br>{escape_html(title)}",
                "textangle": -90,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 10, "color": "#555555"},
            }
        )
    return shapes, annotations


def prisoners_figure(counts: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Political prisoners over time, releases as bars on a second axis and key events as dotted lines."""
    figure = go.Figure()
    figure.add_traces(_count_traces(counts))
    figure.add_traces(_release_bars(events))
    shapes, annotations = _milestone_marks(events)
    figure.update_layout(
        template=TEMPLATE,
        margin=MARGIN,
        height=480,
        xaxis={"type": "date", "title": {"text": "Date"}},
        yaxis={"title": {"text": "Political prisoners"}, "rangemode": "tozero"},
        yaxis2=right_axis("People freed"),
        legend=LEGEND_ABOVE,
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


def _destination_order(releases: pd.DataFrame) -> list[str]:
    """Named destinations by number freed, the unreported remainder last."""
    by_size = releases.groupby("destination", sort=False)["released"].sum().sort_values(ascending=False, kind="stable")
    destinations = [str(d) for d in by_size.index if d != UNSPECIFIED_DESTINATION]
    if (releases["destination"] == UNSPECIFIED_DESTINATION).any():
        destinations.append(UNSPECIFIED_DESTINATION)
    return destinations


def _running_total_trace(releases: pd.DataFrame, events: pd.DataFrame, order: list[str]) -> go.Scatter:
    totals = releases.groupby("id", sort=False)["released"].sum()
    running = pd.Series([int(totals[event_id]) for event_id in order], dtype="int64").cumsum().tolist()
    return go.Scatter(
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


def releases_figure(releases: pd.DataFrame) -> go.Figure:
    """People freed per release, stacked by destination, with the running total on a second axis."""
    if releases["id"].nunique() > RELEASE_DETAIL_LIMIT:
        releases = monthly_releases(releases)
    events = releases.drop_duplicates("id").sort_values(["start", "id"], kind="stable")
    order = [str(event_id) for event_id in events["id"]]
    destinations = _destination_order(releases)
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
    figure.add_trace(_running_total_trace(releases, events, order))
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
        yaxis2=right_axis("Cumulative freed"),
        legend=LEGEND_ABOVE,
        hovermode="closest",
    )
    return figure
