"""The real Streamlit script, driven by AppTest: filters, links, tabs, downloads, bad data, live edits."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loader import load_file

from .samples import TIMELINE, VALID, run_page

DATA = load_file(TIMELINE).data
TOTAL_EVENTS = 19  # in tests/data/timeline.yaml


def page(monkeypatch: pytest.MonkeyPatch, path: str | None = None, **params: str) -> AppTest:
    """The page on tests/data/timeline.yaml, or on the file given."""
    return run_page(monkeypatch, path or str(TIMELINE), **params)


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def timeline_points(app: AppTest) -> int:
    import json

    chart = json.loads(app.get("plotly_chart")[0].proto.spec)
    return sum(len(t.get("customdata") or []) for t in chart["data"]
               if t.get("mode") == "markers" and t.get("name") != "title targets")  # fmt: skip


def test_page_renders_the_data_with_headline_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch)
    assert app.title[0].value == "Belarus test timeline"
    assert metric(app, "Events shown") == f"{TOTAL_EVENTS} of {TOTAL_EVENTS}"
    assert metric(app, "Political prisoners held") == "over 1,140"  # the latest count, approximate
    assert timeline_points(app) == TOTAL_EVENTS
    assert dict(app.query_params) == {}


def test_search_narrows_events_metrics_figure_and_link(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch)
    app.text_input(key="f_query").set_value("Тихановский").run()
    assert metric(app, "Events shown") == f"3 of {TOTAL_EVENTS}"  # the three events naming Siarhei Tsikhanouski
    assert timeline_points(app) == 3
    assert app.query_params["q"] == "Тихановский"


def test_link_reproduces_the_view(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch, category="releases", **{"from": "2025-01-01", "event": "release-123-2025-12-13"})
    assert app.multiselect(key="f_categories").value == ["releases"]
    assert app.date_input(key="f_dates").value[0] == dt.date(2025, 1, 1)
    # Three releases in the lane from 2025 on, and the Coale visit that is `also` in it.
    assert metric(app, "Events shown") == f"4 of {TOTAL_EVENTS}" and timeline_points(app) == 4
    assert any(m.value == "**People freed:** 123 (Ukraine: 114, Lithuania: 9)" for m in app.markdown), "its details"
    assert app.query_params["event"] == "release-123-2025-12-13"


def test_bad_link_params_are_dropped_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch, category="releases,nope", event="gone", **{"from": "2022-13-40"})
    notices = " ".join(w.value for w in app.warning)
    assert "unknown category in the link: nope" in notices and "'gone'" in notices and "from=2022-13-40" in notices
    assert app.multiselect(key="f_categories").value == ["releases"]


def test_tab_comes_from_the_link_and_goes_into_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch, tab="table")
    assert app.get("arrow_data_frame") or app.dataframe
    assert [b.proto.label for b in app.get("download_button")] == [
        "Events (CSV)",
        "Prisoner counts (CSV)",
        "Events (JSON)",
        "Data package (ZIP)",
        "Workbook (Excel)",
        "Database (SQLite)",
    ]
    assert app.query_params["tab"] == "table"


def test_timeline_tab_draws_the_timeline_and_the_event_picker(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch)
    assert [h.value for h in app.main.header] == ["Events by category", "The story"]
    charts = app.get("plotly_chart")
    assert len(charts) == 1 and '"customdata"' in charts[0].proto.spec
    assert app.selectbox(key="event_picker").label == "Event details"
    assert len(app.selectbox(key="event_picker").options) == TOTAL_EVENTS + 1  # and "Choose an event…"


def test_detentions_tab_draws_one_bar_per_detained_person_and_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    detained = [p for p in DATA.people if p.detained]
    assert len(detained) == 7
    app = page(monkeypatch, tab="detentions")
    assert [h.value for h in app.main.header] == ["Detentions of the people named"]
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert sum(len(trace["y"]) for trace in spec["data"]) == len(detained)
    assert len(app.dataframe) == 1 and len(app.dataframe[0].value) == len(detained)


def test_prisoners_tab_draws_the_count_and_the_releases(monkeypatch: pytest.MonkeyPatch) -> None:
    data = DATA
    app = page(monkeypatch, tab="prisoners")
    assert [h.value for h in app.main.header] == ["Political prisoners held (Viasna)", "People freed per release"]
    count_chart, release_chart = (json.loads(c.proto.spec) for c in app.get("plotly_chart"))
    assert len(count_chart["data"][0]["y"]) == len(data.prisoner_counts)
    released = {e.id for e in data.events if e.released is not None}
    assert set(release_chart["data"][-1]["customdata"]) == released  # the running total has a point per release
    counts_table, releases_table = (frame.value for frame in app.dataframe)
    assert len(counts_table) == len(data.prisoner_counts)
    assert set(releases_table["Release"]) == {e.title for e in data.events if e.released is not None}


def test_sources_tab_lists_every_source(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = DATA.sources
    app = page(monkeypatch, tab="sources")
    assert [h.value for h in app.main.header] == ["9 sources"]
    table = app.dataframe[0].value
    assert set(table["Link"]) == {s.url for s in sources.values()}


def test_empty_result_says_how_to_widen(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch, q="zzzz-no-such-word")
    assert metric(app, "Events shown") == f"0 of {TOTAL_EVENTS}"
    assert any("No events match" in i.value for i in app.info)


def test_clear_filters_restores_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch, q="Bialiatski", status="confirmed")
    app.button[0].click().run()
    assert metric(app, "Events shown") == f"{TOTAL_EVENTS} of {TOTAL_EVENTS}"
    assert "q" not in app.query_params


def test_events_file_is_honoured(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    app = page(monkeypatch, str(write_data(VALID, "other.yaml")))
    assert app.title[0].value == "Test timeline"
    assert metric(app, "Events shown") == "1 of 1"


def test_broken_file_shows_located_errors(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    path = write_data(VALID.replace("    date: 2022-02-28", "    date: 2022-13-01"), "broken.yaml")
    app = page(monkeypatch, str(path))
    assert "1 problem" in app.error[0].value
    assert "broken.yaml:20:11: events[0].date: '2022-13-01' is not a date" in app.code[0].value


def test_file_broken_after_loading_keeps_last_valid_version_and_edits_show_up(
    monkeypatch: pytest.MonkeyPatch, write_data
) -> None:
    path = write_data(VALID, "live.yaml")
    app = page(monkeypatch, str(path))
    assert metric(app, "Events shown") == "1 of 1"
    path.write_text(VALID.replace("    count: 10", "    count: ten"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new version even within the file system's time resolution
    app.run()
    assert "prisoner_counts[0].count" in app.code[0].value
    assert any("last valid version" in w.value for w in app.warning)
    assert metric(app, "Events shown") == "1 of 1"
    path.write_text(VALID.replace("title: An event", "title: An edited event"), encoding="utf-8")
    app.run()
    assert not app.error and timeline_points(app) == 1
    assert "An edited event" in app.get("plotly_chart")[0].proto.spec


def test_markdown_and_html_in_data_stay_text(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    hostile = VALID.replace(
        "summary: Something happened.", 'summary: "![x](https://example.org/p.png) <b>bold</b> $x$"'
    )
    app = page(monkeypatch, str(write_data(hostile, "hostile.yaml")), event="e1")
    body = next(m.value for m in app.markdown if "example" in m.value and "source:" not in m.value)
    assert "\\!\\[x\\]" in body and "\\<b\\>" in body and "\\$x\\$" in body


def test_event_details_link_to_the_static_page_when_the_site_has_an_address(
    monkeypatch: pytest.MonkeyPatch, write_data
) -> None:
    text = VALID.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://timeline.example.org/")
    app = page(monkeypatch, str(write_data(text)), event="e1")
    assert any("(https://timeline.example.org/events/e1/)" in m.value for m in app.markdown)


def test_the_people_filter_offers_every_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch)
    people = app.multiselect(key="f_people")
    label = next(o for o in people.options if o.startswith("Maria Kalesnikava"))
    assert "Maria Kolesnikova" in label and "Марыя Калеснікава" in label and "Мария Колесникова" in label


def test_an_empty_result_draws_no_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch, q="no such words anywhere")
    assert not app.get("plotly_chart") and any("No events match" in i.value for i in app.info)


def test_the_headline_count_says_when_and_who_reported_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = page(monkeypatch)
    (held,) = [m for m in app.metric if m.label == "Political prisoners held"]
    assert held.proto.help.startswith("Viasna's count, 19 March 2026, taken before: ")
    assert "(reported by Belsat, 19 March 2026)" in held.proto.help
