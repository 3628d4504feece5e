"""The page in a real Chromium in another language: a Belarusian browser gets Belarusian, the document says so,
the picker switches language and the link keeps it, and a phone's charts write no English month names."""

from __future__ import annotations

import re
from typing import Any

import pytest

from components.data.loader import load_file
from components.i18n import _, language

from ..samples import BUNDLED
from .conftest import ARTIFACTS
from .pagetools import graphs, settle

pytestmark = pytest.mark.browser
DATA = load_file(BUNDLED).data
ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
TICKS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot .xtick text, .js-plotly-plot .x2tick text'))
    .map(node => node.textContent)"""


@pytest.fixture
def open_page(browser: Any, request: pytest.FixtureRequest):
    contexts = []

    def opened(url: str, *, locale: str = "en-US", viewport: tuple[int, int] = (1400, 1000)) -> Any:
        context = browser.new_context(locale=locale, viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(url)
        settle(page)
        return page

    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    for number, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True)
        context.close()


def test_a_belarusian_browser_gets_the_page_in_belarusian(serve, open_page) -> None:
    server = serve()
    page = open_page(server.url + "/", locale="be-BY")
    assert page.locator("h1").first.inner_text().strip() == DATA.title_i18n["be"]
    page.wait_for_function("() => document.documentElement.lang === 'be'")
    page.wait_for_url(lambda url: "lang=be" in url)
    with language("be"):
        assert page.get_by_role("tab", name=_("Political prisoners")).count() == 1
    assert "Political prisoners held" not in page.locator("body").inner_text()


def test_the_picker_switches_language_and_the_link_keeps_it(serve, open_page) -> None:
    server = serve()
    page = open_page(server.url + "/?tab=prisoners")
    page.locator("[data-testid=stSidebar]").get_by_text("Русский", exact=True).click()
    page.wait_for_url(lambda url: "lang=ru" in url and "tab=prisoners" in url)
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == DATA.title_i18n["ru"]
    page.wait_for_function("() => document.documentElement.lang === 'ru'")
    tab = page.get_by_role("tab", selected=True)
    with language("ru"):
        assert tab.inner_text().strip() == _("Political prisoners")


@pytest.mark.parametrize("tab", ["timeline", "prisoners"])
def test_a_phone_s_charts_write_dates_without_english_month_names(serve, open_page, tab: str) -> None:
    server = serve()
    page = open_page(f"{server.url}/?lang=uk&tab={tab}", viewport=(390, 844))
    graphs(page)
    page.wait_for_timeout(500)
    ticks = page.evaluate(TICKS_JS)
    assert ticks, "the charts have date ticks"
    assert not [t for t in ticks if ENGLISH_MONTHS.search(t)], ticks
