"""Downloads that the researchers' own tools read with one default call: CSV (RFC 4180), JSON, a Frictionless data
package (ZIP) and an Excel workbook, each carrying the citation, the version and the licence."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from ...data.model import DatasetInfo
from ...i18n import _, speaks
from ..draw.citations import Cited, citation_formats
from ..draw.style import fuzzy_date_text
from ..shape.filters import Shown
from ..shape.frames import Frames, frame_records
from ..words.text import optional_text
from .data_tables import FORMULA_STARTS, TABLES, data_tables
from .database import DATABASE_NAME, METADATA_NAME, database_bytes, metadata_json, parquet_files, write_database
from .datapackage import datapackage
from .workbook import workbook_bytes

CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: Excel then reads it as UTF-8; pandas and R drop the mark
# A text cell that a spreadsheet would read as a formula starts with an apostrophe, which spreadsheets hide (the
# workbook instead marks such cells as text and keeps them exact).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same data gives the same bytes
WORKBOOK_NAME = "belarus-timeline.xlsx"


def data_version(frames: Frames) -> str | None:
    """`as_of` plus a short hash of the file's bytes, '2026-03-19+1a2b3c4d'; None when the bytes are not known."""
    return f"{frames.meta.as_of}+{frames.data_hash[:8]}" if frames.data_hash else None


@speaks
def citation(data: DatasetInfo, origin: str, version: str | None = None, *, language: str) -> str:
    """One line saying what the data is, how current, where it came from, and under which licence."""
    if version:
        text = _("{title}. Data as of {date} (version {version}).").format(
            title=data.title, date=fuzzy_date_text(data.as_of, language), version=version
        )
    else:
        text = _("{title}. Data as of {date}.").format(title=data.title, date=fuzzy_date_text(data.as_of, language))
    text += " " + _("Source: {origin}.").format(origin=origin)
    return text + (" " + _("Licence: {licence}.").format(licence=data.license) if data.license else "")


def neutralised(value: object) -> object:
    """A text value that cannot run as a spreadsheet formula (an apostrophe before a formula's first character)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # a numpy or pandas scalar: a plain int, never '14.0'
        return _cell(value.item())
    return neutralised(value)


def table_csv(frame: pd.DataFrame) -> bytes:
    """One table as RFC 4180 CSV: header first, CRLF line ends, quoted where needed, UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(frame.columns)
    writer.writerows([_cell(value) for value in row] for row in frame.itertuples(index=False))
    return buffer.getvalue().encode(CSV_ENCODING)


def events_csv(frames: Frames, shown: Shown | None = None) -> bytes:
    """The events shown, one per row."""
    return table_csv(data_tables(frames, shown)["events"])


def counts_csv(frames: Frames, shown: Shown | None = None) -> bytes:
    """Viasna's counts shown, one per row."""
    return table_csv(data_tables(frames, shown)["prisoner_counts"])


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.isoformat() if isinstance(value, dt.date) else value


