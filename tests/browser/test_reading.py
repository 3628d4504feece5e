"""What a reader sees without touching anything, on a desktop and on a phone: titled key events, charts whose
text never overlaps, plots that use the screen, whole-number axes, and the story of the events in view."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from components.data.loader import load_file

from ..samples import BUNDLED, ROOT
from .conftest import ARTIFACTS
from .pagetools import graphs, metric, settle

pytestmark = pytest.mark.browser
DATA = load_file(BUNDLED).data
VIEWPORTS = {"desktop": {"width": 1440, "height": 1000}, "phone": {"width": 390, "height": 844}}

# Every visible SVG text box of every chart: tick labels, legend entries, annotations (titles, lane names).
TEXT_BOXES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const boxes = [];
    for (const node of gd.querySelectorAll('svg text')) {
        if (node.closest('.hoverlayer') || !node.textContent.trim()) continue;
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
        const r = node.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({text: node.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom});
    }
    const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const chart = gd.getBoundingClientRect();
    return {boxes, plot: {left: plot.left, right: plot.right, width: plot.width},
            chart: {left: chart.left, right: chart.right}};
})"""


@pytest.fixture
def reader(browser: Any, request: pytest.FixtureRequest):
    """A page at the viewport the test names; a screenshot is kept when the test ends."""
    contexts = []

    def open_page(viewport: str) -> Any:
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield open_page
    ARTIFACTS.mkdir(exist_ok=True)
    for number, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}.png"))
        context.close()


def overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
                min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
            ):
                pairs.append((a["text"], b["text"]))
    return pairs


def charts(page: Any, tab: str, server: Any, expected: int) -> list[dict[str, Any]]:
    page.goto(f"{server.url}/?tab={tab}")
    settle(page)
    graphs(page, expected)
    page.wait_for_timeout(500)
    return list(page.evaluate(TEXT_BOXES_JS))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("tab", "expected"), [("timeline", 1), ("detentions", 1), ("prisoners", 2)])
def test_no_chart_text_overlaps_and_plots_use_the_width(serve, reader, viewport: str, tab: str, expected: int) -> None:
    server = serve()
    page = reader(viewport)
    drawn = charts(page, tab, server, expected)
    assert len(drawn) == expected
    screen = VIEWPORTS[viewport]["width"]
    for chart in drawn:
        assert chart["boxes"], "a chart without any text"
        assert overlaps(chart["boxes"]) == []
        # Nothing is clipped: every text box lies within its chart.
        assert all(chart["chart"]["left"] - 1 <= b["left"] and b["right"] <= chart["chart"]["right"] + 1
                   for b in chart["boxes"])  # fmt: skip
        if viewport == "phone":
            assert chart["plot"]["width"] >= 0.7 * screen, chart["plot"]
        else:
            assert chart["plot"]["width"] >= 0.9 * (chart["chart"]["right"] - chart["chart"]["left"])


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_key_event_is_titled_on_the_timeline(serve, reader, viewport: str) -> None:
    server = serve()
    page = reader(viewport)
    (timeline,) = charts(page, "timeline", server, 1)
    texts = {box["text"] for box in timeline["boxes"]}
    shorts = {e.short for e in DATA.events if "milestone" in e.tags}
    assert shorts and shorts <= texts
    assert {c.label for c in DATA.categories} <= texts  # lanes are named inside the plot


def test_prisoner_axes_show_whole_numbers(serve, reader) -> None:
    server = serve()
    page = reader("desktop")
    page.goto(f"{server.url}/?tab=prisoners")
    settle(page)
    graphs(page, 2)
    ticks = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot g.ytick text, .js-plotly-plot g.y2tick text'))
                 .map(t => t.textContent)"""
    )
    assert ticks and all(re.fullmatch(r"[\d,]+", tick) for tick in ticks), ticks


def story_ids(page: Any) -> list[str]:
    return list(page.evaluate("() => Array.from(document.querySelectorAll('li.story-event')).map(li => li.id)"))


def test_the_story_follows_the_filters_and_scrolls_to_the_selected_event(serve, reader) -> None:
    server = serve()
    page = reader("desktop")
    page.goto(f"{server.url}/?category=releases")
    settle(page)
    shown = int(metric(page, "Events shown").split(" of ")[0])
    expected = [f"event-{e.id}" for e in DATA.events if "releases" in (e.category, *e.also)]
    assert len(story_ids(page)) == shown and set(story_ids(page)) == set(expected)
    chosen = next(e.id for e in DATA.events if e.category == "diplomacy" and e.date.start.year == 2021)
    page.goto(f"{server.url}/?event={chosen}")
    settle(page)
    selected = page.locator("li.story-selected")
    selected.wait_for()
    assert selected.get_attribute("id") == f"event-{chosen}"
    page.wait_for_function(
        """(id) => { const r = document.getElementById(id).getBoundingClientRect();
                     return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=f"event-{chosen}",
    )


def test_on_a_phone_every_tab_is_reachable_and_the_story_needs_no_sideways_scrolling(serve, reader) -> None:
    server = serve()
    page = reader("phone")
    page.goto(server.url)
    settle(page)
    widths = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   const story = document.querySelector('.story').getBoundingClientRect();
                   return {scroll: m.scrollWidth, client: m.clientWidth, story: story.right}; }"""
    )
    assert widths["scroll"] <= widths["client"] and widths["story"] <= VIEWPORTS["phone"]["width"]
    assert len(story_ids(page)) == len(DATA.events)
    tabs = (("Detentions", "Detentions of the people named"), ("Political prisoners", "People freed per release"),
            ("Table", "events"), ("Sources", "sources"))  # fmt: skip
    for name, heading in tabs:
        tab = page.get_by_role("tab", name=name)
        tab.scroll_into_view_if_needed()
        tab.click()
        page.get_by_role("heading", name=re.compile(heading)).first.wait_for()


def test_readme_screenshots(serve, reader) -> None:
    """The README's pictures of the page, refreshed with UPDATE_README_SCREENSHOT=1 (the test itself always runs)."""
    server = serve()
    for viewport, name in (("desktop", "screenshot.png"), ("phone", "screenshot-phone.png")):
        page = reader(viewport)
        page.goto(server.url)
        settle(page)
        graphs(page)
        page.wait_for_timeout(800)
        if os.environ.get("UPDATE_README_SCREENSHOT") == "1":
            page.screenshot(path=str(ROOT / "docs" / name))
        assert page.locator(".js-plotly-plot").count() == 1
