"""The story: every event in view, in date order, grouped by year; untrusted text stays text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from components.data.loader import load_file
from components.view.draw.story import page_of, story_page
from components.view.shape.filters import Filters, shown_frames
from components.view.shape.frames import build_frames

from .samples import ROOT, TIMELINE

FRAMES = build_frames(load_file(TIMELINE))
PEOPLE = {p.id: p for p in FRAMES.meta.people}


def ids(html: str) -> list[str]:
    return re.findall(r'<li class="story-event[^"]*" id="event-([a-z0-9-]+)"', html)


def test_the_story_lists_every_event_in_date_order_grouped_by_year() -> None:
    story = story_page(FRAMES.events, PEOPLE, FRAMES.meta.sources, language="en")
    assert ids(story.html) == list(FRAMES.events["id"])
    years = re.findall(r'<h3 class="story-year" id="year-(\d{4})">', story.html)
    assert years == ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    assert (story.first, story.last, story.total, story.pages) == (1, 19, 19, 1)


def test_the_story_follows_the_filters_and_marks_the_selected_event() -> None:
    releases = shown_frames(FRAMES, Filters(categories=("releases",))).events
    chosen = "release-52-2025-09-11"
    story = story_page(releases, PEOPLE, FRAMES.meta.sources, selected=chosen, language="en")
    assert ids(story.html) == list(releases["id"]) == [
        "release-18-2024-07-03", "release-14-2025-06-21", chosen, "release-123-2025-12-13",
        "coale-visit-250-freed-2026-03-19",
    ]  # fmt: skip
    assert re.findall(r'<li class="story-event story-selected" id="event-([a-z0-9-]+)"', story.html) == [chosen]


def test_an_event_shows_its_date_at_its_precision_people_freed_people_and_sources() -> None:
    event = FRAMES.events[FRAMES.events["id"] == "coale-visit-250-freed-2026-03-19"].iloc[0]
    story = story_page(FRAMES.events[FRAMES.events["id"] == event["id"]], PEOPLE, FRAMES.meta.sources, language="en")
    assert f"{event['date_label']} · {event['category_label']}" in story.html
    assert "<strong>People freed: 250</strong>" in story.html
    for person in event["people"]:
        assert f'<a href="?person={person}">' in story.html
    for source in event["sources"]:
        assert f'href="{FRAMES.meta.sources[source].url}"' in story.html


def test_many_events_are_paged_and_the_selected_one_is_found_on_its_page() -> None:
    story = story_page(FRAMES.events, PEOPLE, FRAMES.meta.sources, page=2, size=5, language="en")
    assert story.pages == 4 and (story.first, story.last, story.total) == (6, 10, 19)  # 19 events, 5 a page
    assert ids(story.html) == list(FRAMES.events["id"].iloc[5:10])
    last = story_page(FRAMES.events, PEOPLE, FRAMES.meta.sources, page=4, size=5, language="en")
    assert (last.first, last.last) == (16, 19) and ids(last.html) == list(FRAMES.events["id"].iloc[15:])
    assert page_of(FRAMES.events, "coale-visit-250-freed-2026-03-19", size=5) == 4
    assert page_of(FRAMES.events, "election-2020", size=5) == 1 and page_of(FRAMES.events, "missing") == 1


class Elements(HTMLParser):
    """Every tag and attribute the browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def test_untrusted_text_in_the_story_stays_text() -> None:
    hostile = build_frames(load_file(ROOT / "tests" / "data" / "hostile.yaml"))
    story = story_page(hostile.events, {p.id: p for p in hostile.meta.people}, hostile.meta.sources, language="en")
    parsed = Elements()
    parsed.feed(story.html)
    assert set(parsed.tags) <= {"div", "h3", "ol", "li", "p", "h4", "strong", "a"}
    assert {name for name, _ in parsed.attributes} <= {"class", "id", "href", "rel"}
    hrefs = [value for name, value in parsed.attributes if name == "href"]
    assert hrefs and all(h.startswith(("https://", "http://", "?person=")) for h in hrefs)
    assert "&lt;script&gt;" in story.html


def test_the_people_freed_are_told_apart_from_the_others_named() -> None:
    from components.data.loader import load_text
    from components.view.shape.frames import build_frames

    from .samples import TIMELINE

    text = TIMELINE.read_text(encoding="utf-8").replace(
        '    summary: "Fourteen were freed and taken to Lithuania."\n    people: [siarhei-tsikhanouski]\n',
        '    summary: "Fourteen were freed and taken to Lithuania."\n    people: [siarhei-tsikhanouski, john-coale]\n',
    )
    frames = build_frames(load_text(text, "timeline.yaml"))
    people = {p.id: p for p in frames.meta.people}
    events = frames.events[frames.events["id"] == "release-14-2025-06-21"]
    html = story_page(events, people, frames.meta.sources, language="en").html
    assert re.search(r'class="story-freed-people">Freed: <a [^>]*>Siarhei Tsikhanouski</a></p>', html)
    assert re.search(r'class="story-people">Also named: <a [^>]*>John Coale</a></p>', html)
    visit = frames.events[frames.events["id"] == "coale-visit-250-freed-2026-03-19"]
    only = story_page(visit, people, frames.meta.sources, language="en").html
    assert "story-freed-people" not in only and re.search(r'class="story-people">People: <a [^>]*>John Coale</a>', only)
