"""The story: the events in view as a chronological list grouped by year, the page a reader scrolls and prints.

HTML from the story template (components/view/draw/templates/story.html): everything from the data file is untrusted
text that the template escapes; links are only ever http(s) or the page's own `?person=` filter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from markupsafe import Markup

from ...data.fuzzy_dates import parse_fuzzy_date
from ...data.model import Person, Source
from ...i18n import DEFAULT_LANGUAGE, _, number_text, speaks
from ..shape.frames import UNSPECIFIED_DESTINATION, frame_records
from ..shape.translated import country_name
from ..words.text import optional_text
from .html import copy_button, macro
from .style import archive_label, fuzzy_date_text, status_word

STORY_PAGE_SIZE = 100  # events per page of the story; the chart and the downloads hold every event


@dataclass(frozen=True)
class StoryPage:
    """One page of the story and where it sits among the pages."""

    html: str
    page: int
    pages: int
    first: int  # 1-based position of the page's first event among the events in view
    last: int
    total: int


def _freed(row: Mapping[Any, Any], language: str) -> tuple[str | None, list[tuple[str, str]]]:
    """People freed, as text, and where they went (destination, number), in the reader's language."""
    released = row["released"]
    if released is None or pd.isna(released):
        return None, []
    places = [
        (country_name(place, language), number_text(int(number)))
        for place, number in dict(row["released_to"]).items()
        if place != UNSPECIFIED_DESTINATION
    ]
    return number_text(int(released)), places


@dataclass(frozen=True)
class StoryLinks:
    """Where a person's name and an event's title link to: the dashboard's filter, or the static site's pages."""

    person: Callable[[str], str] = lambda person_id: f"?person={person_id}"
    event: Callable[[str], str] | None = None
    copy: Callable[[str], str] | None = None  # the link a "Copy link" button under each entry copies


def _words() -> dict[str, str]:
    """The story's own phrases in the reader's language ({name} placeholders, filled by the template)."""
    return {
        "in_english": _("in English"),
        "people_freed": _("People freed: {count}"),
        "people": _("People: {names}"),
        "freed": _("Freed: {names}"),
        "others": _("Also named: {names}"),
        "note": _("Note: {note}"),
        "sources": _("Sources: {sources}"),
    }


def _source(source: Source, language: str) -> dict[str, str]:
    """A cited source as the template shows it: the publisher's page, its date, and where it is archived."""
    return {
        "publisher": source.publisher, "url": source.url, "date": fuzzy_date_text(source.published, language),
        "archive": source.archive, "archive_label": archive_label(source),
    }  # fmt: skip


def _event(
    row: Mapping[Any, Any],
    people: Mapping[str, Person],
    sources: Mapping[str, Source],
    selected: str | None,
    links: StoryLinks,
    *,
    words: Mapping[str, str],
    language: str,
) -> str:
    freed, destinations = _freed(row, language)
    named = [p for p in row["people"] if p in people]
    # Who this event freed: the people named whose release falls on its days (a negotiator is named, not freed).
    first = parse_fuzzy_date(row["date"]).start
    last = max(
        parse_fuzzy_date(row[name]).end for name in ("date", "end", "freed_on") if isinstance(row.get(name), str)
    )
    freed_ids = {p for p in named if row["released"] is not None and not pd.isna(row["released"])
             and (day := people[p].released) is not None and first <= day.start <= last}  # fmt: skip
    translated = language != DEFAULT_LANGUAGE
    entry = {
        "id": row["id"], "selected": row["id"] == selected,
        "when": f"{row['date_label']} · {row['category_label']}",
        "status": None if row["status"] == "confirmed" else status_word(row["status"]),
        "title": row["title"], "href": links.event(row["id"]) if links.event else None,
        "title_in_english": row.get("title_in_english") is True,
        "summary": row["summary"], "summary_in_english": row.get("summary_in_english") is True,
        "freed": freed, "destinations": destinations,
        "freed_people": [(links.person(p), people[p].name) for p in named if p in freed_ids],
        "people": [(links.person(p), people[p].name) for p in named if p not in freed_ids],
        "note": optional_text(row["note"]), "note_in_english": translated,
        "sources": [_source(sources[s], language) for s in row["sources"] if s in sources],
        "share": Markup(copy_button(links.copy(row["id"]))) if links.copy else None,
    }  # fmt: skip
    return str(macro("story.html", "event")(entry, words))


@speaks
def story_page(
    events: pd.DataFrame,
    people: Mapping[str, Person],
    sources: Mapping[str, Source],
    *,
    language: str,
    selected: str | None = None,
    page: int = 1,
    size: int = STORY_PAGE_SIZE,
    links: StoryLinks = StoryLinks(),
    rendered: MutableMapping[str, str] | None = None,
) -> StoryPage:
    """One page of the events in date order, grouped by year, the selected event marked. `rendered` holds entries
    already rendered for these links and this language (the selected one is always rendered anew); the entries
    rendered here are added to it."""
    pages = max(1, -(-len(events) // size))
    page = min(max(page, 1), pages)
    chosen = events.iloc[(page - 1) * size : page * size]
    groups: list[tuple[int, list[Markup]]] = []
    records: list[dict[Any, Any]] | None = None  # whole rows only for entries not rendered already (costly)
    words = _words()
    for index, (event_id, start) in enumerate(zip(chosen["id"].tolist(), chosen["start"].tolist(), strict=True)):
        if not groups or groups[-1][0] != start.year:
            groups.append((start.year, []))
        done = rendered.get(event_id) if rendered is not None and event_id != selected else None
        if done is None:
            records = frame_records(chosen) if records is None else records
            done = _event(records[index], people, sources, selected, links, words=words, language=language)
            if rendered is not None and event_id != selected:
                rendered[event_id] = done
        groups[-1][1].append(Markup(done))  # rendered by the template, escaped there
    first = (page - 1) * size + 1 if len(chosen) else 0
    body = str(macro("story.html", "story")(groups))
    return StoryPage(body, page, pages, first, first + len(chosen) - 1 if len(chosen) else 0, len(events))


@speaks
def story_items(
    events: pd.DataFrame,
    people: Mapping[str, Person],
    sources: Mapping[str, Source],
    links: StoryLinks,
    *,
    language: str,
) -> dict[str, str]:
    """Each event's story entry, rendered once for pages that show the same events with the same links."""
    words = _words()
    return {
        row["id"]: _event(row, people, sources, None, links, words=words, language=language)
        for row in frame_records(events)
    }


def page_of(events: pd.DataFrame, event_id: str | None, size: int = STORY_PAGE_SIZE) -> int:
    """The story page that holds the event (1 when it is not in view)."""
    ids = list(events["id"])
    return ids.index(event_id) // size + 1 if event_id in ids else 1
