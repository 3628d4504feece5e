"""The detentions chart: one bar per detained person (a pure figure)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...i18n import _, pgettext, speaks
from ..shape.frames import PALETTE
from ..words.text import escape_html, optional_text
from .style import LEGEND_BELOW, TEMPLATE, day_text, long_date, number_separators, time_axis

ROW_PX = 46  # one person: the name, then the bar below it
BAR_WIDTH = 0.22  # of a person's row: the name takes the top of the row, the bar its middle


def _person_hover(row: pd.Series, language: str) -> str:
    lines = [f"<b>{escape_html(str(row['name']))}</b>", escape_html(str(row["role"]))]
    detained = optional_text(row["detained_label"]) or long_date(row["detained_at"], language)
    lines.append(_("Detained {date}").format(date=escape_html(detained)))
    if row["died"]:
        died = optional_text(row["died_label"]) or long_date(pd.Timestamp(row["held_until"]), language)
        lines.append(_("Died in custody {date}").format(date=escape_html(died)))
    elif row["still_held"]:
        lines.append(_("Still held as of {date}").format(date=long_date(pd.Timestamp(row["held_until"]), language)))
    else:
        released = optional_text(row["released_label"]) or long_date(pd.Timestamp(row["held_until"]), language)
        lines.append(_("Released {date}").format(date=escape_html(released)))
    sentence = optional_text(row["sentence"])
    if sentence:
        lines.append(_("Sentence: {sentence}").format(sentence=escape_html(sentence)))
    return "<br>".join(lines)


def _name_labels(names: list[str]) -> list[dict[str, Any]]:
    """Each person's name inside the plot, at the left above their bar (rows are numbered 0.. on the category axis)."""
    return [
        {"x": 0, "xref": "paper", "y": index - 0.47, "yref": "y", "xanchor": "left", "yanchor": "top",
         "text": name, "showarrow": False, "font": {"size": 11, "color": "#1a1a1a"}}
        for index, name in enumerate(names)
    ]  # fmt: skip


@speaks
def detention_figure(people: pd.DataFrame, *, language: str) -> go.Figure:
    """One bar per detained person from arrest to release, to death in custody, or to `as_of` while still held."""
    detained = people[people["detained_at"].notna()].sort_values(["detained_at", "name"], kind="stable")
    names = [escape_html(str(name)) for name in detained["name"]]
    figure = go.Figure()
    died, held = detained["died"].astype(bool), detained["still_held"].astype(bool)
    fate = np.select([died.to_numpy(), held.to_numpy()], ["died", "held"], "released")
    for kind, name, color, pattern in (
        ("released", pgettext("people released", "Released"), PALETTE[0], ""),
        ("held", _("Still held"), PALETTE[1], "/"),
        ("died", _("Died in custody"), PALETTE[7], "x"),
    ):
        rows = detained[fate == kind]
        if rows.empty:
            continue
        start = pd.to_datetime(rows["detained_at"])
        duration = (pd.to_datetime(rows["held_until"]) - start) / pd.Timedelta(milliseconds=1)
        # As px.timeline does: a horizontal bar whose base is a date and whose length is milliseconds.
        figure.add_trace(
            go.Bar(
                y=[escape_html(str(person)) for person in rows["name"]],
                base=[day_text(day) for day in start],
                x=list(duration),
                orientation="h",
                width=BAR_WIDTH,
                name=name,
                marker={"color": color, "pattern": {"shape": pattern}},
                customdata=[str(person_id) for person_id in rows["id"]],
                hovertext=[_person_hover(row, language) for _index, row in rows.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure.update_layout(
        template=TEMPLATE,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        height=130 + ROW_PX * len(names),
        barmode="overlay",
        xaxis=time_axis(language),
        # Earliest arrest first, at the top; names inside the plot, above each bar, not as tick labels that would
        # take a phone's width.
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": names,
            "autorange": "reversed",
            "showticklabels": False,
        },
        legend=LEGEND_BELOW,
        annotations=_name_labels(names),
        **number_separators(language),
    )
    return figure
