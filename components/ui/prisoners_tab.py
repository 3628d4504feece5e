"""The Political prisoners tab: Viasna's count with releases and key events, then people freed per release."""

from __future__ import annotations

import streamlit as st

from ..i18n import N_, _, ngettext, number_text
from ..view.draw.prisoner_figures import STACKS, key_event_list
from ..view.draw.tables import counts_table, releases_table
from ..view.draw.text_alternatives import prisoners_sentence, releases_sentence
from ..view.shape.filters import Filters, Shown
from ..view.words.text import escape_markdown
from .charts import prisoners_chart, releases_chart
from .page_data import PageData
from .state import RELEASES_STACK

# One whole sentence per way of stacking: the stack's name takes a different case in each language.
RELEASES_CAPTIONS = {
    "destination": N_("Bars, left axis: people freed in each release, stacked by destination; line, right axis: the "
                      "running total since the first release shown."),
    "kind": N_("Bars, left axis: people freed in each release, stacked by how they were freed; line, right axis: the "
               "running total since the first release shown."),
}  # fmt: skip


def render_prisoners_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """Both prisoner charts, each with its data as a table."""
    st.header(_("Political prisoners held (Viasna)"))
    if shown.counts.empty and shown.releases.empty:
        st.info(_("No prisoner counts or releases in the dates chosen."))
        return
    st.caption(
        prisoners_sentence(shown.counts, language=page.language)
    )  # the chart's text alternative, from the counts in view
    figure, detail = prisoners_chart(page, filters)
    st.plotly_chart(figure)
    key = key_event_list(shown.events)
    if key:
        listed = "; ".join(f"**{k.number}** {escape_markdown(k.title)} ({escape_markdown(k.date_label)})" for k in key)
        st.caption(_("Key events (numbered dotted lines): {events}").format(events=listed))
    if detail.milestones > detail.milestones_shown:
        drawn = _("{shown} of {count} key events are drawn, evenly over time.")
        st.caption(drawn.format(shown=number_text(detail.milestones_shown), count=number_text(detail.milestones)))
    if detail.releases_summed:
        summed = ngettext(
            "{count} release is summed per month.", "{count} releases are summed per month.", detail.releases
        )
        st.caption(summed.format(count=number_text(detail.releases)))
    st.caption(
        _(
            "Line, left axis: political prisoners held on each date as counted by Viasna (open markers: the source "
            "says 'over' or 'about'). Bars, right axis: people freed per release."
        )
    )
    with st.expander(_("The same data as a table")):
        st.dataframe(
            counts_table(shown.counts, language=page.language),
            hide_index=True,
            column_config={_("Link"): st.column_config.LinkColumn()},
        )
    render_releases(page, filters, shown)


def render_releases(page: PageData, filters: Filters, shown: Shown) -> None:
    """People freed per release, stacked by destination."""
    st.header(_("People freed per release"))
    if shown.releases.empty:
        st.info(_("No releases in the events shown."))
        return
    st.caption(releases_sentence(shown.releases, language=page.language))  # the chart's text alternative
    stack = st.radio(
        _("Stack the bars by"), list(STACKS), key=RELEASES_STACK, horizontal=True, format_func=lambda v: _(STACKS[v]),
        help=_("How they were freed: a pardon, a deportation abroad, the end of a sentence, an exchange."),
    )  # fmt: skip
    st.plotly_chart(releases_chart(page, filters, stack))
    st.caption(_(RELEASES_CAPTIONS[stack]))
    with st.expander(_("The same data as a table")):
        st.dataframe(releases_table(shown.releases, language=page.language), hide_index=True)
