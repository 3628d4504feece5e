"""Belarus timeline dashboard: `streamlit run dashboard.py` (EVENTS_FILE=... for another file)."""

from __future__ import annotations

import streamlit as st

from components import views
from components.add_event import add_event_dialog, dialog_is_open, open_dialog
from components.model import STATUSES
from components.page_data import data_file, load_page_data
from components.sidebar import EVENT, TAB, filters_sidebar, seed_widgets
from components.view_state import Choices, View, params_from_view, view_from_params

TABS = {
    "timeline": "Timeline",
    "detentions": "Detentions",
    "prisoners": "Political prisoners",
    "table": "Table",
    "sources": "Sources",
}


def main() -> None:
    st.set_page_config(page_title="Belarus timeline", layout="wide")
    path = data_file()
    loaded = load_page_data(path)
    views.watch_file(path)
    views.render_problems(loaded)
    if loaded.page is None:
        st.stop()
    page = loaded.page

    if "seeded" not in st.session_state:
        choices = Choices(
            set(page.categories["id"]), set(page.people["id"]), STATUSES, set(page.events["id"]), list(TABS)
        )
        link_view, notices = view_from_params(st.query_params.to_dict(), choices)
        notices += seed_widgets(link_view, page, tabs=list(TABS))
        st.session_state["seeded"] = True
        st.session_state["tab_from_link"] = link_view.tab
        st.session_state["notices"] = notices
    filters = filters_sidebar(page)
    st.sidebar.button("Add an event", icon=":material/add:", use_container_width=True, on_click=open_dialog)
    shown = views.shown_for(page, filters)

    views.render_header(page, shown)
    for notice in st.session_state.get("notices", []):
        st.warning(notice)
    views.render_warnings(page)
    if shown.events.empty:
        views.render_empty_result()

    labels = list(TABS.values())
    # The default must stay the same all session (it is part of the widget's identity): the link's tab.
    first = TABS.get(st.session_state.get("tab_from_link") or "timeline", labels[0])
    containers = dict(zip(TABS, st.tabs(labels, key="tab_label", default=first, on_change="rerun"), strict=True))
    tab = next((k for k, v in TABS.items() if v == st.session_state.get("tab_label")), "timeline")
    st.session_state[TAB] = tab
    with containers[tab]:
        if tab == "timeline":
            views.render_timeline(page, filters)
            event = views.render_event_picker(page, shown)
            if event:
                views.render_event_details(page, event)
                st.button(
                    "Duplicate as new",
                    icon=":material/content_copy:",
                    on_click=open_dialog,
                    args=(event,),
                )
        elif tab == "detentions":
            views.render_detentions(page, filters, shown)
        elif tab == "prisoners":
            views.render_prisoners(page, filters, shown)
        elif tab == "table":
            views.render_table(page, shown, views.share_link({}))
        else:
            views.render_sources(page)

    if dialog_is_open():
        add_event_dialog(page, path)

    params = params_from_view(View(filters, st.session_state.get(EVENT), tab), default_tab="timeline")
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    views.render_share(params)


main()
