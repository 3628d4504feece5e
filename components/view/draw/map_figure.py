"""The map: Belarus and its neighbours from a bundled outline file, and the places of the story as markers sized by
the people held there and the events there, coloured by kind. Drawn on plain x/y axes (longitude, latitude scaled
for the map's middle latitude), so that nothing is fetched: no tile server, no base map from a CDN.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ...data.model import PLACE_KINDS
from ...i18n import N_, _, ngettext, number_text, speaks
from ..shape.frames import PALETTE, frame_records
from ..shape.translated import country_name
from ..words.text import escape_html
from .style import GREY, LEGEND_BELOW, TEMPLATE, number_separators

BOUNDARIES = Path(__file__).with_name("boundaries") / "region.json"
FRAME = (22.8, 50.9, 33.2, 56.4)  # west, south, east, north: Belarus, with Vilnius and the border crossings
MIDDLE_LATITUDE = 53.7  # a degree of longitude is cos(53.7°) of a degree of latitude here
KIND_NAMES = {
    "penal-colony": N_("penal colony"), "pre-trial-prison": N_("pre-trial prison"), "prison": N_("prison"),
    "detention-centre": N_("detention centre"), "hospital": N_("hospital"), "court": N_("court"), "city": N_("city"),
    "border-crossing": N_("border crossing"), "embassy": N_("embassy"), "other": N_("other place"),
}  # fmt: skip
# Each kind its own colour: the Okabe–Ito palette for the eight kinds readers compare most, then two more.
KIND_COLORS = {
    "penal-colony": PALETTE[1], "pre-trial-prison": PALETTE[2], "prison": PALETTE[3], "detention-centre": PALETTE[4],
    "hospital": PALETTE[5], "court": PALETTE[0], "city": PALETTE[7], "border-crossing": PALETTE[6],
    "embassy": "#8C564B", "other": GREY,
}  # fmt: skip
SPREAD_DEGREES = 0.3  # places that share a point (a town's centre) are drawn on a small ring around it
# Where each country's name is printed (inside the frame, clear of the places); named in the reader's language by
# CLDR, as the destinations of releases are.
COUNTRY_LABELS = {"Belarus": (27.9, 53.25), "Lithuania": (24.0, 55.6), "Latvia": (26.6, 56.25),
                  "Poland": (22.85, 52.6), "Ukraine": (28.5, 51.15), "Russia": (32.4, 55.2)}  # fmt: skip
HEIGHT_PX = 560


@functools.cache
def outlines() -> dict[str, tuple[list[float | None], list[float | None]]]:
    """Each country's outer rings as x and y lists (rings separated by None), from the bundled file."""
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    shapes: dict[str, tuple[list[float | None], list[float | None]]] = {}
    for feature in features:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygon in feature["geometry"]["coordinates"]:
            for x, y in polygon[0]:
                xs.append(x)
                ys.append(y)
            xs.append(None)
            ys.append(None)
        shapes[feature["properties"]["name"]] = (xs, ys)
    return shapes


