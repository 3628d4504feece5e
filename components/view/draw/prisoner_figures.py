"""The political-prisoner charts: Viasna's count with releases and key events, and people freed per release."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ...i18n import N_, _, ngettext, number_text, speaks
from ..shape.frames import PALETTE, UNSPECIFIED_DESTINATION, UNSPECIFIED_KIND, count_label
from ..shape.translated import country_name
from ..words.text import escape_html
from .detail import RELEASE_DETAIL_LIMIT, key_events, monthly_releases, release_events
from .labels import FONT_SIZE, Candidate, Placement, place_labels
from .style import (
    GREY,
    LEGEND_BELOW,
    MILLISECONDS_PER_DAY,
    TEMPLATE,
    hover_date_format,
    milliseconds,
    number_separators,
    padded,
    release_kind_text,
    right_axis,
    time_axis,
    truncate,
    whole_axis,
)

ROW_PX = 18  # a row of key-event titles above the chart
NOTE_HOVER_LENGTH = 160  # characters of a count's note in its hover (the table has it whole)
PLOT_HEIGHT_PX = 380
LEGEND_PX = 70  # below the plot: the date ticks and the legend


def _count_hover(row: pd.Series) -> str:
    count = count_label(row)
    prisoners = ngettext("<b>{count}</b> political prisoner", "<b>{count}</b> political prisoners", int(row["count"]))
    lines = [
        escape_html(str(row["date_label"])),
        prisoners.format(count=count),
        _("Source: {source}").format(source=escape_html(str(row["source_label"]))),
    ]
    note = row.get("note")
    if isinstance(note, str) and note:  # what the source's figure means (before a release, a lower bound)
        lines.append(escape_html(truncate(note, NOTE_HOVER_LENGTH)))
    return "<br>".join(lines)


def _release_hovers(releases: pd.DataFrame, label: str) -> list[str]:
    """Date, title and '<label>: number freed' for each release row."""
    return [
        f"{escape_html(str(date))}<br><b>{escape_html(str(title))}</b><br>{label}: {number_text(int(number))}"
        for date, title, number in zip(releases["date_label"], releases["title"], releases["released"], strict=True)
    ]


def _monthly_hovers(releases: list[int], freed: list[int]) -> list[str]:
    """'3 releases<br>People freed: 1,234' for each month's bar."""
    return [
        ngettext("{count} release", "{count} releases", count).format(count=number_text(count))
        + "<br>"
        + _("People freed: {count}").format(count=number_text(number))
        for count, number in zip(releases, freed, strict=True)
    ]


def _count_traces(counts: pd.DataFrame) -> list[go.Scatter]:
    """Viasna's count as a line, and open rings on the counts the source gives as 'over' or 'about'."""
    hover = [_count_hover(row) for _index, row in counts.iterrows()]
    traces = [
        go.Scatter(
            x=list(counts["date"]),
            y=[int(count) for count in counts["count"]],
            mode="lines+markers",
            name=_("Political prisoners held, Viasna (left axis)"),
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
                name=_("Approximate (over/about)"),
                marker={"symbol": "circle-open", "size": 13, "color": PALETTE[1], "line": {"width": 2}},
                text=[text for text, flag in zip(hover, approximate, strict=True) if flag],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def _death_marks(events: pd.DataFrame) -> list[go.Scatter]:
    """Each death in custody as a black cross on the date axis, its title in the hover."""
    deaths = events[events["death_in_custody"]]
    if deaths.empty:
        return []
    return [
        go.Scatter(
            x=list(deaths["start"]),
            y=[0] * len(deaths),
            mode="markers",
            name=_("Political prisoners who died in custody"),
            marker={"symbol": "x-thin", "size": 14, "color": PALETTE[7], "line": {"width": 3, "color": PALETTE[7]}},
            text=[
                f"{escape_html(str(date))}<br><b>{escape_html(str(title))}</b>"
                for date, title in zip(deaths["date_label"], deaths["title"], strict=True)
            ],
            hovertemplate="%{text}<extra></extra>",
            cliponaxis=False,
        )
    ]


def _release_bars(events: pd.DataFrame, language: str) -> list[go.Bar]:
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
                name=_("People freed per month (right axis)"),
                width=25 * MILLISECONDS_PER_DAY,
                marker={"color": PALETTE[2]},
                opacity=0.6,
                customdata=summed["count"].to_numpy(dtype="int32"),
                hovertext=_monthly_hovers(summed["count"].tolist(), summed["released"].tolist()),
                hovertemplate=f"%{{x|{hover_date_format('month', language)}}}<br>%{{hovertext}}<extra></extra>",
            )
        ]
    return [
        go.Bar(
            x=list(releases["start"]),
            y=[int(number) for number in releases["released"]],
            yaxis="y2",
            name=_("People freed per release (right axis)"),
            width=7 * MILLISECONDS_PER_DAY,
            marker={"color": PALETTE[2]},
            opacity=0.6,
            customdata=[str(event_id) for event_id in releases["id"]],
            hovertext=_release_hovers(releases, _("People freed")),
            hovertemplate="%{hovertext}<extra></extra>",
        )
    ]


