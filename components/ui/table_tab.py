"""The Table tab: the events shown as a table, and downloads of what the filters show."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from ..i18n import N_, _, ngettext, number_text, pgettext
from ..view.draw.tables import events_table
from ..view.files.export import counts_csv, database_download, events_csv, events_json, package_zip, workbook
from ..view.shape.filters import Filters, Shown, describe_filters
from .charts import shown_for
from .page_data import PageData
from .share import share_link
from .state import EVENTS_TABLE

# (label, file name, MIME type) of each download, in the order offered.
DOWNLOADS = (
    (N_("Events (CSV)"), "events.csv", "text/csv"),
    (N_("Prisoner counts (CSV)"), "prisoner-counts.csv", "text/csv"),
    (N_("Events (JSON)"), "events.json", "application/json"),
    (N_("Data package (ZIP)"), "belarus-timeline-datapackage.zip", "application/zip"),
    (
        N_("Workbook (Excel)"),
        "belarus-timeline.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (N_("Database (SQLite)"), "belarus-timeline.db", "application/vnd.sqlite3"),
)


def render_table_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """The filtered events as a table, then downloads of the same selection."""
    count = len(shown.events)
    st.header(ngettext("{count} event", "{count} events", count).format(count=number_text(count)))
    st.container(key=EVENTS_TABLE).dataframe(  # its toolbar's own CSV hidden (page.html, one_download)
        events_table(shown.events, page.meta.sources, language=page.language),
        hide_index=True,
        column_config={
            pgettext("link to the first source", "Source"): st.column_config.LinkColumn(
                pgettext("link to the first source", "Source"), display_text=_("open")
            ),
            _("All sources"): st.column_config.ListColumn(_("All sources")),
            _("Freed"): st.column_config.NumberColumn(_("Freed"), format="%d"),
        },
    )
    origin = share_link({})
    note = None if filters.is_empty else f"{describe_filters(filters)} ({share_link_of_view()})"
    # The files carry the data as the file writes it (English, with its ids), whatever language the page speaks;
    # their citation line, filter note and About labels are in the page's language.
    data = page.in_english
    chosen = shown_for(data, filters)
    language = page.language  # Streamlit builds a download later, on another thread: each is told its language
    builders: list[Callable[[], bytes]] = [
        partial(events_csv, data, chosen),
        partial(counts_csv, data, chosen),
        partial(events_json, data, origin, chosen, language=language),
        partial(package_zip, data, origin, chosen, note, language=language),
        partial(workbook, data, origin, chosen, note, language=language),
        partial(database_download, data, chosen),
    ]
    # Built only when a reader asks for a file: the page's reruns do not pay for downloads nobody takes.
    for column, (label, name, mime), build in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, builders, strict=True):
        column.download_button(_(label), build, filters.file_name(name), mime, on_click="ignore")
    st.caption(
        _(
            "Every download holds what the filters show, as the data file writes it (in English). CSV: UTF-8, one "
            "header row, lists joined with '; '. The data package adds a table per kind of entry and a "
            "datapackage.json that describes every field; the workbook has the same tables and an About sheet with "
            "the citation and licence."
        )
    )
    st.caption(
        _(
            "The database has the same tables with full-text search in every language and views (who is still held, "
            "releases by month); open it in Datasette or any SQL client."
        )
    )


def share_link_of_view() -> str:
    """The link to the current view (the address bar's query)."""
    return share_link(st.query_params.to_dict())
