"""The tabs: their names, and a router that draws only the active one."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from ..view.filters import Filters, Shown
from .detentions_tab import render_detentions_tab
from .page_data import PageData
from .prisoners_tab import render_prisoners_tab
from .sources_tab import render_sources_tab
from .state import TAB, TAB_FROM_LINK, TAB_LABEL
from .table_tab import render_table_tab
from .timeline_tab import render_timeline_tab


class Tab(NamedTuple):
    label: str
    render: Callable[[PageData, Filters, Shown], None]


TABS: dict[str, Tab] = {
    "timeline": Tab("Timeline", render_timeline_tab),
    "detentions": Tab("Detentions", render_detentions_tab),
    "prisoners": Tab("Political prisoners", render_prisoners_tab),
    "table": Tab("Table", render_table_tab),
    "sources": Tab("Sources", render_sources_tab),
}
DEFAULT_TAB = "timeline"


def render_tabs(page: PageData, filters: Filters, shown: Shown) -> str:
    """Draw the tab bar and the active tab's content; returns the active tab's id."""
    labels = [tab.label for tab in TABS.values()]
    # The default must stay the same all session (it is part of the widget's identity): the link's tab.
    first = TABS[st.session_state.get(TAB_FROM_LINK) or DEFAULT_TAB].label
    containers = dict(zip(TABS, st.tabs(labels, key=TAB_LABEL, default=first, on_change="rerun"), strict=True))
    active = next((name for name, tab in TABS.items() if tab.label == st.session_state.get(TAB_LABEL)), DEFAULT_TAB)
    st.session_state[TAB] = active
    with containers[active]:
        TABS[active].render(page, filters, shown)
    return active
