"""The story: the events in view as a chronological list grouped by year, the page a reader scrolls and prints.

HTML built from escaped text (everything from the data file is untrusted) and links that are only ever http(s)
or the page's own `?person=` filter.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..data.model import Person, Source
from ..i18n import _, current_language, number_text
from .frames import UNSPECIFIED_DESTINATION, frame_records
from .style import archive_label, fuzzy_date_text, status_word
from .text import optional_text, safe_url
from .translated import country_name

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


def _text(value: object) -> str:
    return html.escape(str(value), quote=True)


def _link(label: str, url: str) -> str:
    target = safe_url(url)
    return _text(label) if target is None else f'<a href="{_text(target)}" rel="noopener">{_text(label)}</a>'


def _freed(row: Mapping[Any, Any]) -> str:
    released = row["released"]
    if released is None or pd.isna(released):
        return ""
    places = dict(row["released_to"])
    where = ", ".join(
        f"{_text(country_name(k, current_language()))}: {number_text(int(v))}"
        for k, v in places.items()
        if k != UNSPECIFIED_DESTINATION
    )
    freed = _text(_("People freed: {count}")).format(count=number_text(int(released)))
    return f'<p class="story-freed"><strong>{freed}</strong>{f" ({where})" if where else ""}</p>'


@dataclass(frozen=True)
class StoryLinks:
    """Where a person's name and an event's title link to: the dashboard's filter, or the static site's pages."""

    person: Callable[[str], str] = lambda person_id: f"?person={person_id}"
    event: Callable[[str], str] | None = None


def in_english(text: str, english: object) -> str:
    """A data text (escaped); where the page is in another language and the data has only English, marked for the
    reader and for screen readers (lang="en")."""
    if english is not True:
        return text
    return f'<span lang="en">{text}</span> <span class="in-english">({_text(_("in English"))})</span>'


def _cited(source: Source) -> str:
    """A source as the story cites it: the publisher's page, its date, and where it is archived."""
    archive = _link(archive_label(source.archived is not None), source.archive)
    return f"{_link(source.publisher, source.url)} ({_text(fuzzy_date_text(source.published))}, {archive})"


def _title(row: Mapping[Any, Any], links: StoryLinks) -> str:
    title = _text(row["title"])
    linked = f'<a href="{_text(links.event(row["id"]))}">{title}</a>' if links.event else title
    return in_english(linked, row.get("title_in_english"))


def _event(
    row: Mapping[Any, Any],
    people: Mapping[str, Person],
    sources: Mapping[str, Source],
    selected: str | None,
    links: StoryLinks,
) -> str:
    status = "" if row["status"] == "confirmed" else f" · {_text(status_word(row['status']))}"
    named = [f'<a href="{_text(links.person(p))}">{_text(people[p].name)}</a>' for p in row["people"] if p in people]
    cited = [_cited(sources[s]) for s in row["sources"] if s in sources]
    note = optional_text(row["note"])
    # The reader's words escaped like the data's: a translation is text, not markup.
    people_line = _text(_("People: {names}"))
    note_line = _text(_("Note: {note}"))
    sources_line = _text(_("Sources: {sources}"))
    parts = [
        f'<p class="story-when">{_text(row["date_label"])} · {_text(row["category_label"])}{status}</p>',
        f'<h4 class="story-title">{_title(row, links)}</h4>',
        f'<p class="story-summary">{in_english(_text(row["summary"]), row.get("summary_in_english"))}</p>',
        _freed(row),
        f'<p class="story-people">{people_line.format(names=", ".join(named))}</p>' if named else "",
        f'<p class="story-note">{note_line.format(note=in_english(_text(note), current_language() != "en"))}</p>'
        if note
        else "",
        f'<p class="story-sources">{sources_line.format(sources="; ".join(cited))}</p>',
    ]
    marked = " story-selected" if row["id"] == selected else ""
    return f'<li class="story-event{marked}" id="event-{_text(row["id"])}">{"".join(p for p in parts if p)}</li>'


def story_page(
    events: pd.DataFrame,
    people: Mapping[str, Person],
    sources: Mapping[str, Source],
    *,
    selected: str | None = None,
    page: int = 1,
    size: int = STORY_PAGE_SIZE,
    links: StoryLinks = StoryLinks(),
    rendered: Mapping[str, str] | None = None,
) -> StoryPage:
    """One page of the events in date order, grouped by year, the selected event marked."""
    pages = max(1, -(-len(events) // size))
    page = min(max(page, 1), pages)
    chosen = events.iloc[(page - 1) * size : page * size]
    blocks, year = [], None
    records: list[dict[Any, Any]] | None = None  # whole rows only for entries not rendered already (costly)
    for index, (event_id, start) in enumerate(zip(chosen["id"].tolist(), chosen["start"].tolist(), strict=True)):
        if start.year != year:
            if year is not None:
                blocks.append("</ol>")
            year = start.year
            blocks.append(f'<h3 class="story-year" id="year-{year}">{year}</h3><ol class="story-events">')
        done = rendered.get(event_id) if rendered is not None and event_id != selected else None
        if done is None:
            records = frame_records(chosen) if records is None else records
            done = _event(records[index], people, sources, selected, links)
        blocks.append(done)
    if year is not None:
        blocks.append("</ol>")
    first = (page - 1) * size + 1 if len(chosen) else 0
    body = f'<div class="story">{"".join(blocks)}</div>'
    return StoryPage(body, page, pages, first, first + len(chosen) - 1 if len(chosen) else 0, len(events))


def story_items(
    events: pd.DataFrame, people: Mapping[str, Person], sources: Mapping[str, Source], links: StoryLinks
) -> dict[str, str]:
    """Each event's story entry, rendered once for pages that show the same events with the same links."""
    return {row["id"]: _event(row, people, sources, None, links) for row in frame_records(events)}


def page_of(events: pd.DataFrame, event_id: str | None, size: int = STORY_PAGE_SIZE) -> int:
    """The story page that holds the event (1 when it is not in view)."""
    ids = list(events["id"])
    return ids.index(event_id) // size + 1 if event_id in ids else 1
