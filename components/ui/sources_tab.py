"""The Sources tab: every source with the events that cite it."""

from __future__ import annotations

import streamlit as st

from ..i18n import _, ngettext, number_text
from ..view.draw.tables import sources_table
from ..view.shape.filters import Filters, Shown
from .page_data import PageData


def render_sources_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """Every source of the file, newest first (sources are not filtered: a citation should always be found)."""
    del filters, shown
    count = len(page.sources)
    st.header(ngettext("{count} source", "{count} sources", count).format(count=number_text(count)))
    st.dataframe(
        sources_table(page.sources, page.meta.sources, language=page.language),
        hide_index=True,
        column_config={
            _("Link"): st.column_config.LinkColumn(),
            # The capture where the data has one, else the Wayback Machine's lookup: the heading's help says which.
            _("Archive"): st.column_config.LinkColumn(
                help=_(
                    "An archived copy where the data gives one; otherwise the Wayback Machine's captures of the "
                    "page nearest its publication date"
                ),
                display_text=r"https?://(?:www\.)?([^/]+)/",
            ),
            _("Cited by events"): st.column_config.ListColumn(),
        },
    )
