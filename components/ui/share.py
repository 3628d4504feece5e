"""The address of a view, as a reader would share it."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st


def share_link(params: dict[str, str]) -> str:
    """A link to this exact view on the address the reader opened."""
    base = (st.context.url or "").split("?", 1)[0] or "http://localhost:8501/"
    return base + ("?" + urlencode(params) if params else "")
