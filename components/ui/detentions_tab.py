"""The Detentions tab: who was held, from arrest to release or to the data's date."""

from __future__ import annotations

import streamlit as st

from ..i18n import _
from ..view.draw.style import fuzzy_date_text
from ..view.draw.tables import detentions_table
from ..view.draw.text_alternatives import detentions_sentence
from ..view.shape.filters import Filters, Shown
from .charts import detentions_chart
from .page_data import PageData


def render_detentions_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """One bar per detained person shown, and the same data as a table."""
    st.header(_("Detentions of the people named"))
    if shown.people.empty:
        st.info(_("No detentions in the dates, people or search chosen."))
        return
    st.caption(
        detentions_sentence(shown.people, fuzzy_date_text(page.meta.as_of, page.language), language=page.language)
    )  # the chart's text alternative
    st.plotly_chart(detentions_chart(page, filters))
    st.caption(
        _("One row per person, ordered by arrest: a bar from arrest to release, or to the data's date if still held.")
    )
    with st.expander(_("The same data as a table")):
        st.dataframe(detentions_table(shown.people, language=page.language), hide_index=True)
