"""Show untrusted text from the data file as text: escaped for Markdown and for Plotly's HTML."""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import quote, urlsplit

import pandas as pd

from ...data.model import SHORT_LENGTH

# Everything Streamlit's Markdown treats as syntax, including `$` (math) and `<` (HTML).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")


def optional_text(value: object) -> str | None:
    """A frame cell as text, or None for a missing value (pandas gives NaN for None)."""
    if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    return str(value)


def escape_markdown(text: str) -> str:
    """Text that Streamlit's Markdown shows literally: no links, images, HTML, math or emphasis."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\n", "  \n")


def escape_html(text: str) -> str:
    """Text that Plotly's hover, tick and annotation HTML shows literally."""
    return html.escape(text, quote=True).replace("\n", "<br>")


@functools.lru_cache(maxsize=65_536)  # a few sources are cited on many pages; the file bounds the set
def safe_url(url: str) -> str | None:
    """The URL when it is http(s), with characters that would end a Markdown link encoded."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")  # keeps the URL, encodes spaces, parentheses and quotes


def markdown_link(label: str, url: str) -> str:
    """A Markdown link whose label is escaped and whose target is only ever http(s)."""
    target = safe_url(url)
    if target is None:
        return escape_markdown(label)
    return f"[{escape_markdown(label)}]({target.replace('[', '%5B').replace(']', '%5D')})"


def shortened(text: str, length: int = SHORT_LENGTH) -> str:
    """The text cut at a word boundary to at most `length` characters, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return (cut or text[: length - 1]) + "…"
