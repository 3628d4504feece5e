"""What a journalist checks before citing, in Chromium on a phone: the deaths in custody in the headline and the
charts, a count's caveat, and an archive link beside every source, in the app and in the static edition."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from components.cli import main

from ..samples import ROOT
from .conftest import ARTIFACTS
from .pagetools import graphs, metric, open_tab, settle

pytestmark = pytest.mark.browser
DEATHS = ROOT / "tests" / "data" / "deaths.yaml"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def test_a_phone_reader_sees_the_deaths_the_counts_caveat_and_archive_links(serve, phone: Any) -> None:
    server = serve(DEATHS.read_text(encoding="utf-8"))
    phone.goto(server.url)
    settle(phone)
    assert metric(phone, "Died in custody since 2020") == "1"
    assert "taken before: Two political prisoners freed" in phone.get_by_text("source:").first.inner_text()
    archive = phone.locator("a", has_text="archive (Wayback Machine)").first
    archive.wait_for(state="attached")
    assert archive.get_attribute("href") == "https://web.archive.org/web/20240521/https://spring96.org/en/news/114900"
    open_tab(phone, "Detentions", "tab=detentions")
    (chart,) = graphs(phone)
    assert "Died in custody" in chart["names"] and "Still held" in chart["names"]


def test_the_static_sources_page_links_an_archive_for_every_source(tmp_path: Path, page: Any) -> None:
    assert main(["site", str(tmp_path / "site"), str(DEATHS), "--language", "en", "--jobs", "1"]) == 0
    page.goto((tmp_path / "site" / "sources" / "index.html").as_uri())
    rows = page.locator("tbody tr", has=page.locator('a[href^="https://web.archive.org/web/"]'))
    assert rows.count() == 2
    assert page.get_by_role("link", name="archived copy").count() == 1
    assert page.get_by_role("link", name="archive (Wayback Machine)").count() == 1