def chart_range(counts: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The dates the prisoner chart spans: its counts and its events, a month of margin either side."""
    days = [*counts["date"], *events["start"], *events["until"]]
    if not days:
        return None
    return padded(min(days), max(days))


@dataclass(frozen=True)
class KeyEvent:
    """A key event as the chart numbers it; the page lists the numbers with their titles under the chart."""

    number: int
    event_id: str
    date_label: str
    title: str


def key_event_list(events: pd.DataFrame) -> list[KeyEvent]:
    """The key events drawn, numbered in date order (thinned evenly when there are many)."""
    milestones = key_events(events).sort_values("start", kind="stable")
    return [
        KeyEvent(number, str(event_id), str(label), str(short))
        for number, (event_id, label, short) in enumerate(
            zip(milestones["id"], milestones["date_label"], milestones["chart_label"], strict=True), start=1
        )
    ]


def milestone_placement(counts: pd.DataFrame, events: pd.DataFrame) -> Placement:
    """Where each key event's number goes above the chart (a row higher where numbers would touch)."""
    span = chart_range(counts, events)
    milestones = key_events(events).sort_values("start", kind="stable")
    if span is None or milestones.empty:
        return Placement((), 0)
    x_range = (float(span[0].value // 1_000_000), float(span[1].value // 1_000_000))
    candidates = [
        Candidate(str(event_id), str(number), float(x), 1.0)
        for number, (event_id, x) in enumerate(zip(milestones["id"], milliseconds(milestones["start"]), strict=True),
                                               start=1)
    ]  # fmt: skip
    return place_labels(candidates, x_range)


def _milestone_marks(events: pd.DataFrame, placement: Placement, plot_px: float) -> tuple[list[Any], list[Any]]:
    """A dotted line for each key event drawn, reaching up to its title in the rows above the plot."""
    shapes, annotations = [], []
    titles = dict(zip(events["id"].astype(str), events["title"], strict=True))
    dates = dict(zip(events["id"].astype(str), events["date_label"], strict=True))
    for label in placement.labels:
        day = pd.Timestamp(int(label.x), unit="ms").isoformat()
        top = 1 + (label.row * ROW_PX + 4) / plot_px
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": day, "x1": day, "y0": 0, "y1": top,
                       "line": {"color": GREY, "width": 1, "dash": "dot"}})  # fmt: skip
        # Annotations apart from the shapes: add_vline(annotation_text=...) fails on date axes.
        annotations.append({
            "x": day, "y": 1, "xref": "x", "yref": "paper", "yshift": label.row * ROW_PX + 4, "xshift": label.shift_px,
            "text": escape_html(label.text), "xanchor": "center", "yanchor": "bottom", "showarrow": False,
            "hovertext": f"{escape_html(str(dates[label.key]))}<br>{escape_html(str(titles[label.key]))}",
            "font": {"size": FONT_SIZE, "color": "#333333"}, "bgcolor": "#ffffff", "bordercolor": GREY,
            "borderpad": 1,
        })  # fmt: skip
    return shapes, annotations


@speaks
def prisoners_figure(counts: pd.DataFrame, events: pd.DataFrame, *, language: str) -> go.Figure:
    """Political prisoners over time (left axis), releases as bars (right axis), deaths in custody as crosses on the
    date axis, key events as dotted lines with their titles above the chart."""
    figure = go.Figure()
    figure.add_traces(_count_traces(counts))
    figure.add_traces(_release_bars(events, language))
    figure.add_traces(_death_marks(events))
    placement = milestone_placement(counts, events)
    rows = 1 + max((label.row for label in placement.labels), default=-1)
    margin = {"l": 8, "r": 8, "t": 12 + rows * ROW_PX, "b": 8}
    plot_px = PLOT_HEIGHT_PX
    shapes, annotations = _milestone_marks(events, placement, plot_px)
    span = chart_range(counts, events)
    freed = release_events(events)["released"]
    figure.update_layout(
        template=TEMPLATE,
        margin=margin,
        height=plot_px + margin["t"] + margin["b"] + LEGEND_PX,
        xaxis=time_axis(language, span),
        yaxis=whole_axis(counts["count"].max() if len(counts) else 0, PALETTE[0]),
        yaxis2=right_axis(freed.max() if len(freed) else 0, PALETTE[2]),
        legend=LEGEND_BELOW,
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
        **number_separators(language),
    )
    return figure


UNSPECIFIED = {UNSPECIFIED_DESTINATION, UNSPECIFIED_KIND}
STACKS = {"destination": N_("destination"), "kind": N_("how they were freed")}  # `_()` where shown
STACK_TITLES = {
    "destination": N_("People freed per release by destination (left axis):"),
    "kind": N_("People freed per release by how they were freed (left axis):"),
}


def _stack_colors(groups: list[str]) -> dict[str, str]:
    named = [g for g in groups if g not in UNSPECIFIED]
    colors = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(named)}
    return colors | {g: GREY for g in groups if g in UNSPECIFIED}


