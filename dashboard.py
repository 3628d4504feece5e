"""Belarus timeline dashboard: `streamlit run dashboard.py` (EVENTS_FILE=... for another file)."""

from __future__ import annotations

from components.ui.add_event import render_add_event
from components.ui.charts import shown_for
from components.ui.link import seed_from_link, sync_link
from components.ui.page import render_header, render_notices, start_page
from components.ui.sidebar import filters_sidebar
from components.ui.tabs import render_tabs


def main() -> None:
    page = start_page()
    seed_from_link(page)
    filters = filters_sidebar(page)
    shown = shown_for(page, filters)
    render_header(page, shown)
    render_notices(page, shown)
    tab = render_tabs(page, filters, shown)
    render_add_event(page)
    sync_link(filters, tab)


main()
