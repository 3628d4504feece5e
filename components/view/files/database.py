"""The data as a SQLite database (for Datasette, `sqlite3`, DuckDB and any SQL client) and as Parquet files.

Built with the standard `sqlite3` module rather than a helper library: the tables are already declared once, with
their types, keys and descriptions (`data_tables.TABLES`), so the database is that declaration written as SQL —
typed columns, primary and foreign keys, indexes on dates and ids, full-text search over every language and a few
views — and a `metadata.json` that Datasette shows beside it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from anyascii import anyascii

from ...data.model import DatasetInfo
from ..shape.frames import Frames, frame_records
from .data_tables import LIST_SEPARATOR, TABLES, Column, Table, data_tables

DATABASE_NAME = "events.db"
METADATA_NAME = "metadata.json"
PARQUET_FOLDER = "parquet"
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
ARROW_TYPES = {
    "string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32()
}  # fmt: skip
TOKENIZER = "unicode61 remove_diacritics 2"  # 'Cichanoŭski' is found by 'Cichanouski'
# Full-text search: each table's searchable text in every language, plus every name spelled in Latin letters
# (anyascii), so that 'Tsikhanouski' finds a person the data names only in Cyrillic, and 'Ціханоўскі' the English.
SEARCHED = {
    "events": ("title", "summary", "title_be", "title_ru", "title_uk", "summary_be", "summary_ru", "summary_uk",
               "note"),
    "people": ("name", "aliases", "name_be", "name_ru", "name_uk", "role", "sentence", "charges"),
}  # fmt: skip
NAMES = ("name", "aliases", "name_be", "name_ru", "name_uk")  # a person's every spelling, searched with their events
# The questions asked most, as views (Datasette lists them beside the tables).
VIEWS = {
    "still_held": (
        "People in the data detained and neither released nor dead in custody as of the data's date.",
        "SELECT id, name, role, detained, detained_start, sentence, charges FROM people "
        "WHERE detained IS NOT NULL AND released IS NULL AND died_in_custody IS NULL ORDER BY detained_start",
    ),
    "releases_by_month": (
        "People freed per month and kind of release (kinds that applied together are joined with ' + ').",
        "SELECT substr(date_start, 1, 7) AS month, kind, COUNT(DISTINCT event_id) AS releases, "
        "SUM(released) AS people_freed FROM releases GROUP BY month, kind ORDER BY month, kind",
    ),
    "person_timelines": (
        "Each detained person's arrest, sentence and release or death in custody, with the days held (to the data's "
        "date for those still held).",
        "SELECT id, name, detained, detained_start, sentence, released, released_end, died_in_custody, "
        "died_in_custody_end, CASE WHEN died_in_custody IS NOT NULL THEN 'died in custody' "
        "WHEN released IS NOT NULL THEN 'released' ELSE 'held' END AS outcome, "
        "CAST(julianday(COALESCE(released_end, died_in_custody_end, '{as_of}')) - julianday(detained_start) "
        "AS INTEGER) AS days_held FROM people WHERE detained IS NOT NULL ORDER BY detained_start",
    ),
}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(table: Table) -> str:
    columns = [f"{_quoted(c.name)} {SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}" for c in table.columns]
    if table.primary_key:
        columns.append(f"PRIMARY KEY ({', '.join(map(_quoted, table.primary_key))})")
    for field, other, key in table.foreign_keys:
        columns.append(f"FOREIGN KEY ({_quoted(field)}) REFERENCES {_quoted(other)} ({_quoted(key)})")
    return f"CREATE TABLE {_quoted(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _indexed(table: Table) -> list[str]:
    """Date columns and ids that joins and filters use (a primary key has its own index)."""
    keys = set(table.primary_key[:1])
    names = [c.name for c in table.columns if c.type == "date" or c.name.endswith("_id") or c.name == "source"]
    names += [field for field, _other, _key in table.foreign_keys]
    return [name for name in dict.fromkeys(names) if name not in keys]


def _value(column: Column, value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):  # noqa: PLR0124 - NaN
        return None
    if column.type == "boolean":
        return int(bool(value))
    if column.type == "integer":
        return int(value)
    if column.type == "number":
        return float(value)
    return value.isoformat() if column.type == "date" else str(value)


def _latin(texts: list[Any]) -> str:
    return " ".join(anyascii(str(text)) for text in texts if isinstance(text, str) and text)


def _names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each event's people, every spelling of their names in every script."""
    spellings = {
        row["id"]: " ".join(str(row[n]).replace(LIST_SEPARATOR, " ") for n in NAMES if isinstance(row[n], str))
        for row in frame_records(tables["people"])
    }
    names: dict[str, list[str]] = {}
    for link in frame_records(tables["event_people"]):
        names.setdefault(link["event_id"], []).append(spellings.get(link["person_id"], ""))
    return {event: " ".join(found) for event, found in names.items()}