def _stack_order(releases: pd.DataFrame, column: str) -> list[str]:
    """Named groups by number freed, the unreported remainder last."""
    by_size = releases.groupby(column, sort=False)["released"].sum().sort_values(ascending=False, kind="stable")
    return [str(g) for g in by_size.index if g not in UNSPECIFIED] + [str(g) for g in by_size.index if g in UNSPECIFIED]


def _group_label(group: str, stack: str, language: str) -> str:
    """A stack's name as the reader sees it: a kind or a destination in the reader's language (the frames keep the
    data's own values, which the colours and the order go by)."""
    return release_kind_text(group) if stack == "kind" else country_name(group, language)


def _running_total_trace(releases: pd.DataFrame, events: pd.DataFrame) -> go.Scatter:
    totals = releases.groupby("id", sort=False)["released"].sum()
    order = [str(event_id) for event_id in events["id"]]
    running = pd.Series([int(totals[event_id]) for event_id in order], dtype="int64").cumsum().tolist()
    freed_in_all = _("Freed in all: {count}")
    return go.Scatter(
        x=milliseconds(events["start"]),
        y=running,
        yaxis="y2",
        mode="lines+markers",
        name=_("Freed in all, since the first release shown (right axis)"),
        line={"color": "#000000", "width": 2, "shape": "hv"},
        marker={"size": 5},
        customdata=order,
        hovertext=[
            f"{escape_html(str(row['date_label']))}<br><b>{escape_html(str(row['title']))}</b>"
            f"<br>{freed_in_all.format(count=number_text(total))}"
            for (_index, row), total in zip(events.iterrows(), running, strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


@speaks
def releases_figure(releases: pd.DataFrame, *, language: str, stack: str = "destination") -> go.Figure:
    """People freed per release on a date axis, stacked by destination or by kind (pardon, deportation, ...), with
    the running total on a second axis."""
    if releases["id"].nunique() > RELEASE_DETAIL_LIMIT:
        releases = monthly_releases(releases, language=language)
    events = releases.drop_duplicates("id").sort_values(["start", "id"], kind="stable")
    groups = _stack_order(releases, stack)
    colors = _stack_colors(groups)
    figure = go.Figure()
    for group in groups:
        rows = releases[releases[stack] == group]
        label = escape_html(_group_label(group, stack, language))
        figure.add_trace(
            go.Bar(
                x=milliseconds(rows["start"]),
                y=[int(number) for number in rows["released"]],
                width=20 * MILLISECONDS_PER_DAY,  # readable at six years' width; the hover gives the day
                name=label,
                marker={"color": colors[group]},
                customdata=[str(event_id) for event_id in rows["id"]],
                hovertext=_release_hovers(rows, label),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure.add_trace(_running_total_trace(releases, events))
    per_release = releases.groupby("id")["released"].sum()
    span = padded(events["start"].min(), events["start"].max()) if len(events) else None
    figure.update_layout(
        template=TEMPLATE,
        margin={"l": 8, "r": 8, "t": 12, "b": 8},
        height=PLOT_HEIGHT_PX + LEGEND_PX + 40,
        barmode="stack",
        xaxis=time_axis(language, span),
        yaxis=whole_axis(per_release.max() if len(per_release) else 0, "#333333"),
        yaxis2=right_axis(per_release.sum() if len(per_release) else 0, "#000000"),
        legend={**LEGEND_BELOW, "title": {"text": _(STACK_TITLES[stack]), "side": "top"}},
        hovermode="closest",
        **number_separators(language),
    )
    return figure
