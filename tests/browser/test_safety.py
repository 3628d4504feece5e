"""Untrusted text stays inert in the browser, and the page passes axe-core's accessibility rules."""

from __future__ import annotations

import pytest

from ..samples import ROOT
from .pagetools import click_event, settle

pytestmark = pytest.mark.browser
HOSTILE = (ROOT / "tests" / "data" / "hostile.yaml").read_text(encoding="utf-8")
VIEWS = ["?event=e1", "?tab=detentions", "?tab=prisoners", "?tab=table", "?tab=sources"]

INJECTED_JS = """() => ({
    pwned: window.__pwned || null,
    handlers: Array.from(document.querySelectorAll('*')).filter(el =>
        Array.from(el.attributes).some(a => a.name.startsWith('on'))).map(el => el.outerHTML.slice(0, 80)),
    iframes: document.querySelectorAll('iframe:not([title="streamlit_app"])').length,
    scripts: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('__pwned')).length,
    bad_links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))
        .filter(h => /^\\s*(javascript|data):/i.test(h)),
    images: Array.from(document.querySelectorAll('img')).map(i => i.src).filter(s => s.includes('example.org')),
})"""


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_text_is_shown_as_text_and_nothing_runs(serve, page, view: str) -> None:
    server = serve(HOSTILE)
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on(
        "request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else outside.append(r.url)
    )
    page.goto(server.url + "/" + view)
    settle(page)
    if view == "?event=e1":
        click_event(page, "e2")  # hover labels and a second selection
        settle(page)
        page.hover(".js-plotly-plot .nsewdrag")
    state = page.evaluate(INJECTED_JS)
    assert state == {"pwned": None, "handlers": [], "iframes": 0, "scripts": 0, "bad_links": [], "images": []}
    assert dialogs == [] and outside == []
    assert "<script>" in page.locator('[data-testid="stMain"]').inner_text() or view != "?event=e1"


AXE_VIEWS = ["", "?event=coale-visit-123-freed-2025-12-13", "?tab=detentions", "?tab=prisoners", "?tab=table",
             "?tab=sources", "?q=zzzz"]  # fmt: skip


@pytest.mark.parametrize("view", AXE_VIEWS)
def test_no_serious_accessibility_violations(serve, page, view: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    server = serve()
    page.goto(server.url + "/" + view)
    settle(page)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_filters_are_usable_by_keyboard(serve, page) -> None:
    server = serve()
    page.goto(server.url)
    settle(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label')") == "Search":
            break
    page.keyboard.type("Bialiatski")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "q=Bialiatski" in url)
