"""An entry cited in every format names the dataset's version and a link that opens it; a hostile title stays
inert in each format (BibTeX read back by bibtexparser, CSL-JSON checked against the CSL schema)."""

from __future__ import annotations

import datetime as dt
import json

import bibtexparser
import jsonschema
import pytest

from components.data.fuzzy_dates import parse_fuzzy_date
from components.data.loader import load_file
from components.view.draw.citations import Cited, citation_formats, entry_link

from .samples import ROOT, TIMELINE

CSL_SCHEMA = json.loads((ROOT / "tests" / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8"))
HOSTILE = (
    'Evil} , author = {Mallory},\n@misc{x, title={y}\nER  - \nTY  - JOUR\r\n"}]<script>alert(1)</script> % & # _ ~ ^ \\'
)
INFO = load_file(TIMELINE).data.info
TODAY = dt.date(2026, 12, 7)


def cite(title: str = "Lukashenko frees 123 prisoners", kind: str = "event", language: str = "en"):
    date = parse_fuzzy_date("2025-12-13") if kind == "event" else None
    link = entry_link(INFO, kind, "release-123-2025-12-13")
    return citation_formats(Cited("release-123-2025-12-13", kind, title, link, date), INFO, "2026-03-19+1a2b3c4d",
                            language=language, accessed=TODAY)  # fmt: skip


def test_the_link_opens_the_entry_on_the_static_site_or_the_app() -> None:
    assert entry_link(INFO.model_copy(update={"site_url": "https://example.org/tl/"}), "event", "e1") == (
        "https://example.org/tl/events/e1/"
    )
    assert entry_link(INFO.model_copy(update={"site_url": None}), "person", "p1", "https://app.example/?person=p1") == (
        "https://app.example/?person=p1"
    )
    assert entry_link(INFO.model_copy(update={"site_url": None, "dashboard_url": "https://app.example/"}), "event",
                      "e1") == "https://app.example/?event=e1"  # fmt: skip


def test_the_sentence_names_title_date_version_and_link_in_the_readers_language() -> None:
    english = cite().sentence
    assert english.startswith("“Lukashenko frees 123 prisoners” (13 December 2025). In: ")
    assert "version 2026-03-19+1a2b3c4d" in english and "(accessed 7 December 2026)" in english
    belarusian = cite(language="be").sentence
    assert "13 снежня 2025" in belarusian and "(дата звароту: 7 снежня 2026)" in belarusian and "«" in belarusian
    assert "version" not in belarusian


def test_bibtex_reads_back_with_its_fields() -> None:
    library = bibtexparser.parse_string(cite().bibtex)
    (entry,) = library.entries
    assert not library.failed_blocks and entry.entry_type == "misc"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == "Lukashenko frees 123 prisoners" and fields["version"] == "2026-03-19+1a2b3c4d"
    assert "release-123-2025-12-13" in fields["url"] and fields["urldate"] == "2026-12-07"


def test_ris_has_one_tag_a_line_and_ends_the_record() -> None:
    lines = cite().ris.split("\r\n")
    assert lines[0] == "TY  - DATA" and "DA  - 2025/12/13" in lines and lines[-2] == "ER  -" and lines[-1] == ""


def test_csl_json_is_valid_against_the_csl_schema() -> None:
    for kind in ("event", "person", "dataset"):
        items = json.loads(cite(kind=kind).csl_json)
        jsonschema.validate(items, CSL_SCHEMA)
        assert items[0]["type"] == "dataset" and items[0]["version"] == "2026-03-19+1a2b3c4d"
    assert json.loads(cite().csl_json)[0]["event-date"] == {"date-parts": [[2025, 12, 13]]}


@pytest.mark.parametrize("language", ["en", "be"])
def test_a_hostile_title_stays_inert_in_every_format(language: str) -> None:
    formats = cite(HOSTILE, language=language)
    library = bibtexparser.parse_string(formats.bibtex)
    (entry,) = library.entries
    names = [field.key for field in entry.fields]
    assert not library.failed_blocks and "author" not in names and len(names) == len(set(names)) == 7
    assert "\\}" in entry.fields_dict["title"].value and "\n" not in entry.fields_dict["title"].value
    lines = formats.ris.split("\r\n")[:-1]
    assert [line[:2] for line in lines] == ["TY", "TI", "T2", "ET", "PY", "DA", "UR", "Y2", "ER"]
    (item,) = json.loads(formats.csl_json)
    jsonschema.validate([item], CSL_SCHEMA)
    assert item["title"] == HOSTILE.replace("\r\n", " ").replace("\n", " ").strip()
    assert "\n" not in formats.sentence


def test_the_app_offers_an_events_and_a_persons_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    from .samples import run_page

    app = run_page(monkeypatch, str(TIMELINE), event="release-123-2025-12-13")
    (cite,) = [e for e in app.expander if e.label == "Cite this"]
    codes = [c.value for c in cite.code]
    assert codes[0].startswith("“") and "(13 December 2025). In: Belarus test timeline, version 2026-03-19+" in codes[0]
    assert "?event=release-123-2025-12-13" in codes[0] and "(accessed " in codes[0]
    assert any(c.startswith("@misc{belarus-timeline-release-123-2025-12-13,") for c in codes)
    person = run_page(monkeypatch, str(TIMELINE), person="ales-bialiatski", lang="ru")
    (cite,) = [e for e in person.expander if e.label.startswith("Библиографическая ссылка: ")]
    assert cite.code[0].value.startswith("«Алесь Беляцкий» // ") and "?person=ales-bialiatski" in cite.code[0].value


def test_the_app_offers_the_light_edition_of_the_same_view(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from .samples import run_page

    data = tmp_path / "events.yaml"
    text = TIMELINE.read_text(encoding="utf-8")
    data.write_text(
        text.replace("\nlicense:", "\nsite_url: https://timeline.example.org\nlicense:", 1), encoding="utf-8"
    )
    event = run_page(monkeypatch, str(data), event="release-123-2025-12-13", lang="be")
    (light,) = [c.value for c in event.caption if "https://timeline.example.org" in c.value]
    assert "(https://timeline.example.org/be/events/release-123-2025-12-13/)" in light
    story = run_page(monkeypatch, str(data))
    assert any("(https://timeline.example.org/)" in c.value for c in story.caption)
    plain = run_page(monkeypatch, str(TIMELINE))
    assert not any("timeline.example.org" in c.value for c in plain.caption), "no site_url, no link"
