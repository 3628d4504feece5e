"""The page in a real browser: charts, clicks, links, downloads, live edits, bad data, the add-event dialog."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pandas as pd
import pytest

from components.data.loader import load_file

from ..samples import BUNDLED, VALID
from .pagetools import click_event, graphs, metric, open_tab, settle

pytestmark = pytest.mark.browser
DATA = load_file(BUNDLED).data
CLICKED = "coale-visit-123-freed-2025-12-13"


def test_page_renders_every_chart_and_the_headline(serve, page) -> None:
    server = serve()
    page.goto(server.url)
    settle(page)
    timeline = graphs(page)[0]
    drawn = {i for ids, mode in zip(timeline["ids"], timeline["modes"], strict=True) if mode == "markers" for i in ids}
    assert drawn >= {e.id for e in DATA.events}
    assert metric(page, "Events shown") == f"{len(DATA.events)} of {len(DATA.events)}"
    assert re.fullmatch(r"(over )?[\d,]+", metric(page, "Political prisoners held"))
    open_tab(page, "Detentions", "tab=detentions")
    detained = sum(1 for p in DATA.people if p.detained)
    assert sum(graphs(page)[0]["points"]) == detained
    open_tab(page, "Political prisoners", "tab=prisoners")
    prisoners, releases = graphs(page, 2)[:2]
    assert "Political prisoners held, Viasna (left axis)" in prisoners["names"]
    assert max(prisoners["points"]) >= len(DATA.prisoner_counts) - sum(c.approximate for c in DATA.prisoner_counts)
    assert "Freed in all, since the first release shown (right axis)" in releases["names"]


def test_clicking_an_event_opens_its_details_with_source_links(serve, page) -> None:
    server = serve()
    page.goto(server.url)
    settle(page)
    click_event(page, CLICKED)
    page.wait_for_url(re.compile(f"event={CLICKED}"))
    settle(page)
    event = next(e for e in DATA.events if e.id == CLICKED)
    page.get_by_text("People freed:", exact=True).wait_for()  # the details' line (the story's reads "People freed: N")
    main = page.locator('[data-testid="stMain"]')
    for source_id in event.sources:
        assert main.locator(f'a[href="{DATA.sources[source_id].url}"]').count() >= 2  # in the details and the story


def test_a_link_reopens_the_same_view(serve, page, browser) -> None:
    server = serve()
    page.goto(f"{server.url}/?event={CLICKED}")
    settle(page)
    search = page.get_by_role("textbox", name="Search")
    search.fill("Bialiatski")
    search.press("Enter")
    page.wait_for_url(re.compile("q=Bialiatski"))
    settle(page)
    shown = metric(page, "Events shown")
    link = page.url
    assert parse_qs(urlsplit(link).query)["event"] == [CLICKED]
    fresh = browser.new_context().new_page()
    fresh.goto(link)
    settle(fresh)
    assert metric(fresh, "Events shown") == shown
    assert fresh.get_by_role("textbox", name="Search").input_value() == "Bialiatski"
    assert "People freed: 123" in fresh.locator('[data-testid="stMain"]').inner_text()
    fresh.context.close()


def test_downloads_match_the_table(serve, page) -> None:
    server = serve()
    page.goto(f"{server.url}/?tab=table&category=releases")
    settle(page)
    shown = int(metric(page, "Events shown").split(" of ")[0])
    rows = int(page.locator('[data-testid="stDataFrame"] [role="grid"]').first.get_attribute("aria-rowcount"))
    assert rows - 1 == shown  # the header is a row
    downloads = {}
    names = {  # each named for the filter (the releases category)
        "Events (CSV)": "events_releases.csv",
        "Events (JSON)": "events_releases.json",
        "Data package (ZIP)": "belarus-timeline-datapackage_releases.zip",
        "Workbook (Excel)": "belarus-timeline_releases.xlsx",
    }
    for label, name in names.items():
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        assert download.value.suggested_filename == name
        downloads[label] = Path(download.value.path())
    events = pd.read_csv(downloads["Events (CSV)"])  # one default call, header first
    assert len(events) == shown
    assert all(
        c == "releases" or "releases" in str(a).split("; ")
        for c, a in zip(events["category"], events["also"], strict=True)
    )
    document = json.loads(downloads["Events (JSON)"].read_text(encoding="utf-8"))
    assert len(document["events"]) == shown and document["citation"].startswith(DATA.title)
    with zipfile.ZipFile(downloads["Data package (ZIP)"]) as archive:
        descriptor = json.loads(archive.read("belarus-timeline/datapackage.json"))
        packaged = pd.read_csv(io.BytesIO(archive.read("belarus-timeline/data/events.csv")))
    assert len(packaged) == shown and "categories: releases" in descriptor["filters"]
    book = openpyxl.load_workbook(io.BytesIO(downloads["Workbook (Excel)"].read_bytes()))
    assert book["events"].max_row - 1 == shown
    assert any("categories: releases" in str(row) for row in book["About"].iter_rows(values_only=True))


def test_saving_the_data_file_updates_the_open_page(serve, page) -> None:
    server = serve(VALID)
    page.goto(server.url)
    settle(page)
    assert page.get_by_role("heading", name="Test timeline").count() == 1
    server.data_file.write_text(VALID.replace("title: Test timeline", "title: Edited timeline"), encoding="utf-8")
    page.get_by_role("heading", name="Edited timeline").wait_for(timeout=20_000)


def test_a_broken_data_file_shows_located_errors(serve, page) -> None:
    server = serve(VALID.replace("as_of: 2026-03-19", "as_of: 2026-02-30"))
    page.goto(server.url)
    page.get_by_text("The data file has 1 problem.").wait_for()
    assert (
        f"{server.data_file.name}:3:8: as_of: '2026-02-30' is not a real date"
        in page.locator("code").first.inner_text()
    )


def _choose(page, box: str, option: str) -> None:
    """Pick an option; the dialog reruns after each change and may close a list that was just opened."""
    for _ in range(5):
        page.get_by_role("dialog").get_by_role("combobox", name=box, exact=True).click()
        choice = page.get_by_role("option", name=option)
        try:
            choice.wait_for(timeout=3000)
        except Exception:  # noqa: BLE001 - the list closed under the rerun: open it again
            continue
        choice.click()
        return
    raise AssertionError(f"could not pick {option!r} in {box!r}")


def _fill_new_event(page) -> None:
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Title").fill("A browser-made event")
    dialog.get_by_role("textbox", name="Summary").fill("Added from the browser test.")
    _choose(page, "Category *", "War")  # a required field's label ends with its mark
    page.wait_for_timeout(800)
    _choose(page, "Sources *", "Pub: A source")
    page.keyboard.press("Escape")


def test_add_event_dialog_saves_when_edits_are_allowed(serve, page) -> None:
    server = serve(VALID, allow_edits=True)
    page.goto(server.url)
    settle(page)
    page.get_by_role("button", name="Add an event").click()
    _fill_new_event(page)
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile("event=a-browser-made-event"))
    settle(page)
    assert metric(page, "Events shown") == "2 of 2"
    assert "A browser-made event" in server.data_file.read_text(encoding="utf-8")


def test_add_event_dialog_offers_yaml_and_no_save_when_edits_are_off(serve, page) -> None:
    server = serve(VALID)
    page.goto(f"{server.url}/?ALLOW_EDITS=1&allow_edits=1")
    settle(page)
    page.get_by_role("button", name="Add an event").click()
    _fill_new_event(page)
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("This server does not save entries.").wait_for()
    assert dialog.get_by_role("button", name="Save").count() == 0
    assert "A browser-made event" in dialog.locator("code").last.inner_text()
    assert "A browser-made event" not in server.data_file.read_text(encoding="utf-8")
