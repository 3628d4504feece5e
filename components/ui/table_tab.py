"""The Table tab: the events shown as a table, and downloads of what the filters show."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from ..view.export import counts_csv, events_csv, events_json, package_zip, workbook
from ..view.filters import Filters, Shown, describe_filters
from ..view.tables import events_table
from .page_data import PageData
from .share import share_link

# (label, file name, MIME type) of each download, in the order offered.
DOWNLOADS = (
    ("Events (CSV)", "events.csv", "text/csv"),
    ("Prisoner counts (CSV)", "prisoner-counts.csv", "text/csv"),
    ("Events (JSON)", "events.json", "application/json"),
    ("Data package (ZIP)", "belarus-timeline-datapackage.zip", "application/zip"),
    ("Workbook (Excel)", "belarus-timeline.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)


def render_table_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """The filtered events as a table, then downloads of the same selection."""
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
    note = None if filters.is_empty else f"{describe_filters(filters)} ({share_link_of_view()})"
    builders: list[Callable[[], bytes]] = [
        partial(events_csv, page, shown),
        partial(counts_csv, page, shown),
        partial(events_json, page, origin, shown),
        partial(package_zip, page, origin, shown, note),
        partial(workbook, page, origin, shown, note),
    ]
    # Built only when a reader asks for a file: the page's reruns do not pay for downloads nobody takes.
    for column, (label, name, mime), build in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, builders, strict=True):
        column.download_button(label, build, name, mime, on_click="ignore")
    st.caption(
        "Every download holds what the filters show. CSV: UTF-8, one header row, lists joined with '; '. The data "
        "package adds a table per kind of entry and a datapackage.json that describes every field; the workbook "
        "has the same tables and an About sheet with the citation and licence."
    )


def share_link_of_view() -> str:
    """The link to the current view (the address bar's query)."""
    return share_link(st.query_params.to_dict())
