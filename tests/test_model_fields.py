"""Each field is declared once, in the model; what the rest of the code knows of it is derived from there."""

from __future__ import annotations

import pytest

from components.data.loader import load_text
from components.data.model import TEXT_FIELDS

from .samples import VALID


def test_free_text_fields_are_found_from_their_types() -> None:
    assert {"title", "summary", "note", "publisher", "via", "charges", "license", "name", "role"} <= TEXT_FIELDS
    assert not {"id", "url", "date", "status", "category", "sources", "color", "archived"} & TEXT_FIELDS


@pytest.mark.parametrize(
    ("line", "replacement"),
    [
        ("    publisher: Pub", "    publisher: Pub\n    via: Reuters #1 story"),
        ("    role: Blogger", "    role: Blogger\n    charges: Art. 342 #2 count"),
        ("as_of: 2026-03-19", "as_of: 2026-03-19\nlicense: CC-BY-4.0 #see below"),
    ],
)
def test_a_comment_cutting_any_free_text_short_is_a_warning(line: str, replacement: str) -> None:
    loaded = load_text(VALID.replace(line, replacement, 1), "events.yaml")
    assert any("' #'" in w.message for w in loaded.warnings), loaded.warnings


def test_a_link_with_an_impossible_port_is_a_located_error() -> None:
    from components.data.problems import DataError

    with pytest.raises(DataError) as raised:
        load_text(VALID.replace("url: https://example.org/a", "url: https://example.org:99999/a"), "events.yaml")
    (problem,) = raised.value.problems
    assert problem.path == "sources.s1.url" and "not an http(s) web address" in problem.message