def events_json(
    frames: Frames,
    origin: str,
    shown: Shown | None = None,
    *,
    language: str,
    tables: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    """The events shown, with the citation, the version and the date the data is current to."""
    events = (tables or data_tables(frames, shown))["events"]
    records = [{key: _json_value(value) for key, value in row.items()} for row in frame_records(events)]
    sources = frames.meta.sources
    for record, row in zip(records, frame_records(frames.events if shown is None else shown.events), strict=True):
        record["people"] = list(row["people"])
        record["sources"] = list(row["sources"])
        record["source_urls"] = [sources[s].url for s in row["sources"] if s in sources]
        record["released_to"] = dict(row["released_to"])
        record["tags"] = list(row["tags"])
        record["note"] = optional_text(row["note"])
    document: dict[str, Any] = {
        "citation": citation(frames.meta, origin, data_version(frames), language=language),
        "version": data_version(frames),
        "as_of": str(frames.meta.as_of),
        "license": frames.meta.license,
        "events": [],
    }
    # One event per line: readable and diff-friendly, and each line goes through the C encoder (an indented dump
    # takes Python's, several times slower on 10,000 events).
    head = json.dumps(document, ensure_ascii=False, indent=2)
    lines = ",\n    ".join(json.dumps(record, ensure_ascii=False) for record in records)
    before, key, after = head.rpartition('"events": []')  # the last key, so the last match (a title may quote it)
    listed = f'"events": [\n    {lines}\n  ]' if records else key
    return f"{before}{listed}{after}\n".encode()


def package_files(
    frames: Frames,
    origin: str,
    shown: Shown | None = None,
    filters: str | None = None,
    *,
    language: str,
    tables: dict[str, pd.DataFrame] | None = None,
) -> dict[str, bytes]:
    """The data package's files by path: datapackage.json and data/<table>.csv (`tables` when already built)."""
    tables = tables or data_tables(frames, shown)
    version = data_version(frames)
    cited = citation(frames.meta, origin, version, language=language)
    descriptor = datapackage(frames.meta, version or str(frames.meta.as_of), cited, filters)
    files = {"datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"}
    files |= {table.path: table_csv(tables[table.name]) for table in TABLES}
    return files


def package_zip(
    frames: Frames, origin: str, shown: Shown | None = None, filters: str | None = None, *, language: str
) -> bytes:
    """The data package as one ZIP (the same data always gives the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in package_files(frames, origin, shown, filters, language=language).items():
            info = zipfile.ZipInfo(f"belarus-timeline/{path}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


@speaks
def workbook(
    frames: Frames, origin: str, shown: Shown | None = None, filters: str | None = None, *, language: str
) -> bytes:
    """The tables as an Excel workbook with an About sheet."""
    version = data_version(frames)
    about: dict[str, Any] = {
        _("Title"): frames.meta.title,
        _("Description"): frames.meta.description,
        _("How to cite"): citation(frames.meta, origin, version, language=language),
        _("Version"): version or str(frames.meta.as_of),
        _("Data as of"): fuzzy_date_text(frames.meta.as_of, language),
        _("Licence"): " ".join(filter(None, [frames.meta.license, frames.meta.license_url])) or _("not stated"),
        _("Filters"): filters or _("none: the whole file"),
    }
    return workbook_bytes(data_tables(frames, shown), about)


def database_download(frames: Frames, shown: Shown | None = None) -> bytes:
    """The SQLite database of what the filters show."""
    return database_bytes(frames, data_tables(frames, shown))


def research_files(frames: Frames, origin: str, *, language: str, tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Datasette's metadata for the database, and the Parquet files (the database itself is written beside them)."""
    version = data_version(frames)
    cited = citation(frames.meta, origin, version, language=language)
    info = frames.meta
    link = info.site_url or info.dashboard_url or info.repository_url or origin
    formats = citation_formats(
        Cited("", "dataset", info.title, link), info, version or str(info.as_of), language=language
    )
    return {
        METADATA_NAME: metadata_json(frames, version, cited),
        **parquet_files(tables),
        "citation.bib": formats.bibtex.encode(),
        "citation.ris": formats.ris.encode(),
        "citation.json": formats.csl_json.encode(),
    }


def write_export(out_dir: Path, frames: Frames, origin: str, *, language: str) -> list[Path]:
    """Write the data package, the workbook, the SQLite database with Datasette's metadata, and the Parquet files
    for the whole file into out_dir; each file appears whole or not at all."""
    tables = data_tables(frames)
    files = package_files(frames, origin, language=language, tables=tables)
    files[WORKBOOK_NAME] = workbook(frames, origin, language=language)
    files |= research_files(frames, origin, language=language, tables=tables)
    written = []
    for relative, content in files.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(content)
            os.chmod(temporary, 0o644)  # readable like any published file (mkstemp makes it private)
            os.replace(temporary, target)
        finally:
            Path(temporary).unlink(missing_ok=True)
        written.append(target)
    written.append(write_database(out_dir / DATABASE_NAME, frames, tables))
    return written
