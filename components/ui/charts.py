"""Filtered frames and figures, each built once per (file version, filters) for the whole server."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any, TypeVar, cast

import orjson
import plotly.graph_objects as go
import streamlit as st
from plotly.io.json import to_json_plotly

from ..view.draw.detail import PrisonersDetail, TimelineDetail, prisoners_detail, timeline_detail
from ..view.draw.detention_figure import detention_figure
from ..view.draw.map_figure import map_figure
from ..view.draw.prisoner_figures import prisoners_figure, releases_figure
from ..view.draw.story import StoryLinks, StoryPage, story_page
from ..view.draw.timeline_figures import timeline_figure, timeline_placement
from ..view.shape.filters import Filters, Shown, shown_frames
from ..view.shape.view_state import view_link
from .page_data import PageData
from .shared import page_key, shared

T = TypeVar("T")


def clicked_id(chart_key: str) -> str | None:
    """The id (customdata) of the point a reader clicked on a chart: the same entry whatever the filters."""
    state = st.session_state.get(chart_key)
    for point in state["selection"]["points"] if state else []:
        value = point.get("customdata")
        found = value[0] if isinstance(value, list) else value
        if isinstance(found, str):
            return found
    return None


class _FigureDict(dict[str, Any]):
    """A shared figure's dict that carries its JSON, written once. Plotly's JSON writer asks an object for
    `to_plotly_json()` first, and orjson writes a Fragment as it stands: st.plotly_chart, which turns the figure into
    JSON on every run, then copies the text instead of serializing the figure again (3% of a warm rerun)."""

    _json: orjson.Fragment | None = None

    def to_plotly_json(self) -> orjson.Fragment:
        if self._json is None:
            self._json = orjson.Fragment(to_json_plotly(dict(self)))
        return self._json


class SharedFigure(go.Figure):  # type: ignore[misc]  # plotly has no type hints
    """A figure built once per view and shared by its readers, never changed afterwards: its dict and its JSON are
    made once. st.plotly_chart asks for the dict twice on every run (to validate, then to write JSON)."""

    _as_dict: _FigureDict | None = None

    def to_dict(self) -> dict[str, Any]:
        if self._as_dict is None:
            self._as_dict = _FigureDict(super().to_dict())
        return self._as_dict


# Shared by every session: many readers of one link cost one filtering and one set of figures.


@shared(64, key=page_key)
def shown_for(page: PageData, filters: Filters) -> Shown:
    """The frames after the reader's filters."""
    return shown_frames(page, filters)


def _view_key(page: PageData, shown: Shown, build: Callable[..., Any]) -> Hashable:
    return (page.version, shown.filters, build.__module__, build.__qualname__)


@shared(256, key=_view_key)
def _per_view(page: PageData, shown: Shown, build: Callable[..., Any]) -> Any:
    return build(page, shown, language=page.language)


def per_view(page: PageData, shown: Shown, build: Callable[..., T]) -> T:
    """`build(page, shown, language=...)` once per view (data version and language, filters) for all its readers:
    what every reader of a view would compute alike (its headline, its sentences) is not computed on each rerun.
    The result is shared, so it must not be changed."""
    return cast(T, _per_view(page, shown, build))


@shared(64, key=page_key)
def timeline_chart(page: PageData, filters: Filters, selected: str | None) -> tuple[go.Figure, TimelineDetail]:
    """The timeline of the events shown, with the selected event ringed, and how it was drawn."""
    events = shown_for(page, filters).events
    detail = timeline_detail(events)
    if not detail.density:
        detail = replace(detail, titles_hidden=timeline_placement(events)[0].hidden)
    figure = timeline_figure(events, page.categories, language=page.language, selected=selected)
    return SharedFigure(figure), detail


@shared(64, key=page_key)
def detentions_chart(page: PageData, filters: Filters) -> go.Figure:
    """One bar per detained person shown."""
    return SharedFigure(detention_figure(shown_for(page, filters).people, language=page.language))


@shared(64, key=page_key)
def prisoners_chart(page: PageData, filters: Filters) -> tuple[go.Figure, PrisonersDetail]:
    """Viasna's count with releases and key events, and what was summed or thinned."""
    shown = shown_for(page, filters)
    figure = prisoners_figure(shown.counts, shown.events, language=page.language)
    return SharedFigure(figure), prisoners_detail(shown.events)


@shared(64, key=page_key)
def releases_chart(page: PageData, filters: Filters, stack: str = "destination") -> go.Figure:
    """People freed per release shown, stacked by destination or by kind."""
    return SharedFigure(releases_figure(shown_for(page, filters).releases, language=page.language, stack=stack))


@shared(64, key=page_key)
def map_chart(page: PageData, filters: Filters, selected: str | None) -> go.Figure:
    """The places of the people and events shown, the selected place ringed."""
    shown = shown_for(page, filters)
    return SharedFigure(map_figure(page.places, shown.people, shown.events, language=page.language, selected=selected))


@shared(16, key=page_key)
def _story_entries(page: PageData) -> dict[str, str]:
    """Each event's story entry once rendered, for every reader of this data version and language (filled as
    pages need them: a new filter or a click renders only what no page has rendered yet)."""
    return {}


@shared(64, key=page_key)
def story_for(page: PageData, filters: Filters, selected: str | None, number: int) -> StoryPage:
    """One page of the story of the events shown, the selected event marked."""
    people = {person.id: person for person in page.meta.people}
    events = shown_for(page, filters).events
    links = StoryLinks(copy=lambda event_id: view_link({"event": event_id}, page.language))
    return story_page(
        events, people, page.meta.sources, language=page.language, selected=selected, page=number,
        rendered=_story_entries(page), links=links,
    )  # fmt: skip
