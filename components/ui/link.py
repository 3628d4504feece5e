"""The link and the view: seed the widgets from the link once, keep the link in step, offer it to copy."""

from __future__ import annotations

import streamlit as st
from markupsafe import Markup

from ..data.model import STATUSES
from ..i18n import _
from ..view.draw.html import copy_button, macro
from ..view.shape.filters import Filters
from ..view.shape.view_state import Choices, View, params_from_view, view_from_params
from .language import link_language
from .page_data import PageData
from .share import share_link
from .sidebar import seed_widgets
from .state import EVENT, LINK_NOTICES, PLACE, SEEDED, TAB_FROM_LINK
from .tabs import DEFAULT_TAB, TABS


def seed_from_link(page: PageData) -> None:
    """On a session's first run, put the link's view into the widgets and keep notices of what was dropped."""
    if SEEDED in st.session_state:
        return
    choices = Choices(
        set(page.categories["id"]), set(page.people["id"]), STATUSES, set(page.events["id"]), list(TABS),
        set(page.places["id"]),
    )  # fmt: skip
    # `lang` is read before anything else is written (language.start_language), not part of the view.
    params = {name: value for name, value in st.query_params.to_dict().items() if name != "lang"}
    link_view, notices = view_from_params(params, choices)
    notices += seed_widgets(link_view, page, tabs=list(TABS))
    st.session_state[SEEDED] = True
    st.session_state[TAB_FROM_LINK] = link_view.tab
    st.session_state[LINK_NOTICES] = notices


def sync_link(filters: Filters, tab: str) -> None:
    """Write the current view into the address bar, and show it to copy in the sidebar."""
    view = View(filters, st.session_state.get(EVENT), tab, st.session_state.get(PLACE) if tab == "map" else None)
    params = params_from_view(view, default_tab=DEFAULT_TAB)
    language = link_language()
    if language:
        params["lang"] = language
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    words = {
        "heading": _("Link to this view"),
        "hint": _("Share it to open exactly these filters, tab, event and language."),
    }
    link = share_link(params)
    st.sidebar.html(macro("page.html", "share_view")(link, Markup(copy_button(link)), words))
