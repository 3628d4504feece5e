"""The map in Chromium with every request off the machine blocked: the app's Map tab and the static map page draw
their outlines and markers from their own files, at a desktop's and a phone's width, and a marker opens its place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ..samples import ROOT, TIMELINE
from .pagetools import graphs, settle

pytestmark = pytest.mark.browser
SIZES = [(1440, 1000), (390, 844)]
OVERLAPS_JS = """() => {
  const texts = document.querySelectorAll('.js-plotly-plot .annotation-text');
  const boxes = Array.from(texts).map(e => e.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  }
  return {labels: boxes.length, overlaps};
}"""


def offline(context: Any, local: tuple[str, ...]) -> list[str]:
    """Abort every request that would leave the machine; return the list they are recorded in."""
    left: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("data:", "blob:", "file:")) or urlsplit(url).hostname in local:
            request_route.continue_()
        else:
            left.append(url)
            request_route.abort()

    context.route("**/*", route)
    return left


def map_drawn(page: Any) -> dict[str, Any]:
    (figure,) = [g for g in graphs(page) if "Belarus" in g["names"]]
    return figure


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    command = [sys.executable, "-m", "components", "site", str(out), str(TIMELINE)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return out


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_apps_map_tab_draws_offline(serve, browser, width: int, height: int) -> None:
    server = serve(TIMELINE.read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": width, "height": height})
    left = offline(context, ("127.0.0.1", "localhost"))
    page = context.new_page()
    page.goto(server.url + "?tab=map")
    settle(page)
    figure = map_drawn(page)
    ids = {i for ids, mode in zip(figure["ids"], figure["modes"], strict=True) if mode == "markers" for i in ids}
    assert ids == {"colony-9-horki", "colony-17-shklou", "homiel-regional-court", "vilnius"}
    assert page.evaluate(OVERLAPS_JS)["overlaps"] == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert left == [], left
    context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_static_map_draws_offline_and_a_marker_opens_its_place(
    site: Path, browser, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    left = offline(context, ())
    page = context.new_page()
    page.goto((site / "map" / "index.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length >= 4")
    labels = page.evaluate(OVERLAPS_JS)
    assert labels["labels"] >= 5 and labels["overlaps"] == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # A real click where the marker is drawn (Horki: 54.28° N, 30.99° E), as a reader's tap lands.
    x, y = page.evaluate(
        """() => { const gd = document.getElementById('map'), box = gd.getBoundingClientRect();
                   const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
                   return [box.left + xa._offset + xa.l2p(30.99), box.top + ya._offset + ya.l2p(54.28)]; }"""
    )
    page.mouse.click(x, y)
    page.wait_for_url("**/places/colony-9-horki/index.html")
    assert page.get_by_role("heading", level=1).inner_text() == "Penal colony No. 9, Horki"
    assert left == [], left
    context.close()


def test_the_static_map_page_lists_the_places_with_javascript_off(site: Path, browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((site / "be" / "map" / "index.html").as_uri())
    rows = page.locator("table tbody tr")
    assert rows.count() == 4 and "Папраўчая калонія №\u00a09, Горкі" in page.locator("table").inner_text()
    context.close()
