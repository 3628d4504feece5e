"""Downloads open cleanly in the tools researchers use: pandas, R, LibreOffice, Excel's format, Frictionless."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from components.cli import main
from components.data.loader import load_file, load_text
from components.i18n import _, language
from components.view.files.data_tables import TABLES
from components.view.files.export import events_json, package_files, package_zip, workbook
from components.view.shape.filters import Filters, describe_filters, shown_frames
from components.view.shape.frames import build_frames

from .samples import ROOT, TIMELINE, VALID, needed

BIN = Path(sys.executable).parent
# Every kind of value that breaks naive CSV or spreadsheets: '#', commas, quotes, line breaks, Cyrillic, formulas.
TRICKY = {
    "title": 'Protest #2, "quoted", in Мінск',
    "summary": "Line one,\nline two; with a # and a 'single' quote.",
    "note": "=cmd|' /C calc'!A0",
    "role": "-1 day after the arrest",
    "alias": "@SUM(A1:A9)",
    "publisher": "+380 News",
}
TRICKY_TEXT = (
    VALID.replace("title: An event", f"title: {json.dumps(TRICKY['title'], ensure_ascii=False)}")
    .replace("summary: Something happened.", f"summary: {json.dumps(TRICKY['summary'])}")
    .replace("    people: [p1]\n", f"    people: [p1]\n    note: {json.dumps(TRICKY['note'])}\n")
    .replace("role: Blogger", f"role: {json.dumps(TRICKY['role'])}")
    .replace("aliases: [Tikhanovsky, Cichanoŭski, Тихановский]",
             f"aliases: [Tikhanovsky, {json.dumps(TRICKY['alias'])}, Тихановский]")
    .replace("publisher: Pub", f"publisher: {json.dumps(TRICKY['publisher'])}")
)  # fmt: skip
FORMULA_VALUES = {TRICKY["note"], TRICKY["role"], TRICKY["publisher"]}


@pytest.fixture(scope="module")
def tricky_frames():
    return build_frames(load_text(TRICKY_TEXT, "events.yaml"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m components export` of the tricky file, as a user runs it."""
    folder = tmp_path_factory.mktemp("export")
    data = folder / "events.yaml"
    data.write_text(TRICKY_TEXT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "components", "export", str(folder / "out"), str(data)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def timeline_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export of tests/data/timeline.yaml: every table with rows (releases, people, counts, sources)."""
    folder = tmp_path_factory.mktemp("timeline") / "out"
    assert main(["export", str(folder), str(TIMELINE)]) == 0
    return folder


def as_read(value: str) -> str:
    """What a reader finds in the CSV: formula-like text behind an apostrophe (OWASP), the rest exactly."""
    return "'" + value if value in FORMULA_VALUES else value


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_pandas_reads_every_table_with_default_arguments(timeline_export: Path, table) -> None:
    frame = pd.read_csv(timeline_export / table.path)
    assert list(frame.columns) == table.column_names
    with open(timeline_export / table.path, encoding="utf-8-sig", newline="") as handle:
        assert len(frame) == sum(1 for _ in csv.reader(handle)) - 1
    assert len(frame) > 0


def test_the_events_table_has_every_event_and_sortable_dates(timeline_export: Path) -> None:
    frames = build_frames(load_file(TIMELINE))
    events = pd.read_csv(timeline_export / "data/events.csv", parse_dates=["date_start", "date_end"])
    assert list(events["id"]) == list(frames.events["id"])
    assert (events["date_start"] <= events["date_end"]).all()
    assert set(events["date"].map(len)) <= {4, 7, 10}  # as written: 2022, 2022-02, 2022-02-28


def test_tricky_values_round_trip_through_pandas(exported: Path) -> None:
    events = pd.read_csv(exported / "data/events.csv")
    people = pd.read_csv(exported / "data/people.csv")
    sources = pd.read_csv(exported / "data/sources.csv")
    assert events.loc[0, "title"] == TRICKY["title"]
    assert events.loc[0, "summary"] == TRICKY["summary"]
    assert events.loc[0, "note"] == as_read(TRICKY["note"])
    assert people.loc[0, "role"] == as_read(TRICKY["role"])
    assert people.loc[0, "aliases"] == f"Tikhanovsky; {TRICKY['alias']}; Тихановский"  # inside a list: no formula
    assert sources.loc[0, "publisher"] == as_read(TRICKY["publisher"])
    raw = (exported / "data/events.csv").read_bytes()
    assert raw.startswith("\ufeffid,".encode()) and b"\r\n" in raw and not raw.startswith(b"#")


def frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=folder, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_the_data_package_validates_with_frictionless(timeline_export: Path) -> None:
    result = frictionless(timeline_export)
    assert result.returncode == 0, result.stdout[-3000:]
    report = json.loads(result.stdout)
    assert report["valid"] and len(report["tasks"]) == len(TABLES)


@pytest.mark.slow
def test_frictionless_finds_a_broken_foreign_key(timeline_export: Path, tmp_path: Path) -> None:
    broken = tmp_path / "package"
    shutil.copytree(timeline_export, broken)
    categories = (broken / "data/categories.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    (broken / "data/categories.csv").write_text("".join(categories[:-1]), encoding="utf-8-sig")  # drop a used one
    result = frictionless(broken)
    assert result.returncode == 1
    errors = [e for task in json.loads(result.stdout)["tasks"] for e in task["errors"]]
    assert {e["type"] for e in errors} == {"foreign-key"}


def test_the_descriptor_carries_version_licence_citation_and_keys(timeline_export: Path) -> None:
    descriptor = json.loads((timeline_export / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"].startswith("2026-03-19+") and len(descriptor["version"]) == 10 + 1 + 8
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["citation"].startswith("Belarus test timeline")
    assert descriptor["version"] in descriptor["citation"]
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    assert events["schema"]["primaryKey"] == ["id"]
    assert events["schema"]["foreignKeys"] == [{"fields": "category", "reference": {"resource": "categories",
                                                                                    "fields": "id"}}]  # fmt: skip
    title = next(f for f in events["schema"]["fields"] if f["name"] == "title")
    assert title["description"] == "One line."  # from the model


def test_the_workbook_holds_the_same_rows_with_dates_links_and_an_about_sheet(exported: Path) -> None:
    book = openpyxl.load_workbook(exported / "belarus-timeline.xlsx")
    assert book.sheetnames == ["About", *(t.name for t in TABLES)]
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row and row[0]}
    assert about["How to cite"].startswith("Test timeline. Data as of 19 March 2026")
    for table in TABLES:
        csv_rows = pd.read_csv(exported / table.path)
        sheet = book[table.name]
        assert [c.value for c in sheet[1]] == table.column_names and sheet.freeze_panes == "A2"
        assert sheet.max_row - 1 == len(csv_rows)
    events = book["events"]
    header = [c.value for c in events[1]]
    row = {name: cell for name, cell in zip(header, events[2], strict=True)}
    assert row["title"].value == TRICKY["title"] and row["summary"].value == TRICKY["summary"]
    assert row["note"].value == TRICKY["note"] and row["note"].data_type == "s" and row["note"].quotePrefix
    assert isinstance(row["date"].value, dt.datetime) and row["date"].value.date() == dt.date(2022, 2, 28)
    sources = book["sources"]
    url = next(c for c in sources[2] if c.value == "https://example.org/a")
    assert url.hyperlink is not None and url.hyperlink.target == "https://example.org/a"
    counts = book["prisoner_counts"]
    assert counts.cell(2, 1).value == "2022-02"  # a month stays as written; date_start is a real date
    assert counts.cell(2, 2).value == "month"  # its precision
    assert isinstance(counts.cell(2, 3).value, dt.datetime)


def test_no_cell_of_the_workbook_is_a_formula(exported: Path) -> None:
    book = openpyxl.load_workbook(exported / "belarus-timeline.xlsx")
    assert not [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_the_same_data_gives_the_same_bytes(tricky_frames) -> None:
    assert package_zip(tricky_frames, "x", language="en") == package_zip(tricky_frames, "x", language="en")
    assert workbook(tricky_frames, "x", language="en") == workbook(tricky_frames, "x", language="en")


def test_a_filtered_package_holds_what_the_filters_show_and_says_so(tricky_frames) -> None:
    frames = build_frames(load_file(TIMELINE))
    filters = Filters(categories=("releases",))
    shown = shown_frames(frames, filters)
    files = package_files(
        frames, "https://example.org/?category=releases", shown, "Filtered: categories: releases", language="en"
    )
    events = pd.read_csv(io.BytesIO(files["data/events.csv"]))
    assert list(events["id"]) == list(shown.events["id"]) == [
        "release-18-2024-07-03", "release-14-2025-06-21", "release-52-2025-09-11", "release-123-2025-12-13",
        "coale-visit-250-freed-2026-03-19",  # a diplomacy event, also in releases
    ]  # fmt: skip
    assert all(category == "releases" or "releases" in str(also).split("; ")
               for category, also in zip(events["category"], events["also"], strict=True))  # fmt: skip
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["filters"] == "Filtered: categories: releases"
    with zipfile.ZipFile(io.BytesIO(package_zip(frames, "x", shown, language="en"))) as archive:
        assert "belarus-timeline/datapackage.json" in archive.namelist()
    people = pd.read_csv(io.BytesIO(files["data/people.csv"]))
    links = pd.read_csv(io.BytesIO(files["data/event_people.csv"]))
    assert set(links["person_id"]) <= set(people["id"])  # every reference resolves in the filtered package


def test_the_json_download_keeps_its_citation(tricky_frames) -> None:
    document = json.loads(events_json(tricky_frames, "https://example.org/view", language="en"))
    assert document["citation"] == "Test timeline. Data as of 19 March 2026. Source: https://example.org/view."
    assert document["events"][0]["title"] == TRICKY["title"] and document["events"][0]["people"] == ["p1"]


def test_the_json_download_has_an_event_a_line_whatever_the_titles_quote() -> None:
    quoting = VALID.replace("title: Test timeline", """title: 'A "events": [] title'""")
    frames = build_frames(load_text(quoting, "events.yaml"))
    text = events_json(frames, "x", language="en").decode("utf-8")
    document = json.loads(text)
    assert document["citation"].startswith('A "events": [] title.')
    assert [json.loads(line.strip().rstrip(",")) for line in text.splitlines() if line.startswith("    {")] == (
        document["events"]
    )
    nothing = shown_frames(frames, Filters(categories=("no-such-category",)))
    assert json.loads(events_json(frames, "x", nothing, language="en"))["events"] == []


def test_export_of_a_broken_file_writes_nothing_and_locates_the_problem(tmp_path: Path, capsys) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID.replace("date: 2022-02-28\n    title", "date: 2022-13-28\n    title"), encoding="utf-8")
    assert main(["export", str(tmp_path / "out"), str(data)]) == 1
    assert f"{data}:20:11: events[0].date: '2022-13-28' is not a date" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()
    assert main(["export", str(tmp_path / "out"), str(tmp_path / "missing.yaml")]) == 2


def needs(program: str) -> str:
    return needed(program, shutil.which(program), "apt-get install -y r-base-core libreoffice-calc-nogui")


@pytest.mark.slow
def test_r_reads_the_tables_with_read_csv(exported: Path) -> None:
    rscript = needs("Rscript")
    code = (
        'e <- read.csv("data/events.csv"); p <- read.csv("data/people.csv"); '
        'cat(names(e)[1], nrow(e), ncol(e), e$title[1], p$role[1], sep = "\\n")'
    )
    result = subprocess.run([rscript, "-e", code], cwd=exported, capture_output=True, text=True, check=False,
                            env={**os.environ, "LANG": "C.UTF-8"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    events = next(t for t in TABLES if t.name == "events")
    assert result.stdout.splitlines() == ["id", "1", str(len(events.columns)), TRICKY["title"],
                                          as_read(TRICKY["role"])]  # fmt: skip


def libreoffice(arguments: list[str], where: Path) -> None:
    office = needs("soffice")
    profile = where / "profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *arguments],
        cwd=where, capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip


@pytest.mark.slow
def test_libreoffice_opens_the_csv_as_utf8_and_the_workbook(exported: Path, tmp_path: Path) -> None:
    # The CSV as its Text Import dialog offers it (the BOM marks it as UTF-8): 44 comma, 34 quote, 76 UTF-8.
    libreoffice(["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path),
                 str(exported / "data/events.csv")], tmp_path)  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "events.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "id" and len(rows) == 2 and TRICKY["title"] in rows[1]
    # The workbook opens and re-saves with every sheet and value.
    copy = tmp_path / "copy"
    libreoffice(["--convert-to", "xlsx", "--outdir", str(copy), str(exported / "belarus-timeline.xlsx")], tmp_path)
    book = openpyxl.load_workbook(copy / "belarus-timeline.xlsx")
    assert book.sheetnames[0] == "About" and book["events"]["D2"].value is not None
    values = [c.value for c in book["events"][2]]
    assert TRICKY["title"] in values and TRICKY["note"] in values


def test_a_reader_s_workbook_cites_and_labels_in_their_language_and_keeps_the_data_s_own(tmp_path: Path) -> None:
    frames = build_frames(load_text(VALID, "events.yaml"))
    with language("be"):
        content = workbook(
            frames, "https://example.org/data", filters=describe_filters(Filters(query="Minsk")), language="be"
        )
        cite, labelled = _("How to cite"), _("Data as of")
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    book = openpyxl.load_workbook(path)
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row and row[0]}
    assert about[cite].startswith("Test timeline.") and "сакавіка 2026" in about[cite]
    assert about[labelled] == "19 сакавіка 2026" and any("Minsk" in str(v) for v in about.values())
    events = next(t for t in TABLES if t.name == "events")
    assert [c.value for c in book["events"][1]] == events.column_names, "the data's own column names"


def test_every_list_in_a_cell_is_joined_the_same_way() -> None:
    from components.view.files.data_tables import LIST_SEPARATOR, data_tables

    tables = data_tables(build_frames(load_file(TIMELINE)))
    kinds = [k for k in tables["releases"]["kind"] if "deportation" in k]
    assert kinds and all(k == f"pardon{LIST_SEPARATOR}deportation" for k in kinds)
    assert set(tables["events"]["release_kind"].dropna()) >= {f"pardon{LIST_SEPARATOR}deportation"}
