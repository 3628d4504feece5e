"""Filtered frames and figures, each built once per (file version, filters) for the whole server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar, cast

import plotly.graph_objects as go
import streamlit as st

from ..view.draw.detail import PrisonersDetail, TimelineDetail, prisoners_detail, timeline_detail
from ..view.draw.detention_figure import detention_figure
from ..view.draw.map_figure import map_figure
from ..view.draw.prisoner_figures import prisoners_figure, releases_figure
from ..view.draw.story import StoryLinks, StoryPage, story_page
from ..view.draw.timeline_figures import timeline_figure, timeline_placement
from ..view.shape.filters import Filters, Shown, shown_frames
from ..view.shape.view_state import view_link
from .page_data import PageData

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


class SharedFigure(go.Figure):  # type: ignore[misc]  # plotly has no type hints
    """A figure built once per view and shared by its readers, never changed afterwards: its dict is made once.
    st.plotly_chart asks for it twice on every run (to validate, then to write JSON), which was half of a rerun."""

    _as_dict: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self._as_dict is None:
            self._as_dict = super().to_dict()
        return self._as_dict


# Shared by every session: many readers of one link cost one filtering and one set of figures. The page
# itself is not hashed (leading underscore); its content hash `version` stands for it in the key.


@st.cache_resource(max_entries=64, show_spinner=False)
def _shown(_page: PageData, version: str, filters: Filters) -> Shown:
    return shown_frames(_page, filters)


def shown_for(page: PageData, filters: Filters) -> Shown:
    """The frames after the reader's filters."""
    return _shown(page, page.version, filters)


@st.cache_resource(max_entries=256, show_spinner=False)
def _per_view(
    _page: PageData, version: str, filters: Filters, name: str, _shown: Shown, _build: Callable[..., Any]
) -> Any:
    return _build(_page, _shown, language=_page.language)


def per_view(page: PageData, shown: Shown, build: Callable[..., T]) -> T:
    """`build(page, shown, language=...)` once per view (data version and language, filters) for all its readers:
    what every reader of a view would compute alike (its headline, its sentences) is not computed on each rerun.
    The result is shared, so it must not be changed."""
    name = f"{build.__module__}.{build.__qualname__}"
    return cast(T, _per_view(page, page.version, shown.filters, name, shown, build))


@st.cache_resource(max_entries=64, show_spinner=False)
def _timeline(
    _page: PageData, version: str, filters: Filters, selected: str | None
) -> tuple[go.Figure, TimelineDetail]:
    events = shown_for(_page, filters).events
    detail = timeline_detail(events)
    if not detail.density:
        detail = replace(detail, titles_hidden=timeline_placement(events)[0].hidden)
    figure = timeline_figure(events, _page.categories, language=_page.language, selected=selected)
    return SharedFigure(figure), detail


def timeline_chart(page: PageData, filters: Filters, selected: str | None) -> tuple[go.Figure, TimelineDetail]:
    """The timeline of the events shown, with the selected event ringed, and how it was drawn."""
    return _timeline(page, page.version, filters, selected)


@st.cache_resource(max_entries=64, show_spinner=False)
def _detentions(_page: PageData, version: str, filters: Filters) -> go.Figure:
    return SharedFigure(detention_figure(shown_for(_page, filters).people, language=_page.language))


def detentions_chart(page: PageData, filters: Filters) -> go.Figure:
    """One bar per detained person shown."""
    return _detentions(page, page.version, filters)


@st.cache_resource(max_entries=64, show_spinner=False)
def _prisoners(_page: PageData, version: str, filters: Filters) -> tuple[go.Figure, PrisonersDetail]:
    shown = shown_for(_page, filters)
    figure = prisoners_figure(shown.counts, shown.events, language=_page.language)
    return SharedFigure(figure), prisoners_detail(shown.events)


def prisoners_chart(page: PageData, filters: Filters) -> tuple[go.Figure, PrisonersDetail]:
    """Viasna's count with releases and key events, and what was summed or thinned."""
    return _prisoners(page, page.version, filters)


@st.cache_resource(max_entries=64, show_spinner=False)
def _releases(_page: PageData, version: str, filters: Filters, stack: str) -> go.Figure:
    return SharedFigure(releases_figure(shown_for(_page, filters).releases, language=_page.language, stack=stack))


def releases_chart(page: PageData, filters: Filters, stack: str = "destination") -> go.Figure:
    """People freed per release shown, stacked by destination or by kind."""
    return _releases(page, page.version, filters, stack)


@st.cache_resource(max_entries=64, show_spinner=False)
def _map(_page: PageData, version: str, filters: Filters, selected: str | None) -> go.Figure:
    shown = shown_for(_page, filters)
    return SharedFigure(
        map_figure(_page.places, shown.people, shown.events, language=_page.language, selected=selected)
    )


def map_chart(page: PageData, filters: Filters, selected: str | None) -> go.Figure:
    """The places of the people and events shown, the selected place ringed."""
    return _map(page, page.version, filters, selected)


@st.cache_resource(max_entries=16, show_spinner=False)
def _story_entries(_page: PageData, version: str) -> dict[str, str]:
    """Each event's story entry once rendered, for every reader of this data version and language (filled as
    pages need them: a new filter or a click renders only what no page has rendered yet)."""
    del version
    return {}


@st.cache_resource(max_entries=64, show_spinner=False)
def _story(_page: PageData, version: str, filters: Filters, selected: str | None, number: int) -> StoryPage:
    people = {person.id: person for person in _page.meta.people}
    events = shown_for(_page, filters).events
    entries = _story_entries(_page, version)
    links = StoryLinks(copy=lambda event_id: view_link({"event": event_id}, _page.language))
    return story_page(
        events, people, _page.meta.sources, language=_page.language, selected=selected, page=number, rendered=entries,
        links=links,
    )  # fmt: skip


def story_for(page: PageData, filters: Filters, selected: str | None, number: int) -> StoryPage:
    """One page of the story of the events shown, the selected event marked."""
    return _story(page, page.version, filters, selected, number)
