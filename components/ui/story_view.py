"""The story under the timeline: every event in view, in date order, grouped by year."""

from __future__ import annotations

import streamlit as st

from ..i18n import _, number_text
from ..view.draw.html import Html, macro
from ..view.draw.story import page_of
from ..view.shape.filters import Filters, Shown
from .charts import story_for
from .cite import render_person_citation
from .page_data import PageData
from .state import EVENT, STORY_PAGE, STORY_SCROLLED


def render_story(page: PageData, filters: Filters, shown: Shown) -> None:
    """The story of the events shown, a page at a time when there are many; the selected event marked."""
    st.header(_("The story"))
    render_person_citation(page, tuple(filters.people))
    if shown.events.empty:
        st.info(_("No events match these filters."))
        return
    selected = st.session_state.get(EVENT)
    if selected is not None and selected != st.session_state.get(STORY_SCROLLED):
        st.session_state[STORY_PAGE] = page_of(shown.events, selected)  # open the page that holds it
    story = story_for(page, filters, selected, int(st.session_state.get(STORY_PAGE, 1)))
    if story.pages > 1:
        st.selectbox(
            _("Story page"),
            range(1, story.pages + 1),
            key=STORY_PAGE,
            format_func=lambda n: _("Page {number} of {pages}").format(number=n, pages=story.pages),
        )
        span = _("Events {first}–{last} of {total} in view, in date order.")
        st.caption(
            span.format(first=number_text(story.first), last=number_text(story.last), total=number_text(story.total))
        )
    st.html(Html(str(macro("page.html", "story_style")()) + story.html))
    if selected is not None and selected != st.session_state.get(STORY_SCROLLED):
        st.session_state[STORY_SCROLLED] = selected
        st.html(
            macro("page.html", "scroll_to")(f"event-{selected}"),
            unsafe_allow_javascript=True,
        )
