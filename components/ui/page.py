"""The page's frame: loading the data, its problems and warnings, the headline and the notices."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit import config

from ..view.filters import Shown
from ..view.text import escape_markdown, markdown_link
from .page_data import PageData, PageLoad, data_file, load_page_data
from .state import LINK_NOTICES
from .watch import watch_file

# On a phone the headline and the section titles would fill the first screen; smaller, the story starts sooner.
PHONE_STYLE = """<style>
@media (max-width: 640px) {
  [data-testid="stHeading"] h1 { font-size: 1.6rem !important; }
  [data-testid="stHeading"] h2 { font-size: 1.3rem !important; }
  [data-testid="stMetricValue"] { font-size: 1.6rem !important; }
}
</style>"""


@st.cache_resource(show_spinner=False)
def _check_server_config() -> None:
    # Once per server: started outside the repository folder, Streamlit misses .streamlit/config.toml.
    if config.get_option("runner.postScriptGC"):
        logging.getLogger(__name__).warning(
            "runner.postScriptGC is on: every run ends with a full garbage collection, which costs most of the "
            "server's CPU with many readers. Start streamlit from the repository folder so that its "
            ".streamlit/config.toml applies, or pass --runner.postScriptGC false."
        )


def start_page() -> PageData:
    """Set the page up and load the data file; stops the script (after showing why) when there is nothing to show."""
    st.set_page_config(page_title="Belarus timeline", layout="wide")
    st.html(PHONE_STYLE)
    _check_server_config()
    path = data_file()
    loaded = load_page_data(path)
    watch_file(path)
    render_problems(loaded)
    if loaded.page is None:
        st.stop()
    return loaded.page


def render_problems(loaded: PageLoad) -> None:
    """The data file's located problems (and, if any, that an older valid version is shown)."""
    if not loaded.problems:
        return
    st.error(f"**The data file has {len(loaded.problems)} problem(s).** Fix each line below and save the file.")
    st.code("\n".join(loaded.problems), language=None, wrap_lines=True)  # literal text, copyable
    if loaded.stale:
        st.warning("Showing the last valid version of the data loaded by this server until the file is fixed.")


def render_header(page: PageData, shown: Shown) -> None:
    """Title, description and the headline figures."""
    data = page.meta
    st.title(data.title)
    st.caption(escape_markdown(f"{data.description} Data as of {data.as_of.label}."))
    held, freed, events = st.columns(3)
    if len(shown.counts):
        latest = shown.counts.iloc[-1]
        value = f"over {latest['count']:,}" if latest["approximate"] else f"{latest['count']:,}"
        held.metric("Political prisoners held", value, help=f"Viasna's count, {latest['date_label']}")
        source = data.sources.get(str(latest["source"]))
        cited = (
            markdown_link(source.publisher, source.url) + f", {escape_markdown(source.published.label)}"
            if source
            else ""
        )
        # Markdown, not a caption: a link in a caption's grey text fails the contrast a reader needs.
        held.markdown(f"Viasna's count, {escape_markdown(str(latest['date_label']))} · source: {cited}")
    else:
        held.metric("Political prisoners held", "—", help="No count in the dates shown")
    total = int(shown.events["released"].sum()) if len(shown.events) else 0
    freed.metric("People freed in the releases shown", f"{total:,}")
    events.metric("Events shown", f"{len(shown.events)} of {len(page.events)}")


def render_notices(page: PageData, shown: Shown) -> None:
    """What was dropped from the link, the data file's warnings, and what to do when nothing matches."""
    for notice in st.session_state.get(LINK_NOTICES, []):
        st.warning(notice)
    if page.warnings:
        with st.expander(f"{len(page.warnings)} warning(s) about the data file"):
            st.code("\n".join(str(w) for w in page.warnings), language=None, wrap_lines=True)
    if shown.events.empty:
        st.info(
            "No events match these filters. Widen the dates, remove a category, person or status, "
            "change the search, or press **Clear filters** in the sidebar."
        )
