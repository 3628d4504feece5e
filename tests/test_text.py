"""Untrusted text stays text: escaped for Streamlit's Markdown and for Plotly's HTML, links only to http(s)."""

from __future__ import annotations

import math

import pytest

from components.view.words.text import escape_html, escape_markdown, markdown_link, optional_text, safe_url


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("**bold** _em_", r"\*\*bold\*\* \_em\_"),
        ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
        ("![img](https://example.org/p.png)", r"\!\[img\]\(https\://example\.org/p\.png\)"),
        ("$x^2$ costs $5", r"\$x^2\$ costs \$5"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("a | b", r"a \| b"),
        ("~~struck~~ `code`", r"\~\~struck\~\~ \`code\`"),
        ("line one\nline two", "line one  \nline two"),
        ("&amp; stays", r"\&amp; stays"),
    ],
)
def test_markdown_escaping_leaves_no_syntax(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("two\nlines", "two<br>lines"),
        ("%{customdata}", "%{customdata}"),  # shown through %{text}, never as a template itself
    ],
)
def test_html_escaping_for_plotly(text: str, escaped: str) -> None:
    assert escape_html(text) == escaped


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://example.org/x)(y", "https://example.org/x%29%28y"),
        ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/no-scheme", None),
        ("mailto:someone@example.org", None),
    ],
)
def test_only_http_urls_are_linked(url: str, safe: str | None) -> None:
    assert safe_url(url) == safe


def test_a_link_label_is_escaped_and_a_bad_target_leaves_only_the_label() -> None:
    assert markdown_link("Reuters: [x](y)", "https://reuters.com/a") == r"[Reuters\: \[x\]\(y\)](https://reuters.com/a)"
    assert markdown_link("Bad *link*", "javascript:alert(1)") == r"Bad \*link\*"
    assert markdown_link("IPv6", "https://[::1]/x") == "[IPv6](https://%5B::1%5D/x)"


@pytest.mark.parametrize(("value", "text"), [(None, None), (math.nan, None), ("", ""), ("a note", "a note"), (0, "0")])
def test_optional_text_treats_missing_cells_as_none(value: object, text: str | None) -> None:
    assert optional_text(value) == text