def place_counts(places: pd.DataFrame, people: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The places with something in view: how many of the people shown were held there and of the events shown
    happened there (the filters and the search decide what is shown)."""
    shown_people, shown_events = set(people["id"]), set(events["id"])
    held = [len(shown_people.intersection(ids)) for ids in places["people"]]
    happened = [len(shown_events.intersection(ids)) for ids in places["events"]]
    counted = places.assign(held=held, happened=happened)
    return _spread(counted[(counted["held"] + counted["happened"]) > 0].reset_index(drop=True))


def _spread(places: pd.DataFrame) -> pd.DataFrame:
    """Where each place is drawn: at its coordinates, or, when several share one point (the same town's centre),
    evenly on a small ring around it, so that each can be seen and clicked (their hovers say the town is all the data
    places them by)."""
    x, y = places["longitude"].astype(float).tolist(), places["latitude"].astype(float).tolist()
    groups: dict[tuple[float, float], list[int]] = {}
    for index, point in enumerate(zip(x, y, strict=True)):
        groups.setdefault(point, []).append(index)
    stretch = 1 / math.cos(math.radians(MIDDLE_LATITUDE))  # a degree east is shorter than a degree north here
    for (lon, lat), members in groups.items():
        if len(members) > 1:
            for turn, index in enumerate(members):
                angle = 2 * math.pi * turn / len(members)
                x[index] = lon + SPREAD_DEGREES * stretch * math.cos(angle)
                y[index] = lat + SPREAD_DEGREES * math.sin(angle)
    return places.assign(x=x, y=y)


def _hover(row: dict[str, Any]) -> str:
    lines = [f"<b>{escape_html(str(row['name']))}</b>", escape_html(str(row["town"])), _(KIND_NAMES[row["kind"]])]
    if row["held"]:
        lines.append(_("People held here: {count}").format(count=number_text(int(row["held"]))))
    if row["happened"]:
        lines.append(_("Events here: {count}").format(count=number_text(int(row["happened"]))))
    if row["precision"] == "town":
        lines.append(_("(shown at its town: the exact site is not in the data)"))
    return "<br>".join(lines)


def _size(row: dict[str, Any]) -> float:
    return 9 + 5 * math.sqrt(int(row["held"]) + int(row["happened"]))


def _outline_traces() -> list[go.Scatter]:
    traces = []
    for name, (xs, ys) in outlines().items():
        home = name == "Belarus"
        traces.append(
            go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", hoverinfo="skip", showlegend=False,
                line={"color": "#6b6b6b" if home else "#b8b8b8", "width": 1.4 if home else 0.8},
                fillcolor="rgba(0,114,178,0.06)" if home else "rgba(0,0,0,0.02)", name=name,
            )
        )  # fmt: skip
    return traces


def _marker_traces(counted: pd.DataFrame, selected: str | None) -> list[go.Scatter]:
    """One trace per kind of place (the legend names the kinds), and a ring around the selected place."""
    traces = []
    for kind in PLACE_KINDS:
        rows = [row for row in frame_records(counted) if row["kind"] == kind]
        if rows:
            traces.append(go.Scatter(
                x=[row["x"] for row in rows], y=[row["y"] for row in rows], mode="markers",
                name=_(KIND_NAMES[kind]), customdata=[row["id"] for row in rows],
                marker={"size": [_size(row) for row in rows], "color": KIND_COLORS[kind], "opacity": 0.85,
                        "line": {"color": "white", "width": 1}},
                hovertext=[_hover(row) for row in rows], hovertemplate="%{hovertext}<extra></extra>",
            ))  # fmt: skip
    chosen = frame_records(counted[counted["id"] == selected])
    if chosen:
        traces.append(go.Scatter(
            x=[row["x"] for row in chosen], y=[row["y"] for row in chosen], mode="markers",
            hoverinfo="skip", showlegend=False, name=_("Selected"),
            marker={"size": [_size(row) + 10 for row in chosen], "color": "rgba(0,0,0,0)",
                    "line": {"color": "#000000", "width": 2.5}},
        ))  # fmt: skip
    return traces


def _layout(language: str) -> dict[str, Any]:
    """Longitude across, latitude up at the map's middle latitude's scale; no axes; the countries named."""
    west, south, east, north = FRAME
    ratio = 1 / math.cos(math.radians(MIDDLE_LATITUDE))
    names = [
        {"x": x, "y": y, "text": escape_html(country_name(name, language)), "showarrow": False,
         "font": {"size": 11, "color": "#777777"}, "xanchor": "left" if x < FRAME[0] + 0.5 else "center"}
        for name, (x, y) in COUNTRY_LABELS.items()
    ]  # fmt: skip
    return {
        "template": TEMPLATE, "height": HEIGHT_PX, "margin": {"l": 4, "r": 4, "t": 4, "b": 4},
        "xaxis": {"range": [west, east], "visible": False},
        "yaxis": {"range": [south, north], "visible": False, "scaleanchor": "x", "scaleratio": ratio},
        "legend": {**LEGEND_BELOW, "y": 0}, "annotations": names, "hovermode": "closest",
        "clickmode": "event+select", "dragmode": "pan", "plot_bgcolor": "#fbfdff", **number_separators(language),
    }  # fmt: skip


@speaks
def map_figure(
    places: pd.DataFrame,
    people: pd.DataFrame,
    events: pd.DataFrame,
    *,
    language: str,
    selected: str | None = None,
) -> go.Figure:
    """Belarus and its neighbours, the places in view as markers by kind, the selected place ringed."""
    counted = place_counts(places, people, events)
    figure = go.Figure([*_outline_traces(), *_marker_traces(counted, selected)])
    figure.update_layout(**_layout(language))
    return figure


@speaks
def map_sentence(places: pd.DataFrame, people: pd.DataFrame, events: pd.DataFrame, *, language: str) -> str:
    """The map in words: how many of the people in view were held in a place the data names, in how many places,
    and where the most were held."""
    counted = place_counts(places, people, events)
    if counted.empty:
        return _("No place of the data is named by the events and people in view.")
    held_people = {p for ids in places["people"] for p in ids} & set(people["id"])
    text = _("People in view held in a place the data names: {held} of {people}.").format(
        held=number_text(len(held_people)), people=number_text(len(people))
    )
    text += " " + ngettext("{count} place on the map.", "{count} places on the map.", len(counted)).format(
        count=number_text(len(counted))
    )
    if counted["held"].max() > 0:
        top = counted.sort_values(["held", "name"], ascending=[False, True], kind="stable").iloc[0]
        text += " " + _("The most were held in {place}: {count}.").format(
            place=top["name"], count=number_text(int(top["held"]))
        )
    return text
