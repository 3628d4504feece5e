"""The SQLite database and the Parquet files hold what the frames hold, typed and keyed, and open in the tools
researchers use: sqlite3, Datasette (in-process, its own test client), pandas and pyarrow."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from components.data.loader import load_file
from components.view.files.data_tables import TABLES, data_tables
from components.view.files.database import (
    DATABASE_NAME,
    METADATA_NAME,
    VIEWS,
    datasette_metadata,
    parquet_files,
    write_database,
)
from components.view.files.export import write_export
from components.view.shape.frames import Frames, build_frames

from .samples import TIMELINE


@pytest.fixture(scope="module")
def frames() -> Frames:
    return build_frames(load_file(TIMELINE))


@pytest.fixture(scope="module")
def database(frames: Frames, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_database(tmp_path_factory.mktemp("db") / DATABASE_NAME, frames)


def rows(database: Path, query: str, *args: object) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(query, args).fetchall()


def test_each_table_holds_the_rows_the_frames_hold(frames: Frames, database: Path) -> None:
    expected = {
        "events": len(frames.events),
        "people": len(frames.people),
        "sources": len(frames.sources),
        "prisoner_counts": len(frames.counts),
        "releases": len(frames.releases),
        "categories": len(frames.categories),
        "event_people": sum(len(set(p)) for p in frames.events["people"]),
    }
    found = {name: rows(database, f'SELECT COUNT(*) FROM "{name}"')[0][0] for name in expected}
    assert found == expected and expected["events"] == 19


def test_every_key_resolves_and_columns_are_typed(database: Path) -> None:
    assert rows(database, "PRAGMA foreign_key_check") == []
    columns = {name: kind for _cid, name, kind, *_rest in rows(database, "PRAGMA table_info(events)")}
    assert columns["released"] == "INTEGER" and columns["date_start"] == "TEXT" and columns["date"] == "TEXT"
    assert rows(database, "SELECT typeof(released) FROM events WHERE released IS NOT NULL LIMIT 1") == [("integer",)]
    assert rows(database, "SELECT DISTINCT date_precision FROM events ORDER BY 1") == [("day",), ("month",), ("year",)]
    year = rows(database, "SELECT date, date_start, date_end FROM events WHERE date_precision = 'year' LIMIT 1")[0]
    assert year[1].endswith("-01-01") and year[2].endswith("-12-31") and year[1][:4] == year[0]
    indexes = {name for (name,) in rows(database, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_date_start", "events_category", "releases_date_start", "event_people_person_id"} <= indexes


def test_a_broken_key_is_refused_by_the_database(database: Path) -> None:
    with sqlite3.connect(database) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("INSERT INTO event_people VALUES ('no-such-event', 'siarhei-tsikhanouski')")


@pytest.mark.parametrize("spelling", ["Tsikhanouski", "Ціханоўскі", "Тихановский", "Cichanouski", "tsikhanouski"])
def test_full_text_search_finds_a_person_in_every_script(database: Path, spelling: str) -> None:
    search = "SELECT id FROM people WHERE rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)"
    found = rows(database, search, spelling)
    assert ("siarhei-tsikhanouski",) in found


def test_full_text_search_finds_events_by_a_translated_title(frames: Frames, database: Path) -> None:
    event = next(row for _i, row in frames.events.iterrows() if row["title_i18n"].get("be"))
    word = max(event["title_i18n"]["be"].split(), key=len).strip(".,:;«»")
    search = "SELECT id FROM events WHERE rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"
    found = rows(database, search, f'"{word}"')
    assert (event["id"],) in found


def test_the_views_answer_the_common_questions(frames: Frames, database: Path) -> None:
    held = {person_id for (person_id,) in rows(database, "SELECT id FROM still_held")}
    assert held == set(frames.people.loc[frames.people["still_held"], "id"]) and held
    by_month = rows(database, "SELECT SUM(people_freed) FROM releases_by_month")[0][0]
    assert by_month == int(frames.releases["released"].sum())
    outcome = dict(rows(database, "SELECT id, outcome FROM person_timelines"))
    died = set(frames.people.loc[frames.people["died"], "id"])
    assert all(outcome[p] == "died in custody" for p in died) and set(outcome) >= held
    assert set(VIEWS) <= {name for (name,) in rows(database, "SELECT name FROM sqlite_master WHERE type = 'view'")}


def test_parquet_files_read_back_with_their_types(frames: Frames) -> None:
    tables = data_tables(frames)
    files = parquet_files(tables)
    assert sorted(files) == sorted(f"parquet/{t.name}.parquet" for t in TABLES)
    for table in TABLES:
        content = files[f"parquet/{table.name}.parquet"]
        schema = pq.read_schema(io.BytesIO(content))
        kinds = {c.name: c.type for c in table.columns}
        for field in schema:
            names = {
                "date": "date32[day]",
                "integer": "int64",
                "number": "double",
                "boolean": "bool",
                "string": "string",
            }
            expected = names[kinds[field.name]]
            assert str(field.type) == expected, (table.name, field.name)
        back = pd.read_parquet(io.BytesIO(content))
        assert list(back.columns) == table.column_names and len(back) == len(tables[table.name])
        for column in table.columns:  # as pandas types each kind: text, nullable integers, flags, dates
            dtype, kind = back[column.name].dtype, column.type
            values = back[column.name].dropna()
            if kind == "string":
                assert pd.api.types.is_string_dtype(dtype) and dtype != np.dtype(object), (table.name, column.name)
            elif kind == "integer":
                assert str(dtype) == "Int64", (table.name, column.name)
            elif kind == "boolean":
                assert pd.api.types.is_bool_dtype(dtype), (table.name, column.name)
            elif kind == "number":
                assert str(dtype) == "float64", (table.name, column.name)
            else:
                assert all(type(v) is dt.date for v in values), (table.name, column.name)
    events = pd.read_parquet(io.BytesIO(files["parquet/events.parquet"]))
    assert str(events["released"].dtype) == "Int64" and events["released"].isna().any()


def test_the_export_command_writes_the_database_beside_the_other_files(frames: Frames, tmp_path: Path) -> None:
    written = write_export(tmp_path, frames, "https://example.org/data", language="en")
    names = {path.relative_to(tmp_path).as_posix() for path in written}
    assert {DATABASE_NAME, METADATA_NAME, "parquet/events.parquet", "datapackage.json"} <= names
    metadata = json.loads((tmp_path / METADATA_NAME).read_text(encoding="utf-8"))
    events = metadata["databases"]["events"]["tables"]["events"]
    assert metadata["title"] == frames.meta.title and "version" in metadata["description"]
    assert events["fts_table"] == "events_fts" and events["columns"]["date_precision"].startswith("How precise")
    assert not list(tmp_path.glob(".*.tmp")), "no half-written file is left behind"


def test_datasette_serves_the_database_read_only_with_its_metadata(frames: Frames, database: Path) -> None:
    from datasette.app import Datasette

    metadata = datasette_metadata(frames, "v1", "Test timeline.")
    server = Datasette(immutables=[str(database)], metadata=metadata, cors=True)

    async def ask() -> tuple:
        held = await server.client.get("/events/still_held.json?_shape=array")
        search = await server.client.get("/events/people.json?_search=Ціханоўскі&_shape=array")
        query = await server.client.get(
            "/events.json?sql=select+count(*)+as+n+from+events+where+date_start+>=+'2025-01-01'&_shape=array"
        )
        write = await server.client.post("/events/-/create", json={"table": "x", "rows": [{"a": 1}]})
        home = await server.client.get("/events/events")
        return held, search, query, write, home

    # On a thread of its own: the browser tests' Playwright keeps an event loop running on this one.
    with ThreadPoolExecutor(1) as worker:
        held, search, query, write, home = worker.submit(asyncio.run, ask()).result()
    assert held.status_code == 200 and {row["id"] for row in held.json()} == set(
        frames.people.loc[frames.people["still_held"], "id"]
    )
    assert held.headers["access-control-allow-origin"] == "*"
    assert [row["id"] for row in search.json()] == ["siarhei-tsikhanouski"]
    assert query.json()[0]["n"] == int((frames.events["start"] >= "2025-01-01").sum())
    assert write.status_code in (403, 404, 405), "no writes"
    assert "How precise the date is" in home.text


@pytest.mark.slow
def test_the_deploy_recipe_serves_the_json_api_read_only(tmp_path: Path) -> None:
    """deploy/datasette/serve.sh, run as an operator runs it: it exports the data and serves it on a local port."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from .samples import ROOT

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PORT": str(port), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    server = subprocess.Popen(
        ["sh", str(ROOT / "deploy" / "datasette" / "serve.sh"), str(tmp_path / "out"), str(TIMELINE)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        url, deadline, answer = f"http://127.0.0.1:{port}", time.monotonic() + 60, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                answer = httpx.get(f"{url}/events/releases_by_month.json?_shape=array", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert answer is not None and answer.status_code == 200, server.stdout.read() if server.poll() else "no answer"
        assert answer.headers["access-control-allow-origin"] == "*" and answer.json()[0]["month"].startswith("20")
        count = f"{url}/events.json?sql=select+count(*)+as+n+from+events&_shape=array"
        before = httpx.get(count, timeout=5).json()[0]["n"]
        written = httpx.post(f"{url}/events.json", data={"sql": "delete from events"}, timeout=5)
        assert written.status_code >= 400 and httpx.get(count, timeout=5).json()[0]["n"] == before == 19
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_full_text_search_finds_events_by_a_persons_name_in_any_script(database: Path) -> None:
    search = "SELECT id FROM events WHERE rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"
    latin, cyrillic = (set(rows(database, search, name)) for name in ("Kalesnikava", "Калеснікава"))
    assert latin == cyrillic and len(latin) >= 2


@pytest.mark.parametrize("page", ["README.md", "docs/research.md"])
def test_the_example_queries_shown_to_researchers_answer(page: str, database: Path) -> None:
    import re

    from .samples import ROOT

    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / page).read_text(encoding="utf-8"), re.DOTALL)
    queries = [line for block in blocks for line in block.splitlines() if line and not line.startswith("--")]
    assert len(queries) == 2
    for query in queries:
        assert rows(database, query), query
