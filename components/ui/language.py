"""The page's language: from the link, the reader's own choice or the browser; set before anything is written."""

from __future__ import annotations

import streamlit as st

from ..i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, _, use_language
from ..view.words.locale import choose_language
from .state import LANGUAGE, LANGUAGE_CHOSEN, LANGUAGE_NOTICE


def _from_link() -> str | None:
    value = st.query_params.get_all("lang")
    return value[-1] if value else None


def start_language() -> str:
    """Decide the language on a session's first run (`?lang=`, else the browser's, else English), keep the reader's
    later choice, and make it the language of this run."""
    if LANGUAGE not in st.session_state:
        requested = _from_link()
        choice = choose_language(requested, st.context.locale)
        st.session_state[LANGUAGE] = choice.code
        # A language the link named stays in the links this page gives; one guessed from the browser does not.
        st.session_state[LANGUAGE_CHOSEN] = requested is not None and choice.notice is None
        st.session_state[LANGUAGE_NOTICE] = choice.notice
    code = str(st.session_state[LANGUAGE])
    use_language(code)
    return code


def language_notice() -> str | None:
    """What to tell a reader whose link asked for a language the page does not speak (None otherwise)."""
    notice = st.session_state.get(LANGUAGE_NOTICE)
    return None if notice is None else str(notice)


def _chosen() -> None:
    st.session_state[LANGUAGE_CHOSEN] = True
    st.session_state[LANGUAGE_NOTICE] = None  # the reader has chosen: the link's unknown language is past


def language_picker() -> None:
    """The language switch, each language named in itself."""
    # Radio buttons: every language visible, named in itself (a reader who cannot read the page can still find
    # theirs), and the theme's contrast (the segmented control's selected text was 4.26:1, under WCAG's 4.5).
    st.radio(
        _("Language"),
        LANGUAGES,
        key=LANGUAGE,
        format_func=LANGUAGE_NAMES.__getitem__,
        on_change=_chosen,
        horizontal=True,
        label_visibility="collapsed",
    )


def link_language() -> str | None:
    """The `lang` a shared link should carry: the page's language when it is not English or the reader chose it."""
    code = str(st.session_state.get(LANGUAGE, DEFAULT_LANGUAGE))
    return code if code != DEFAULT_LANGUAGE or st.session_state.get(LANGUAGE_CHOSEN) else None
