"""Deaths in custody, counts taken before a same-day release and archived links, from the data to the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data.loader import load_file, load_text
from components.data.problems import DataError
from components.site.edition import source_entry
from components.view.draw.detention_figure import detention_figure
from components.view.draw.prisoner_figures import prisoners_figure
from components.view.draw.story import story_page
from components.view.files.data_tables import data_tables
from components.view.shape.frames import build_frames

from .samples import ROOT, VALID, run_page

DEATHS = ROOT / "tests" / "data" / "deaths.yaml"
WAYBACK_LOOKUP = "https://web.archive.org/web/20240521/https://spring96.org/en/news/114900"


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_file(DEATHS))


def test_a_death_in_custody_ends_the_detention_and_is_not_counted_as_still_held(frames) -> None:
    people = frames.people.set_index("id")
    dead = people.loc["dead-person"]
    assert bool(dead["died"]) and not bool(dead["still_held"])
    assert str(dead["held_until"].date()) == "2021-05-21" and dead["died_label"] == "21 May 2021"
    assert bool(people.loc["held-person", "still_held"]) and not bool(people.loc["freed-person", "still_held"])


def test_the_detentions_chart_draws_the_dead_apart_from_the_still_held(frames) -> None:
    figure = detention_figure(frames.people, language="en")
    by_name = {trace.name: list(trace.customdata) for trace in figure.data}
    assert by_name == {"Released": ["freed-person"], "Still held": ["held-person"], "Died in custody": ["dead-person"]}
    (died,) = [t for t in figure.data if t.name == "Died in custody"]
    assert "Died in custody 21 May 2021" in died.hovertext[0] and "Still held" not in died.hovertext[0]


def test_the_detentions_text_alternative_counts_the_dead_apart(frames) -> None:
    from components.view.draw.text_alternatives import detentions_sentence

    assert detentions_sentence(frames.people, "19 March 2026", language="en") == (
        "3 people detained between 10 August 2020 and 1 May 2021: 1 released, 1 died in custody, "
        "1 still held as of 19 March 2026."
    )


def test_the_prisoner_chart_marks_each_death_on_its_date(frames) -> None:
    figure = prisoners_figure(frames.counts, frames.events, language="en")
    (deaths,) = [t for t in figure.data if t.name == "Political prisoners who died in custody"]
    assert [str(x.date()) for x in deaths.x] == ["2021-05-21"] and list(deaths.y) == [0]
    assert "Dead Person dies" in deaths.text[0]
    assert not [
        t
        for t in prisoners_figure(frames.counts, frames.events.iloc[1:], language="en").data
        if "died" in (t.name or "")
    ]


def test_the_headline_counts_deaths_and_says_the_count_predates_the_same_days_release(monkeypatch) -> None:
    app = run_page(monkeypatch, str(DEATHS))
    metrics = {m.label: m for m in app.metric}
    assert metrics["Died in custody since 2020"].value == "1"
    assert metrics["Political prisoners held"].value == "over 1,100"
    assert "taken before: Two political prisoners freed" in metrics["Political prisoners held"].help
    (line,) = [h.value for h in app.html if "taken before" in h.value]
    assert "taken before: Two political prisoners freed" in line
    assert 'href="https://web.archive.org/web/20260319120000/https://belsat.eu/' in line
    assert 'class="copy-link" role="button" aria-live="polite" href="?tab=prisoners"' in line
    assert ">Copy link</a>" in line


def test_every_source_in_the_story_links_its_capture_or_the_wayback_lookup(frames) -> None:
    people = {p.id: p for p in frames.meta.people}
    html = story_page(frames.events, people, frames.meta.sources, language="en").html
    assert f'href="{WAYBACK_LOOKUP}" rel="noopener">archive (Wayback Machine)</a>' in html
    capture = "https://web.archive.org/web/20260319120000/https://belsat.eu/en/news/19-03-2026-two-freed/"
    assert f'href="{capture}" rel="noopener">archived copy</a>' in html


def test_the_static_site_and_the_downloads_carry_the_archive_link(frames) -> None:
    entry = source_entry(frames.meta.sources["viasna-2024-05-21-a"], "21 May 2024")
    assert f'<a href="{WAYBACK_LOOKUP}" rel="noopener">archive (Wayback Machine)</a>' in entry
    tables = data_tables(frames)
    archive = dict(zip(tables["sources"]["id"], tables["sources"]["archive"], strict=True))
    assert archive["viasna-2024-05-21-a"] == WAYBACK_LOOKUP
    people = tables["people"].set_index("id")
    assert people.loc["dead-person", "died_in_custody"] == "2021-05-21"
    assert tables["prisoner_counts"]["before"].tolist()[-1] == "release-of-2"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    died_in_custody: 2021-05-21", "    died_in_custody: 2021-05-21\n    released: 2021-06-01"),
         "a person who died in custody was not released"),
        (("    died_in_custody: 2021-05-21", "    died_in_custody: 2019-05-21"),
         "died_in_custody 2019-05-21 is before detained 2020-09-19"),
        (("    before: release-of-2", "    before: release-of-3"), "unknown event 'release-of-3'"),
        (("    before: release-of-2", "    before: dead-person-dies"),
         "event 'dead-person-dies' is on 2021-05-21, not on the count's date 2026-03-19"),
    ],
)  # fmt: skip
def test_impossible_deaths_and_counts_are_located_errors(change: tuple[str, str], expected: str) -> None:
    text = DEATHS.read_text(encoding="utf-8").replace(*change)
    with pytest.raises(DataError) as raised:
        load_text(text, "deaths.yaml")
    assert any(expected in p.message for p in raised.value.problems), raised.value


@pytest.mark.parametrize("instruction", ["TODO check the date", "ADD released_to Lithuania 51", "FIXME"])
def test_an_editing_instruction_in_a_note_is_a_warning_with_its_line(instruction: str) -> None:
    text = VALID.replace(
        "    summary: Something happened.", f"    summary: Something happened.\n    note: {instruction}"
    )
    (warning,) = [w for w in load_text(text, "events.yaml").warnings if "editing instruction" in w.message]
    assert (warning.path, warning.line) == ("events[0].note", 24)


def test_the_fixture_is_a_clean_file() -> None:
    assert load_file(Path(DEATHS)).warnings == ()


def test_the_page_sends_the_story_as_html_not_as_escaped_text(monkeypatch) -> None:
    app = run_page(monkeypatch, str(DEATHS))
    bodies = [element.proto.body for element in app.get("html")]
    (story,) = [body for body in bodies if 'class="story"' in body]
    assert story.startswith("<style>") and '<li class="story-event" id="event-dead-person-dies">' in story
    assert "&lt;li" not in story


def test_a_death_is_dated_in_the_readers_language_and_on_the_static_person_page(frames, tmp_path) -> None:
    from components.cli import main
    from components.view.shape.translated import translated_frames

    people = translated_frames(frames, "ru").people.set_index("id")
    assert people.loc["dead-person", "died_label"] == "21 мая 2021"
    assert main(["site", str(tmp_path / "site"), str(DEATHS), "--language", "en", "--jobs", "1"]) == 0
    page = (tmp_path / "site" / "people" / "dead-person" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Died in custody</dt><dd>21 May 2021</dd>" in page and "not recorded" not in page


def test_a_death_without_its_event_warns_and_without_sources_is_an_error() -> None:
    text = DEATHS.read_text(encoding="utf-8")
    untagged = load_text(text.replace("    tags: [death-in-custody]\n", ""), "deaths.yaml")
    (warning,) = [w for w in untagged.warnings if "death-in-custody" in w.message]
    assert warning.path == "people[2].died_in_custody" and "names dead-person" in warning.message
    bare = text.replace(
        "    detained: 2020-09-19\n    died_in_custody: 2021-05-21\n    sources: [viasna-2024-05-21-a]",
        "    died_in_custody: 2021-05-21",
    )
    with pytest.raises(DataError) as raised:
        load_text(bare, "deaths.yaml")
    assert any("give `sources`" in p.message and p.path == "people[2]" for p in raised.value.problems)


def test_story_entries_are_rendered_once_and_reused_except_the_selected_one(frames) -> None:
    people = {p.id: p for p in frames.meta.people}
    entries: dict[str, str] = {}
    story_page(frames.events, people, frames.meta.sources, rendered=entries, language="en")
    assert set(entries) == set(frames.events["id"])
    entries["release-of-2"] = '<li class="story-event" id="event-release-of-2">kept</li>'
    again = story_page(
        frames.events, people, frames.meta.sources, rendered=entries, selected="dead-person-dies", language="en"
    )
    assert ">kept</li>" in again.html and "story-selected" in again.html
    assert "story-selected" not in entries["dead-person-dies"]


def test_the_sources_tab_has_an_archive_link_for_every_source(monkeypatch) -> None:
    app = run_page(monkeypatch, str(DEATHS), tab="sources")
    (table,) = [frame.value for frame in app.dataframe if "Archive" in frame.value.columns]
    assert WAYBACK_LOOKUP in set(table["Archive"]) and table["Archive"].str.startswith("https://web.archive.org/").all()
