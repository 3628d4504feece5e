"""The sidebar's filters, seeded once from the link; it returns the reader's choices (UI layer)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ..data.model import STATUSES
from ..i18n import _, pgettext
from ..view.shape.filters import Filters
from ..view.shape.view_state import View
from .language import language_picker
from .page_data import PageData
from .shared import page_key, shared
from .state import CATEGORIES, DATES, DATES_BOUNDS, EVENT, PEOPLE, PLACE, QUERY, STATUS, TAB


def date_bounds(page: PageData) -> tuple[dt.date, dt.date]:
    """The first and last day any entry covers (the date picker's limits), once per data version and language."""
    return _choices(page)[0]


@shared(16, key=page_key)
def _choices(page: PageData) -> tuple[tuple[dt.date, dt.date], dict[str, str], dict[str, str]]:
    # What the filters offer, the same for every reader of this data version and language: not rebuilt per rerun.
    categories = dict(zip(page.categories["id"], page.categories["label"], strict=True))
    # The name, then every other spelling the data lists: the list's search matches what it shows, so "Kolesnikova",
    # "Калеснікава" and "Колесникова" all find Maria Kalesnikava, as the page's search does.
    people = {
        person_id: _spellings(name, aliases)
        for person_id, name, aliases in zip(page.people["id"], page.people["name"], page.people["aliases"], strict=True)
    }
    return _bounds(page), categories, people


def _bounds(page: PageData) -> tuple[dt.date, dt.date]:
    starts = [page.events["start"].min(), page.counts["date"].min(), page.people["detained_at"].min()]
    ends = [page.events["until"].max(), page.people["held_until"].max()]
    first = min((t for t in starts if not pd.isna(t)), default=None)
    last = max((t for t in ends if not pd.isna(t)), default=None)
    as_of = page.meta.as_of.end
    return (first.date() if first is not None else as_of, max(last.date(), as_of) if last is not None else as_of)


def seed_widgets(view: View, page: PageData, *, tabs: list[str]) -> list[str]:
    """Put a link's view into the widgets' state (first run of a session only); returns notices."""
    notices: list[str] = []
    low, high = date_bounds(page)
    filters = view.filters
    start, end = filters.start or low, filters.end or high
    if start < low or end > high:
        notices.append(
            _("The link's dates were limited to the data's range, {start} to {end}.").format(start=low, end=high)
        )
        start, end = min(max(start, low), high), max(min(end, high), low)
    st.session_state[DATES] = (start, end)
    st.session_state[CATEGORIES] = list(filters.categories)
    st.session_state[PEOPLE] = list(filters.people)
    st.session_state[STATUS] = list(filters.statuses)
    st.session_state[QUERY] = filters.query
    st.session_state[EVENT] = view.event
    st.session_state[PLACE] = view.place
    st.session_state[TAB] = view.tab or tabs[0]
    return notices


def _fit_dates(value: object, bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, ...]:
    """The picker's value within the data's range; 'everything' stays everything when the data grows."""
    low, high = bounds
    if not isinstance(value, (tuple, list)) or not value or value == tuple(st.session_state.get(DATES_BOUNDS, ())):
        return (low, high)
    return tuple(min(max(day, low), high) for day in value)


def clear_filters(page: PageData) -> None:
    """Callback of 'Clear filters': every filter back to 'everything'."""
    st.session_state[DATES] = date_bounds(page)
    st.session_state[CATEGORIES] = []
    st.session_state[PEOPLE] = []
    st.session_state[STATUS] = []
    st.session_state[QUERY] = ""


def _spellings(name: str, aliases: tuple[str, ...]) -> str:
    """'Maria Kalesnikava (Maria Kolesnikova, Марыя Калеснікава, Мария Колесникова)'."""
    others = [alias for alias in dict.fromkeys(aliases) if alias != name]
    return f"{name} ({', '.join(others)})" if others else name


def filters_sidebar(page: PageData) -> Filters:
    """Draw the filters and return what the reader chose."""
    (low, high), categories, people = _choices(page)
    for key, allowed in ((CATEGORIES, categories), (PEOPLE, people), (STATUS, STATUSES)):
        # After an edit of the data file a chosen value may be gone; drop it rather than fail.
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in allowed]
    with st.sidebar:
        language_picker()
        st.header(_("Filters"))
        query = st.text_input(
            _("Search"),
            key=QUERY,
            placeholder=_("Name, place, word or date…"),
            help=_(
                "Titles, summaries, people's and places' names in any spelling and any of the page's languages: "
                "Tikhanovsky, Cichanoŭski, Ціханоўскі and Тихановский all work. A date keeps the events on it: "
                "13 December 2025, 2025-12-13, December 2025 or грудень 2025."
            ),
        )
        st.session_state[DATES] = _fit_dates(st.session_state.get(DATES), (low, high))
        st.session_state[DATES_BOUNDS] = (low, high)
        dates = st.date_input(_("Dates"), min_value=low, max_value=high, key=DATES, format="YYYY-MM-DD")
        everything = _("All")
        chosen_categories = st.multiselect(
            _("Categories"),
            list(categories),
            key=CATEGORIES,
            format_func=categories.__getitem__,
            placeholder=everything,
        )
        chosen_people = st.multiselect(
            _("People"), list(people), key=PEOPLE, format_func=people.__getitem__, placeholder=everything
        )
        chosen_statuses = st.multiselect(
            pgettext("event status", "Status"), list(STATUSES), key=STATUS, format_func=_, placeholder=everything
        )
        st.button(_("Clear filters"), on_click=clear_filters, args=(page,), use_container_width=True)
    picked = tuple(dates) if isinstance(dates, (tuple, list)) else (dates,)
    start = picked[0] if picked and picked[0] != low else None
    end = picked[1] if len(picked) > 1 and picked[1] != high else None
    return Filters(
        start=start,
        end=end,
        categories=tuple(chosen_categories),
        people=tuple(chosen_people),
        statuses=tuple(chosen_statuses),
        query=query.strip(),
    )
