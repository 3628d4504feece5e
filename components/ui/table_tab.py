"""The Table tab: the events shown as a table, and downloads that cite their origin."""

from __future__ import annotations

import streamlit as st

from ..view.export import counts_csv, events_csv, events_json
from ..view.filters import Filters, Shown
from ..view.tables import events_table
from .page_data import PageData
from .share import share_link


def render_table_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """The filtered events as a table, then CSV and JSON downloads of them."""
    del filters  # the table shows exactly the events shown
    st.header(f"{len(shown.events)} events")
    st.dataframe(
        events_table(shown.events, page.meta.sources),
        hide_index=True,
        column_config={
            "Source": st.column_config.LinkColumn("Source", display_text="open"),
            "All sources": st.column_config.ListColumn("All sources"),
            "Freed": st.column_config.NumberColumn("Freed", format="%d"),
        },
    )
    origin = share_link({})
    csv_column, json_column, counts_column = st.columns(3)
    csv_column.download_button("Events (CSV)", events_csv(shown.events, page.meta, origin), "events.csv", "text/csv")
    json_column.download_button(
        "Events (JSON)", events_json(shown.events, page.meta, origin), "events.json", "application/json"
    )
    counts_column.download_button(
        "Prisoner counts (CSV)", counts_csv(shown.counts, page.meta, origin), "prisoner-counts.csv", "text/csv"
    )
