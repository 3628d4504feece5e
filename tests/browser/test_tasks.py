"""A journalist's everyday tasks, followed as a reader does them, on a phone (390×844, touch) and a desktop (1440×1000):
each test counts the taps or clicks it takes and checks what the reader sees after each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from components.view.files.parse_cache import load_frames

from ..samples import TIMELINE
from .conftest import Server, start_server, stop_server
from .pagetools import POINT_JS, graphs, metric, settle

pytestmark = pytest.mark.browser
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1440, "height": 1000}},
}
RELEASE = "release-123-2025-12-13"  # a key event of tests/data/timeline.yaml: its title is printed on the chart
TOP_BAR_PX = 60  # Streamlit's header, drawn over the page


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("tasks")
    data = folder / "events.yaml"
    data.write_text(TIMELINE.read_text(encoding="utf-8"), encoding="utf-8")
    started = start_server(data, log=folder / "server.log")
    yield started
    stop_server(started)


class Reader:
    """A page in one viewport that taps on a phone and clicks on a desktop, and counts them."""

    def __init__(self, page: Any, phone: bool) -> None:
        self.page, self.phone, self.taps = page, phone, 0

    def at(self, x: float, y: float) -> None:
        self.taps += 1
        if self.phone:
            self.page.touchscreen.tap(x, y)
        else:
            self.page.mouse.click(x, y)

    def on(self, locator: Any) -> None:
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        self.at(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def type_in_sidebar(self, label: str, text: str) -> None:
        """Open the sidebar where it is folded away (a phone), then tap the field and type."""
        if self.phone:
            self.on(self.page.get_by_test_id("stExpandSidebarButton"))
            self.page.get_by_test_id("stSidebarContent").wait_for()
        self.on(self.page.get_by_test_id("stSidebar").get_by_label(label, exact=True))
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def filter(self, label: str, text: str, link: str) -> None:
        """Type into a sidebar filter, wait for the view (`link` in the address), and on a phone fold the sidebar
        away, which covers the page, to read what the filter did."""
        self.type_in_sidebar(label, text)
        self.page.wait_for_url(re.compile(link))
        settle(self.page)
        if self.phone:
            self.on(self.page.get_by_test_id("stSidebarCollapseButton").locator("button"))
            self.page.get_by_test_id("stExpandSidebarButton").wait_for()


@pytest.fixture(params=list(VIEWPORTS))
def reader(browser: Any, request: pytest.FixtureRequest) -> Iterator[Reader]:
    context = browser.new_context(**VIEWPORTS[request.param])
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield Reader(page, request.param == "phone")
    Path(__file__).parent.joinpath("artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(Path(__file__).parent / "artifacts" / f"{request.node.name}.png"))
    context.close()


def open_page(reader: Reader, server: Server, query: str = "") -> Any:
    page = reader.page
    page.goto(f"{server.url}/{query}")
    settle(page)
    return page


def below_the_top_bar(page: Any, selector: str) -> None:
    """The element's top edge is on screen and not under Streamlit's header."""
    page.wait_for_function(
        """([selector, bar]) => { const box = document.querySelector(selector).getBoundingClientRect();
                                  return box.top >= bar && box.top < window.innerHeight - 40; }""",
        arg=[selector, TOP_BAR_PX],
        timeout=10_000,
    )


def chart_point(page: Any, event_id: str) -> dict[str, float]:
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    graphs(page)
    point = page.evaluate(POINT_JS, event_id)
    assert point is not None, event_id
    return point


def test_one_tap_on_an_event_selects_it_and_shows_its_entry_below_the_top_bar(reader: Reader, server: Server) -> None:
    page = open_page(reader, server)
    point = chart_point(page, RELEASE)
    reader.at(point["x"], point["y"])
    page.wait_for_url(re.compile(f"event={RELEASE}"))
    settle(page)
    below_the_top_bar(page, f"#event-{RELEASE} .story-title")
    assert reader.taps == 1  # before: 8 taps on a phone (a tooltip first; the chart's titles took none)


def test_one_tap_on_a_printed_title_selects_its_event(reader: Reader, server: Server) -> None:
    label = load_frames(TIMELINE).events.set_index("id").loc[RELEASE, "chart_label"]
    page = open_page(reader, server)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    title = page.locator(".js-plotly-plot .annotation-text", has_text=str(label)).first
    reader.on(title)
    page.wait_for_url(re.compile(f"event={RELEASE}"))
    assert reader.taps == 1  # before: a title could not be tapped at all


def test_a_tooltip_fits_the_screen(reader: Reader, server: Server) -> None:
    page = open_page(reader, server)
    width = page.viewport_size["width"]
    for event_id in ("tsikhanouski-detained", "war-from-belarus", RELEASE):  # left, middle, right of the axis
        point = chart_point(page, event_id)
        page.mouse.move(point["x"], point["y"])
        tip = page.locator(".hoverlayer .hovertext").first
        tip.wait_for()
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (event_id, box, width)
        page.mouse.move(1, 1)


def test_a_shared_event_link_opens_with_the_entrys_title_below_the_top_bar(reader: Reader, server: Server) -> None:
    page = open_page(reader, server, f"?event={RELEASE}")
    below_the_top_bar(page, f"#event-{RELEASE} .story-title")
    assert reader.taps == 0


COPY_CASES = {  # where the button is: (the page's link, the button, the link it copies)
    "story entry": (f"?event={RELEASE}", f"#event-{RELEASE} a.copy-link", f"?event={RELEASE}"),
    "event details": (f"?event={RELEASE}", f'[data-testid="stMain"] a.copy-link[href="?event={RELEASE}"]',
                      f"?event={RELEASE}"),
    "person": ("?person=maria-kalesnikava", '[data-testid="stMain"] a.copy-link[href="?person=maria-kalesnikava"]',
               "?person=maria-kalesnikava"),
    "count": ("", ".count-cited a.copy-link", "?tab=prisoners"),
}  # fmt: skip


@pytest.mark.parametrize("where", list(COPY_CASES))
def test_copy_link_copies_and_says_copied(reader: Reader, server: Server, where: str) -> None:
    query, selector, copied = COPY_CASES[where]
    page = open_page(reader, server, query)
    page.wait_for_timeout(800)  # a deep link's scroll to its entry has ended
    button = page.locator(selector).first
    assert button.inner_text() == "Copy link", where
    reader.on(button)
    page.wait_for_function("(b) => b.textContent === 'Copied'", arg=button.element_handle(), timeout=5_000)
    assert page.evaluate("navigator.clipboard.readText()") == f"{server.url}/{copied}", where
    assert reader.taps == 1  # before: no copy button beside an entry; the view's link hid in the sidebar


def test_the_views_link_is_copied_from_the_sidebar(reader: Reader, server: Server) -> None:
    page = open_page(reader, server, "?q=Minsk")
    if reader.phone:
        reader.on(page.get_by_test_id("stExpandSidebarButton"))
    button = page.get_by_test_id("stSidebar").locator("a.copy-link")
    reader.on(button)
    page.wait_for_function("(b) => b.textContent === 'Copied'", arg=button.element_handle(), timeout=5_000)
    assert page.evaluate("navigator.clipboard.readText()").endswith("?q=Minsk")
    assert reader.taps == (2 if reader.phone else 1)


@pytest.mark.parametrize("typed", ["13 December 2025", "2025-12-13", "December 2025"])
def test_a_date_in_the_search_finds_the_events_on_it(reader: Reader, server: Server, typed: str) -> None:
    page = open_page(reader, server)
    reader.filter("Search", typed, r"q=")
    assert metric(page, "Events shown") == "1 of 19"
    entry = page.locator(f"#event-{RELEASE}")
    entry.scroll_into_view_if_needed()
    assert entry.is_visible()
    # Phone: open the sidebar, tap the field, type, fold the sidebar away. Before: nothing found, and no word on why.
    assert reader.taps == (3 if reader.phone else 1)


def test_a_search_that_finds_nothing_draws_no_empty_axis(reader: Reader, server: Server) -> None:
    page = open_page(reader, server)
    reader.filter("Search", "zzzz", r"q=zzzz")
    main = page.get_by_test_id("stMain")
    assert main.locator(".js-plotly-plot").count() == 0
    assert main.get_by_text("No events match these filters.", exact=False).first.is_visible()


@pytest.mark.parametrize("spelling", ["Колесникова", "Kolesnikova"])
def test_the_people_filter_finds_a_person_by_any_spelling(reader: Reader, server: Server, spelling: str) -> None:
    page = open_page(reader, server)
    reader.filter("People", spelling, r"person=maria-kalesnikava")
    assert metric(page, "Events shown") == "2 of 19"
    assert reader.taps == (3 if reader.phone else 1)  # before: only one spelling found her


def test_those_freed_are_named_apart_from_the_others(reader: Reader, server: Server) -> None:
    page = open_page(reader, server, "?q=Coale")
    entry = page.locator("#event-coale-visit-250-freed-2026-03-19")
    assert entry.locator(".story-people").inner_text().startswith("People:")
    page = open_page(reader, server, f"?event={RELEASE}")
    freed = page.locator(f"#event-{RELEASE} .story-freed-people")
    assert freed.inner_text().startswith("Freed: ") and "Maria Kalesnikava" in freed.inner_text()


def test_the_events_table_has_one_download_of_each_kind(reader: Reader, server: Server) -> None:
    page = open_page(reader, server, "?tab=table")
    table = page.locator(".st-key-events-table")
    table.locator('[data-testid="stDataFrame"]').hover()
    toolbar = table.locator('[data-testid="stElementToolbar"] button')
    labels = [b.get_attribute("aria-label") for b in toolbar.all() if b.is_visible()]
    assert "Download as CSV" not in labels and "Search" in labels  # the toolbar's own CSV is not offered
    csv = page.get_by_test_id("stDownloadButton").filter(has_text="Events (CSV)")
    assert csv.count() == 1
