"""The story under the timeline: every event in view, in date order, grouped by year."""

from __future__ import annotations

import streamlit as st

from ..i18n import _, number_text
from ..view.filters import Filters, Shown
from ..view.story import page_of
from .charts import story_for
from .page_data import PageData
from .state import EVENT, STORY_PAGE, STORY_SCROLLED

STORY_STYLE = """<style>
.story { max-width: 46rem; overflow-wrap: anywhere; }
.story .story-year { margin: 1.4rem 0 0.4rem; border-bottom: 1px solid #d0d0d0; }
.story ol { list-style: none; padding-left: 0; margin: 0; }
.story .story-event { padding: 0.5rem 0.75rem; margin: 0 0 0.6rem; border-left: 4px solid #e0e0e0; }
.story .story-event.story-selected { border-left-color: #0072B2; background: #eef5fb; }
.story .story-when { color: #3d3d3d; font-size: 0.85rem; margin: 0; }
.story .story-title { font-size: 1.05rem; margin: 0.15rem 0 0.3rem; padding: 0; }
.story p { margin: 0.2rem 0; }
.story .story-sources, .story .story-note { font-size: 0.85rem; color: #3d3d3d; }
.story .in-english { font-size: 0.8rem; font-weight: normal; color: #3d3d3d; }
@media print { .story .story-event { break-inside: avoid; } }
</style>"""


def render_story(page: PageData, filters: Filters, shown: Shown) -> None:
    """The story of the events shown, a page at a time when there are many; the selected event marked."""
    st.header(_("The story"))
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
    st.html(STORY_STYLE + story.html)
    if selected is not None and selected != st.session_state.get(STORY_SCROLLED):
        st.session_state[STORY_SCROLLED] = selected
        # The id is a slug (the model allows only a-z, 0-9 and hyphens), so it is safe inside the script.
        st.html(
            "<script>setTimeout(() => document.getElementById("
            f"'event-{selected}')?.scrollIntoView({{block: 'center', behavior: 'smooth'}}), 400);</script>",
            unsafe_allow_javascript=True,
        )
