"""The page's frame: loading the data, its problems and warnings, the headline and the notices."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit import config

from ..i18n import _, ngettext, number_text
from ..view.draw.citations import static_page
from ..view.draw.headline import headline
from ..view.draw.html import Html, macro
from ..view.draw.style import fuzzy_date_text
from ..view.shape.filters import Shown
from ..view.shape.translated import translated_frames
from ..view.words.text import escape_markdown, markdown_link
from .charts import per_view
from .language import language_notice, start_language
from .page_data import PageData, PageLoad, data_file, load_page_data
from .shared import page_key, shared
from .state import EVENT, LINK_NOTICES
from .watch import watch_file


@shared(1)
def _check_server_config() -> None:
    # Once per server: started outside the repository folder, Streamlit misses .streamlit/config.toml.
    if config.get_option("runner.postScriptGC"):
        logging.getLogger(__name__).warning(
            "runner.postScriptGC is on: every run ends with a full garbage collection, which costs most of the "
            "server's CPU with many readers. Start streamlit from the repository folder so that its "
            ".streamlit/config.toml applies, or pass --runner.postScriptGC false."
        )


@shared(16, key=page_key)
def _translated(page: PageData, language: str) -> PageData:
    return translated_frames(page, language)


@shared(8)
def _page_html(language: str) -> Html:
    # One element for the page's own styles and scripts (each st.html is a block with its own gap at the top of the
    # page), made once per language.
    return Html(
        macro("page.html", "phone_style")()
        + macro("page.html", "document_language")(language)
        + macro("page.html", "copy_links")()
        + macro("page.html", "tap_selects")()
        + macro("page.html", "one_download")()
    )


def start_page() -> PageData:
    """Set the page up, choose its language and load the data file in it; stops the script (after showing why) when
    there is nothing to show."""
    language = start_language()
    st.set_page_config(page_title=_("Belarus timeline"), layout="wide")
    st.html(_page_html(language), unsafe_allow_javascript=True)
    _check_server_config()
    path = data_file()
    loaded = load_page_data(path)
    watch_file(path, loaded.file_version)
    render_problems(loaded)
    if loaded.page is None:
        st.stop()
    # Shared by every session reading this language: translated once per file version.
    return _translated(loaded.page, language)


def render_problems(loaded: PageLoad) -> None:
    """The data file's located problems (and, if any, that an older valid version is shown)."""
    if not loaded.problems:
        return
    count = len(loaded.problems)
    st.error(
        ngettext(
            "**The data file has {count} problem.** Fix the line below and save the file.",
            "**The data file has {count} problems.** Fix each line below and save the file.",
            count,
        ).format(count=number_text(count))
    )
    # The located lines stay as `check` writes them (English): an editor fixes the file with them, and searches them.
    st.code("\n".join(loaded.problems), language=None, wrap_lines=True)  # literal text, copyable
    if loaded.stale:
        st.warning(_("Showing the last valid version of the data loaded by this server until the file is fixed."))


def render_header(page: PageData, shown: Shown) -> None:
    """Title, description and the headline figures."""
    data = page.meta
    st.title(data.title)
    as_of = _("Data as of {date}.").format(date=fuzzy_date_text(data.as_of, page.language))
    st.caption(escape_markdown(f"{data.description} {as_of}"))
    figures = per_view(page, shown, headline)
    # One row that wraps on a phone; a horizontal container is one block where columns were five (fewer messages on
    # every rerun).
    row = st.container(horizontal=True)
    row.metric(_("Political prisoners held"), figures.held, help=figures.held_help)
    row.metric(_("People freed in the releases shown"), figures.freed)
    row.metric(
        _("Died in custody since 2020"),
        figures.died,
        help=_(
            "Political prisoners who died in a prison, colony or pre-trial detention, as Viasna records them; "
            "each is an event on the timeline and a cross on the prisoner chart"
        ),
    )
    row.metric(_("Events shown"), figures.shown)
    if figures.count_line:
        # Body text, not a caption: a link in a caption's grey text fails the contrast a reader needs. Under the row,
        # at full width: in a quarter of a desktop's width the line would push the charts down by half a screen.
        st.html(figures.count_line)


def render_notices(page: PageData, shown: Shown) -> None:
    """What was dropped from the link, the data file's warnings, and what to do when nothing matches."""
    notice = language_notice()
    if notice:
        st.warning(notice)
    for notice in st.session_state.get(LINK_NOTICES, []):
        st.warning(notice)
    if page.warnings:
        count = len(page.warnings)
        label = ngettext("{count} warning about the data file", "{count} warnings about the data file", count)
        with st.expander(label.format(count=number_text(count))):
            st.code("\n".join(str(w) for w in page.warnings), language=None, wrap_lines=True)
    if page.meta.site_url:  # the light edition for phones and slow links: the same view's static page
        light = static_page(page.meta.site_url, page.language, st.session_state.get(EVENT))
        st.caption(markdown_link(_("Light version for phones and slow connections"), light))
    if shown.events.empty:
        st.info(
            _(
                "No events match these filters. Widen the dates, remove a category, person or status, "
                "change the search, or press **Clear filters** in the sidebar."
            )
        )
