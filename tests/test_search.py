"""Search folds case, accents and script, and every word of a query must match."""

from __future__ import annotations

import pytest

from components.data.loader import load_text
from components.view.shape.filters import Filters, filter_events, filter_people
from components.view.shape.frames import events_frame, people_frame
from components.view.shape.search import query_words, search_key

from .samples import VALID

# The sample's one person without aliases, detained, so that the people filter sees them too.
NO_ALIASES = VALID.replace("    aliases: [Tikhanovsky, Cichanoŭski, Тихановский]\n", "    aliases: []\n").replace(
    "    role: Blogger\n", "    role: Blogger\n    detained: 2020-05-29\n    sources: [s1]\n"
)
DATA = load_text(NO_ALIASES, "events.yaml").data


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


def shown_ids(which: str, query: str) -> list[str]:
    """What the page's own filter shows for a search: events by the people they name, people by name and role."""
    if which == "events":
        return list(filter_events(events_frame(DATA), Filters(query=query))["id"])
    return list(filter_people(people_frame(DATA), Filters(query=query))["id"])


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("tsikhanouski", True),
        ("Тихановский", False),  # a different transliteration: aliases, not folding, connect the two
        ("siarhei tsikh", True),  # a word may be the start of a name
        ("TSIKHANOUSKI  Siarhei", True),  # in any order and case
        ("siarhei kalesnikava", False),  # every word must match
    ],
)
@pytest.mark.parametrize(("which", "entry"), [("events", "e1"), ("people", "p1")])
def test_every_query_word_must_appear_in_what_the_filters_search(
    which: str, entry: str, query: str, found: bool
) -> None:
    assert shown_ids(which, query) == ([entry] if found else [])


def test_a_search_finds_events_by_their_places_name_in_any_script() -> None:
    from components.data.loader import load_file
    from components.view.shape.filters import Filters, filter_events
    from components.view.shape.frames import events_frame

    from .samples import TIMELINE

    events = events_frame(load_file(TIMELINE).data)
    for words in ("Shklou", "Шклоў", "Шклов"):
        assert list(filter_events(events, Filters(query=words))["id"]) == ["marozau-dies"], words


@pytest.mark.parametrize(
    "query",
    ["13 December 2025", "2025-12-13", "December 13, 2025", "13 снежня 2025", "13 декабря 2025", "13 грудня 2025"],
)
def test_a_search_for_a_day_finds_the_events_on_it(query: str) -> None:
    from components.data.loader import load_file
    from components.view.shape.filters import Filters, filter_events
    from components.view.shape.frames import events_frame

    from .samples import TIMELINE

    events = events_frame(load_file(TIMELINE).data)
    assert list(filter_events(events, Filters(query=query))["id"]) == ["release-123-2025-12-13"]


@pytest.mark.parametrize("query", ["December 2025", "2025-12", "грудень 2025", "снежань 2025", "декабрь 2025"])
def test_a_search_for_a_month_finds_the_events_in_it_and_keeps_its_other_words(query: str) -> None:
    from components.data.loader import load_file
    from components.view.shape.filters import Filters, filter_events
    from components.view.shape.frames import events_frame

    from .samples import TIMELINE

    events = events_frame(load_file(TIMELINE).data)
    december = set(filter_events(events, Filters(query=query))["id"])
    assert december == {e for e, start in zip(events["id"], events["start"], strict=True)
                        if (start.year, start.month) == (2025, 12)}  # fmt: skip
    assert list(filter_events(events, Filters(query=f"Bialiatski {query}"))["id"]) == ["release-123-2025-12-13"]
    assert filter_events(events, Filters(query=f"nothing-like-this {query}")).empty


def test_a_month_without_a_year_and_an_impossible_day_are_words() -> None:
    from components.view.shape.search import date_query

    assert date_query("May protests") == (None, "May protests")
    assert date_query("31 February 2025") == (None, "31 February 2025")
