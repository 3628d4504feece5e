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
from .frames import UNSPECIFIED_DESTINATION, frame_records
from .text import optional_text, safe_url

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
    where = ", ".join(f"{_text(k)}: {int(v):,}" for k, v in places.items() if k != UNSPECIFIED_DESTINATION)
    return (
        f'<p class="story-freed"><strong>People freed: {int(released):,}</strong>{f" ({where})" if where else ""}</p>'  # type: ignore[call-overload]
    )


@dataclass(frozen=True)
class StoryLinks:
    """Where a person's name and an event's title link to: the dashboard's filter, or the static site's pages."""

    person: Callable[[str], str] = lambda person_id: f"?person={person_id}"
    event: Callable[[str], str] | None = None


def _title(row: Mapping[Any, Any], links: StoryLinks) -> str:
    title = _text(row["title"])
    return f'<a href="{_text(links.event(row["id"]))}">{title}</a>' if links.event else title


def _event(
    row: Mapping[Any, Any],
    people: Mapping[str, Person],
    sources: Mapping[str, Source],
    selected: str | None,
    links: StoryLinks,
) -> str:
    status = "" if row["status"] == "confirmed" else f" · {_text(row['status'])}"
    named = [f'<a href="{_text(links.person(p))}">{_text(people[p].name)}</a>' for p in row["people"] if p in people]
    cited = [
        f"{_link(sources[s].publisher, sources[s].url)} ({_text(sources[s].published.label)})"
        for s in row["sources"]
        if s in sources
    ]
    note = optional_text(row["note"])
    parts = [
        f'<p class="story-when">{_text(row["date_label"])} · {_text(row["category_label"])}{status}</p>',
        f'<h4 class="story-title">{_title(row, links)}</h4>',
        f'<p class="story-summary">{_text(row["summary"])}</p>',
        _freed(row),
        f'<p class="story-people">People: {", ".join(named)}</p>' if named else "",
        f'<p class="story-note">Note: {_text(note)}</p>' if note else "",
        f'<p class="story-sources">Sources: {"; ".join(cited)}</p>',
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
