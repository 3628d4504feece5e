"""The map is drawn from the bundled outlines and the data alone: its structure, sizes from the data, the filters'
effect, the reader's language, and no address outside the page."""

from __future__ import annotations

import json
import re

import plotly.io as pio
import pytest

from components.data.loader import load_file
from components.view.draw.map_figure import FRAME, map_figure, map_sentence, outlines, place_counts
from components.view.shape.filters import Filters, shown_frames
from components.view.shape.frames import Frames, build_frames
from components.view.shape.translated import translated_frames

from .samples import TIMELINE


@pytest.fixture(scope="module")
def frames() -> Frames:
    return build_frames(load_file(TIMELINE))


def markers(figure) -> dict[str, dict]:
    return {str(t.name): t for t in figure.data if t.mode == "markers" and t.name != "Selected"}


def test_the_outline_is_belarus_and_its_neighbours_inside_the_frame(frames: Frames) -> None:
    shapes = outlines()
    assert {"Belarus", "Lithuania", "Poland", "Ukraine", "Russia", "Latvia"} <= set(shapes)
    xs = [x for x in shapes["Belarus"][0] if x is not None]
    assert 23 < min(xs) < 24.5 and 32 < max(xs) < 33, "Belarus runs from about 23.2° to 32.8° east"
    figure = map_figure(frames.places, frames.people, frames.events, language="en")
    lines = [t for t in figure.data if t.mode == "lines"]
    assert lines[-1].name == "Belarus" and lines[-1].fill == "toself" and all(t.hoverinfo == "skip" for t in lines)
    west, south, east, north = FRAME
    assert list(figure.layout.xaxis.range) == [west, east] and list(figure.layout.yaxis.range) == [south, north]
    assert figure.layout.yaxis.scaleanchor == "x" and 1.6 < figure.layout.yaxis.scaleratio < 1.8


def test_markers_are_the_places_by_kind_sized_by_people_and_events(frames: Frames) -> None:
    figure = map_figure(frames.places, frames.people, frames.events, language="en")
    kinds = markers(figure)
    assert set(kinds) == {"penal colony", "court", "city"}
    colonies = kinds["penal colony"]
    assert set(colonies.customdata) == {"colony-9-horki", "colony-17-shklou"}
    sizes = dict(zip(colonies.customdata, colonies.marker.size, strict=True))
    # Shklou: one person held and one event (the death); Horki: one person.
    assert sizes["colony-17-shklou"] > sizes["colony-9-horki"]
    assert "People held here: 1" in colonies.hovertext[0] and "(shown at its town" in colonies.hovertext[0]


def test_the_filters_decide_which_places_show(frames: Frames) -> None:
    shown = shown_frames(frames, Filters(people=("ales-bialiatski",)))
    counted = place_counts(frames.places, shown.people, shown.events)
    assert list(counted["id"]) == ["colony-9-horki"]
    assert map_sentence(frames.places, shown.people, shown.events, language="en").startswith(
        "People in view held in a place the data names: 1 of 1. 1 place on the map."
    )
    nothing = shown_frames(frames, Filters(query="no such words anywhere"))
    assert map_sentence(frames.places, nothing.people, nothing.events, language="en").startswith("No place")


def test_the_selected_place_is_ringed(frames: Frames) -> None:
    figure = map_figure(frames.places, frames.people, frames.events, language="en", selected="vilnius")
    (ring,) = [t for t in figure.data if t.name == "Selected"]
    assert (ring.x[0], ring.y[0]) == (25.28, 54.69) and ring.hoverinfo == "skip"


def test_the_map_speaks_the_readers_language(frames: Frames) -> None:
    be = translated_frames(frames, "be")
    figure = map_figure(be.places, be.people, be.events, language="be")
    assert "папраўчая калонія" in markers(figure)
    assert "Папраўчая калонія №\u00a09, Горкі" in " ".join(markers(figure)["папраўчая калонія"].hovertext)
    assert {a.text for a in figure.layout.annotations} >= {"Беларусь", "Літва", "Польшча"}


def test_the_figure_names_no_address_to_fetch(frames: Frames) -> None:
    text = pio.to_json(map_figure(frames.places, frames.people, frames.events, language="en"))
    assert not re.findall(r"https?://", text)
    assert "geo" not in json.loads(text)["layout"], "no Plotly geo subplot: it would fetch a base map from a CDN"


def test_places_sharing_a_towns_point_are_drawn_apart(frames: Frames) -> None:
    places = frames.places.copy()
    places.loc[places["id"] == "colony-9-horki", ["latitude", "longitude"]] = [54.21, 30.29]  # Shklou's point
    figure = map_figure(places, frames.people, frames.events, language="en")
    colonies = markers(figure)["penal colony"]
    points = dict(zip(colonies.customdata, zip(colonies.x, colonies.y, strict=True), strict=True))
    horki, shklou = points["colony-9-horki"], points["colony-17-shklou"]
    assert horki != shklou and abs(horki[0] - shklou[0]) + abs(horki[1] - shklou[1]) > 0.2
    assert abs((horki[0] + shklou[0]) / 2 - 30.29) < 1e-9 and abs((horki[1] + shklou[1]) / 2 - 54.21) < 1e-9
