"""Search folds case, accents and script, and every word of a query must match."""

from __future__ import annotations

import pytest

from components.view.search import query_words, search_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Siarhei Tsikhanouski", " siarhei tsikhanouski "),
        ("Cichanoŭski", " cichanouski "),
        ("Тихановский", " tikhanovskiy "),
        ("Ціханоўскі", " tsikhanouski "),
        ("ＦＵＬＬ-width, punctuation!", " full width punctuation "),
        ("", "  "),
    ],
)
def test_search_key_is_lowercase_ascii_words(text: str, key: str) -> None:
    assert search_key(text) == key


def test_query_words_are_folded_the_same_way() -> None:
    assert query_words("  Бяляцкі,  VIASNA ") == ["byalyatski", "viasna"]
    assert query_words("!!!") == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("tsikhanouski", True),
        ("Тихановский", False),  # a different transliteration: aliases, not folding, connect the two
        ("siarhei tsikh", True),  # a word may be the start of a name
        ("siarhei kalesnikava", False),  # every word must match
    ],
)
def test_every_query_word_must_appear_in_the_key(query: str, found: bool) -> None:
    key = search_key("Siarhei Tsikhanouski blogger")
    assert all(word in key for word in query_words(query)) is found
