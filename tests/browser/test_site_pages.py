"""The static edition in Chromium, opened from disk as a reader or an archive would: charts drawn with the site's
own plotly.js and nothing fetched elsewhere, untrusted text inert, phone-width pages, and axe's rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ..samples import ROOT

pytestmark = pytest.mark.browser


def build(out: Path, data: Path | None = None) -> Path:
    command = [sys.executable, "-m", "components", "site", str(out), *([str(data)] if data else [])]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site") / "out")


def watched(page: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"outside": [], "dialogs": [], "errors": []}
    page.on(
        "request", lambda r: None if r.url.startswith(("file://", "data:", "blob:")) else seen["outside"].append(r.url)
    )
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


@pytest.mark.parametrize("path", ["index.html", "be/index.html"])
def test_the_charts_draw_from_the_sites_own_files(site: Path, page: Any, path: str) -> None:
    seen = watched(page)
    page.goto((site / path).as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3")
    assert seen == {"outside": [], "dialogs": [], "errors": []}


@pytest.mark.parametrize("path", ["index.html", "events/coale-visit-250-freed-2026-03-19/index.html",
                                  "people/ales-bialiatski/index.html", "sources/index.html",
                                  # The Belarusian edition: longer words, an English title marked as such.
                                  "be/index.html", "be/events/coale-visit-250-freed-2026-03-19/index.html",
                                  "be/people/ales-bialiatski/index.html", "be/sources/index.html"])  # fmt: skip
def test_pages_fit_a_phone_and_pass_axe(site: Path, browser: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert width <= 390 and serious == []


def test_hostile_text_stays_inert(tmp_path: Path, page: Any) -> None:
    out = build(tmp_path / "hostile", ROOT / "tests" / "data" / "hostile.yaml")
    events = [p.relative_to(out).as_posix() for p in sorted(out.glob("events/*/index.html"))]
    events += [p.relative_to(out).as_posix() for p in sorted(out.glob("be/events/*/index.html"))]
    for path in ["index.html", "be/index.html", *events]:
        seen = watched(page)
        page.goto((out / path).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned === undefined")
        assert seen["dialogs"] == [] and seen["outside"] == [], path


def test_chromium_decodes_the_link_preview_card(site: Path, page: Any) -> None:
    page.goto((site / "assets" / "preview.png").as_uri())
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [1200, 630]
