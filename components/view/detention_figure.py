"""The detentions chart: one bar per detained person (a pure figure)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .style import MARGIN, PALETTE, TEMPLATE, day_text, long_date
from .text import escape_html, optional_text


def _person_hover(row: pd.Series) -> str:
    lines = [f"<b>{escape_html(str(row['name']))}</b>", escape_html(str(row["role"]))]
    lines.append(f"Detained {escape_html(optional_text(row['detained_label']) or long_date(row['detained']))}")
    if row["still_held"]:
        lines.append(f"Still held as of {long_date(pd.Timestamp(row['held_until']))}")
    else:
        released = optional_text(row["released_label"]) or long_date(pd.Timestamp(row["held_until"]))
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
                base=[day_text(day) for day in start],
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
