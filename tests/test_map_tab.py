"""The Map tab through the real script: the places of what the filters show, a place from the link, its people."""

from __future__ import annotations

import json

import pytest

from .samples import TIMELINE, run_page


def places_drawn(app) -> set[str]:
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    return {i for t in spec["data"] if t.get("mode") == "markers" and t.get("name") != "Selected"
            for i in t.get("customdata") or []}  # fmt: skip


def test_the_map_shows_every_place_the_data_names(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(monkeypatch, str(TIMELINE), tab="map")
    assert places_drawn(app) == {"colony-9-horki", "colony-17-shklou", "homiel-regional-court", "vilnius"}
    assert any(c.value.startswith("People in view held in a place the data names: 2 of 7") for c in app.caption)
    (table,) = app.dataframe
    assert set(table.value["Place"]) == {"Penal colony No. 9, Horki", "Penal colony No. 17, Shklou",
                                          "Homiel Regional Court", "Vilnius"}  # fmt: skip


def test_a_place_in_the_link_opens_with_its_people_and_stays_in_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(monkeypatch, str(TIMELINE), tab="map", place="colony-9-horki")
    text = "\n".join(m.value for m in app.markdown)
    assert (
        "### Penal colony No\\. 9, Horki" in text
        and "[Ales Bialiatski](" in text
        and "May 2023 – 13 December 2025" in text
    )
    assert app.query_params["place"] == ["colony-9-horki"] or app.query_params["place"] == "colony-9-horki"


def test_the_filters_apply_to_the_map(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(monkeypatch, str(TIMELINE), tab="map", person="andrei-marozau")
    assert places_drawn(app) == {"colony-17-shklou"}


def test_an_unknown_place_in_the_link_is_named_and_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(monkeypatch, str(TIMELINE), tab="map", place="colony-99")
    notices = " ".join(w.value for w in app.warning) + " ".join(i.value for i in app.info)
    assert "colony-99" in notices and "place" not in dict(app.query_params)


def test_the_map_tab_in_belarusian(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(monkeypatch, str(TIMELINE), tab="map", lang="be")
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert "папраўчая калонія" in {t.get("name") for t in spec["data"]}
    assert any(c.value.startswith("Людзі ў выбарцы") for c in app.caption)
