"""The tabs: their names, and a router that draws only the active one."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from ..i18n import N_, _
from ..view.shape.filters import Filters, Shown
from .detentions_tab import render_detentions_tab
from .map_tab import render_map_tab
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
    "timeline": Tab(N_("Timeline"), render_timeline_tab),
    "detentions": Tab(N_("Detentions"), render_detentions_tab),
    "prisoners": Tab(N_("Political prisoners"), render_prisoners_tab),
    "map": Tab(N_("Map"), render_map_tab),
    "table": Tab(N_("Table"), render_table_tab),
    "sources": Tab(N_("Sources"), render_sources_tab),
}
DEFAULT_TAB = "timeline"


def render_tabs(page: PageData, filters: Filters, shown: Shown) -> str:
    """Draw the tab bar and the active tab's content; returns the active tab's id."""
    labels = {name: _(tab.label) for name, tab in TABS.items()}
    if TAB_LABEL in st.session_state and st.session_state[TAB_LABEL] not in labels.values():
        # The reader switched language: the widget holds the old language's label; keep the same tab open.
        st.session_state[TAB_LABEL] = labels[st.session_state.get(TAB) or DEFAULT_TAB]
    # The default must stay the same all session (it is part of the widget's identity): the link's tab.
    first = labels[st.session_state.get(TAB_FROM_LINK) or DEFAULT_TAB]
    tabs = st.tabs(list(labels.values()), key=TAB_LABEL, default=first, on_change="rerun")
    containers = dict(zip(TABS, tabs, strict=True))
    active = next((name for name, label in labels.items() if label == st.session_state.get(TAB_LABEL)), DEFAULT_TAB)
    st.session_state[TAB] = active
    with containers[active]:
        TABS[active].render(page, filters, shown)
    return active