def _fill_search(connection: sqlite3.Connection, name: str, frame: pd.DataFrame, names: dict[str, str]) -> None:
    columns = [*SEARCHED[name], "names", "latin"]
    connection.execute(
        f"CREATE VIRTUAL TABLE {_quoted(name + '_fts')} USING fts5("
        + ", ".join(map(_quoted, columns))
        + f", tokenize = '{TOKENIZER}')"
    )
    rowids = dict(connection.execute(f"SELECT id, rowid FROM {_quoted(name)}").fetchall())
    rows = []
    for record in frame_records(frame):
        texts = [record.get(column) for column in SEARCHED[name]] + [names.get(record["id"])]
        cells = [None if text is None else str(text).replace(LIST_SEPARATOR, " ") for text in texts]
        rows.append((rowids[record["id"]], *cells, _latin(texts)))
    marks = ", ".join("?" * (len(columns) + 1))
    connection.executemany(
        f"INSERT INTO {_quoted(name + '_fts')} (rowid, {', '.join(map(_quoted, columns))}) VALUES ({marks})", rows
    )


def _fill(connection: sqlite3.Connection, tables: dict[str, pd.DataFrame], info: DatasetInfo) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    for table in TABLES:  # in an order where every key a row refers to is already there
        connection.execute(_create(table))
        names = table.column_names
        rows = [
            tuple(_value(column, row[column.name]) for column in table.columns)
            for row in frame_records(tables[table.name][names])
        ]
        marks = ", ".join("?" * len(names))
        connection.executemany(
            f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, names))}) VALUES ({marks})", rows
        )
        for column in _indexed(table):
            index = _quoted(f"{table.name}_{column}")
            connection.execute(f"CREATE INDEX {index} ON {_quoted(table.name)} ({_quoted(column)})")
    spelled = _names(tables)
    for name in SEARCHED:
        _fill_search(connection, name, tables[name], spelled if name == "events" else {})
    for name, (_about, query) in VIEWS.items():
        connection.execute(f"CREATE VIEW {_quoted(name)} AS {query.format(as_of=info.as_of.end.isoformat())}")


def write_database(path: Path, frames: Frames, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Build the database at `path`, whole or not at all (a half-built file never replaces a good one)."""
    tables = tables or data_tables(frames)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                _fill(connection, tables, frames.meta)
            connection.execute("VACUUM")
        finally:
            connection.close()
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def database_bytes(frames: Frames, tables: dict[str, pd.DataFrame] | None = None) -> bytes:
    """The database as bytes, for a download."""
    with tempfile.TemporaryDirectory() as folder:
        return write_database(Path(folder) / DATABASE_NAME, frames, tables).read_bytes()


def datasette_metadata(frames: Frames, version: str | None, citation: str) -> dict[str, Any]:
    """What Datasette shows beside the database: title, description, licence, source, the version, and a
    description of every table, column and view."""
    info = frames.meta
    described: dict[str, Any] = {
        table.name: {
            "title": table.title,
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
            **({"fts_table": f"{table.name}_fts"} if table.name in SEARCHED else {}),
        }
        for table in TABLES
    }
    described |= {name: {"description": about} for name, (about, _query) in VIEWS.items()}
    described |= {
        f"{name}_fts": {"hidden": True, "description": f"Full-text search of {name} (every language)."}
        for name in SEARCHED
    }
    source = {"source": info.repository_url, "source_url": info.repository_url} if info.repository_url else {}
    licence = {"license": info.license, "license_url": info.license_url} if info.license else {}
    return {
        "title": info.title,
        "description": f"{info.description} Data as of {info.as_of}; version {version or info.as_of}. Cite as: "
        f"{citation}",
        **licence,
        **source,
        "databases": {Path(DATABASE_NAME).stem: {"tables": described}},
    }


def metadata_json(frames: Frames, version: str | None, citation: str) -> bytes:
    return json.dumps(datasette_metadata(frames, version, citation), ensure_ascii=False, indent=2).encode() + b"\n"


def parquet_files(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Each table as Parquet (`parquet/<table>.parquet`), typed as its Table Schema says: dates as dates, counts as
    64-bit integers, flags as booleans; pandas reads them back with the same dtypes."""
    files = {}
    for table in TABLES:
        schema = pa.schema(
            [pa.field(c.name, ARROW_TYPES[c.type], nullable=not c.required) for c in table.columns],
            metadata={"description": table.description},
        )
        arrow = pa.Table.from_pandas(tables[table.name][table.column_names], schema=schema, preserve_index=False)
        sink = pa.BufferOutputStream()
        pq.write_table(arrow, sink, compression="zstd")
        files[f"{PARQUET_FOLDER}/{table.name}.parquet"] = sink.getvalue().to_pybytes()
    return files
