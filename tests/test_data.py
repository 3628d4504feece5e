"""The bundled events.yaml is tested like code: the article's facts are on it, each sourced, it passes every check
and the page draws it. Facts about it live here; code tests use the small files in tests/data/. Nothing here counts
its entries (adding an event must never break a test); a floor the dataset promises is fine."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from components.cli import main
from components.data.loader import Loaded, load_file
from components.data.model import Event, json_schema
from components.i18n import TRANSLATED_LANGUAGES
from components.ui.tabs import TABS
from components.view.draw.timeline_figures import timeline_placement
from components.view.shape.filters import Filters, filter_events
from components.view.shape.frames import build_frames, people_frame

from .samples import BUNDLED, run_page
from .test_schema import as_editor_sees


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    return load_file(BUNDLED)


def events_on(loaded: Loaded, date: str) -> list[Event]:
    return [e for e in loaded.data.events if str(e.date) == date or (e.end and str(e.date) <= date <= str(e.end))]


def test_every_category_is_used_by_some_event(loaded: Loaded) -> None:
    used = {e.category for e in loaded.data.events}
    assert [c.id for c in loaded.data.categories if c.id not in used] == []


def test_every_event_and_count_cites_an_existing_source(loaded: Loaded) -> None:
    sources = loaded.data.sources
    assert all(e.sources and all(s in sources for s in e.sources) for e in loaded.data.events)
    assert all(c.source in sources for c in loaded.data.prisoner_counts)
    assert all(s.url.startswith(("https://", "http://")) for s in sources.values())


def test_article_meeting_on_thursday_19_march_2026(loaded: Loaded) -> None:
    meeting = [e for e in events_on(loaded, "2026-03-19") if "john-coale" in e.people]
    assert meeting, "the article's Coale–Lukashenko meeting"
    assert str(loaded.data.as_of) >= "2026-03-19"


def test_article_december_release_of_123_to_ukraine_and_lithuania(loaded: Loaded) -> None:
    december = [e for e in loaded.data.events if str(e.date).startswith("2025-12") and e.released == 123]
    assert len(december) == 1
    assert set(december[0].released_to) == {"Ukraine", "Lithuania"}
    assert sum(december[0].released_to.values()) == 123
    # The talks took two days; the 123 were freed on the second, 13 December, and the release charts say so.
    assert str(december[0].freed_on) == "2025-12-13"


def test_article_embassy_closed_in_2022(loaded: Loaded) -> None:
    embassy = [e for e in loaded.data.events if "embassy" in e.title.lower() and str(e.date).startswith("2022")]
    assert [str(e.date) for e in embassy] == ["2022-02-28"]


def test_article_august_2025_phone_call(loaded: Loaded) -> None:
    calls = [e for e in loaded.data.events if str(e.date).startswith("2025-08") and "donald-trump" in e.people]
    assert calls and all(e.date.precision == "day" for e in calls)


def test_people_named_by_the_article_were_released(loaded: Loaded) -> None:
    people = {p.id: p for p in loaded.data.people}
    for person_id in ("ales-bialiatski", "siarhei-tsikhanouski", "viktar-babaryka", "maria-kalesnikava"):
        person = people[person_id]
        assert person.detained and person.released and person.sources, person_id
        assert person.released.start.year == 2025


def test_people_have_latin_and_cyrillic_aliases(loaded: Loaded) -> None:
    for person in loaded.data.people:
        assert any(any("\u0400" <= ch <= "\u04ff" for ch in alias) for alias in person.aliases), person.id


def test_prisoner_counts_span_2020_to_2026_with_the_2023_peak(loaded: Loaded) -> None:
    counts = loaded.data.prisoner_counts
    assert str(counts[0].date).startswith("2020-08")
    assert counts[-1].date.year == 2026
    peak = max(counts, key=lambda c: c.count)
    assert peak.date.year == 2023 and 1400 < peak.count < 1600
    latest = counts[-1]
    assert latest.count >= 1100


def test_the_detentions_view_has_the_people_behind_the_counts(loaded: Loaded) -> None:
    detained = [p for p in loaded.data.people if p.detained]
    assert len(detained) >= 30  # the floor the dataset promises; more is fine
    assert all(p.sources for p in detained)


def test_every_release_is_found_by_the_releases_filter_and_says_how_people_were_freed(loaded: Loaded) -> None:
    frames = build_frames(loaded)
    found = set(filter_events(frames.events, Filters(categories=("releases",)))["id"])
    released = [e for e in loaded.data.events if e.released is not None]
    assert {e.id for e in released} <= found
    assert [e.id for e in released if not e.release_kind] == []


def test_the_title_description_labels_and_names_are_in_belarusian_russian_and_ukrainian(loaded: Loaded) -> None:
    data = loaded.data
    names = [p.name_i18n for p in data.people]
    texts = [data.title_i18n, data.description_i18n, *(c.label_i18n for c in data.categories), *names]
    assert all(set(text) == set(TRANSLATED_LANGUAGES) for text in texts)
    # Each in its own script: Belarusian has ў or і, Ukrainian і/ї/є and not ы, Russian neither і nor ў.
    assert all(not {"і", "ў"} & set(text["ru"]) for text in texts)
    assert all("ы" not in text["uk"] for text in texts)
    assert "ў" in data.description_i18n["be"] and "ї" not in data.description_i18n["be"]
    assert all(not {"и", "щ"} & set(name["be"]) for name in names), "Belarusian writes і and шч"
    assert all(not {"ы", "э", "ё"} & set(name["uk"]) for name in names), "Ukrainian writes и, е and ьо"


def _figures(text: str) -> list[str]:
    # '1,300', '1 300' and '1\u00a0300' are one figure; '80.23' and '80,23' too.
    return sorted(re.findall(r"\d+", re.sub(r"(?<=\d)[\s.,](?=\d)", "", text)))


def test_every_event_title_and_every_key_event_s_label_and_summary_are_translated(loaded: Loaded) -> None:
    events = loaded.data.events
    assert all(set(e.title_i18n) == set(TRANSLATED_LANGUAGES) for e in events)
    key = [e for e in events if "milestone" in e.tags]
    assert key and all(set(e.summary_i18n) == set(TRANSLATED_LANGUAGES) for e in key)
    assert all(set(e.short_i18n) == set(TRANSLATED_LANGUAGES) for e in events if e.short)
    # The figures in a title are facts: each translation keeps them (written with its own separators).
    for event in events:
        for code in TRANSLATED_LANGUAGES:
            assert _figures(event.title_i18n[code]) == _figures(event.title), (event.id, code)


def test_the_bundled_file_passes_check_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict"]) == 0  # no file named: the bundled one; no warning either
    assert capsys.readouterr().out.startswith("OK: ")


def test_the_bundled_file_points_editors_at_the_schema_and_validates_against_it() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=events.schema.json"
    jsonschema.validate(as_editor_sees(yaml.safe_load(text)), json_schema())


def test_article_march_2026_release_of_250_mostly_inside_belarus(loaded: Loaded) -> None:
    march = [e for e in events_on(loaded, "2026-03-19") if e.released == 250]
    assert len(march) == 1 and march[0].released_to == {"Lithuania": 15, "Belarus": 235}
    assert "milestone" in march[0].tags


def test_every_key_event_s_chart_label_fits_on_the_timeline(loaded: Loaded) -> None:
    frames = build_frames(loaded)
    placement, _ = timeline_placement(frames.events)
    key = set(frames.events[frames.events["milestone"]]["id"])
    assert key and placement.hidden == 0 and {label.key for label in placement.labels} == key


@pytest.mark.parametrize("tab", list(TABS))
def test_the_page_draws_the_bundled_file_on_every_tab(
    monkeypatch: pytest.MonkeyPatch, loaded: Loaded, tab: str
) -> None:
    app = run_page(monkeypatch, tab=tab)  # no EVENTS_FILE: the bundled file
    assert app.title[0].value == loaded.data.title and not app.error
    total = len(loaded.data.events)
    assert next(m.value for m in app.metric if m.label == "Events shown") == f"{total} of {total}"


def test_every_death_in_custody_has_its_event_and_is_never_still_held(loaded: Loaded) -> None:
    data = loaded.data
    dead = {p.id for p in data.people if p.died_in_custody}
    marked = {p for e in data.events if "death-in-custody" in e.tags for p in e.people}
    assert dead and dead <= marked
    people = people_frame(data).set_index("id")
    assert not people.loc[sorted(dead), "still_held"].any()


def test_no_source_is_an_aggregator_and_every_event_has_a_primary_one(loaded: Loaded) -> None:
    from components.data.source_checks import PRIMARY_KINDS, source_kind

    data = loaded.data
    kinds = {key: source_kind(source) for key, source in data.sources.items()}
    assert not [key for key, kind in kinds.items() if kind in ("aggregator", None)]
    assert all(any(kinds[s] in PRIMARY_KINDS for s in event.sources) for event in data.events)
    assert not re.search(r"\bADD [a-z_]+|\bTODO\b", json.dumps(data.model_dump(mode="json"), ensure_ascii=False))
