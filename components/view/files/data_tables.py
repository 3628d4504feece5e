"""The data as plain tables for downloads: one row per entry, ids that join, dates as written and as ISO days.

Each table is described once here (its fields, types, keys and descriptions, taken from the model where a field
is the model's); the CSV files, the data package's Table Schemas and the workbook's sheets all come from these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import BaseModel

from ...data.fuzzy_dates import FuzzyDate, parse_fuzzy_date
from ...data.model import Category, Event, Person, PrisonerCount, Source
from ..shape.filters import Shown
from ..shape.frames import UNSPECIFIED_DESTINATION, Frames, frame_records
from ..words.text import optional_text

LIST_SEPARATOR = "; "  # lists in one cell (ids, aliases, tags); ids never contain it
# OWASP's advice against formula injection: text a spreadsheet would read as a formula is neutralised on the way out.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# RFC 4180, as the CSV files are written (a Frictionless CSV dialect).
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


@dataclass(frozen=True)
class Column:
    """One field of a table, as a Frictionless Table Schema field."""

    name: str
    type: str  # string, integer, boolean, date
    description: str
    required: bool = False
    format: str | None = None  # "uri" for links


@dataclass(frozen=True)
class Table:
    """One table: its file name, fields, primary key and foreign keys (field, table, field)."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def path(self) -> str:
        """Where the table's CSV is inside a data package."""
        return f"data/{self.name}.csv"


def _about(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].description or name


def _as_written(model: type[BaseModel], name: str) -> str:
    return f"{_about(model, name)} As written in the data: YYYY, YYYY-MM or YYYY-MM-DD."


def _list_of(what: str) -> str:
    return f"{what}, separated by '{LIST_SEPARATOR}'."


START = "The first day the date covers (a month or a year starts on its first day)."
END = "The last day the date covers (through `end` for an event that lasts)."

TABLES: tuple[Table, ...] = (
    Table(
        "categories", "Categories", "The timeline's lanes.",
        (
            Column("id", "string", _about(Category, "id"), required=True),
            Column("label", "string", _about(Category, "label"), required=True),
            Column("description", "string", _about(Category, "description")),
        ),
        primary_key=("id",),
    ),
    Table(
        "sources", "Sources", "Every publication cited.",
        (
            Column("id", "string", "Source id, used by events, people and counts.", required=True),
            Column("publisher", "string", _about(Source, "publisher"), required=True),
            Column("title", "string", _about(Source, "title"), required=True),
            Column("url", "string", _about(Source, "url"), required=True, format="uri"),
            Column("published", "string", _as_written(Source, "published"), required=True),
            Column("published_start", "date", START, required=True),
            Column("archived", "string", _about(Source, "archived"), format="uri"),
            Column("archive", "string", "Where to read the page if it is blocked or gone: `archived`, else the Wayback "
                   "Machine's lookup of the URL at the publication date.", required=True, format="uri"),
            Column("via", "string", _about(Source, "via")),
            Column("note", "string", _about(Source, "note")),
        ),
        primary_key=("id",),
    ),
    Table(
        "people", "People", "People the events name, with their detention where there was one.",
        (
            Column("id", "string", _about(Person, "id"), required=True),
            Column("name", "string", _about(Person, "name"), required=True),
            Column("aliases", "string", _list_of(_about(Person, "aliases"))),
            Column("role", "string", _about(Person, "role"), required=True),
            Column("detained", "string", _as_written(Person, "detained")),
            Column("detained_start", "date", START),
            Column("released", "string", _as_written(Person, "released")),
            Column("released_end", "date", "The last day the release date covers."),
            Column("died_in_custody", "string", _as_written(Person, "died_in_custody")),
            Column("died_in_custody_end", "date", "The last day the date of death covers."),
            Column("sentence", "string", _about(Person, "sentence")),
            Column("charges", "string", _about(Person, "charges")),
            Column("note", "string", _about(Person, "note")),
            Column("sources", "string", _list_of("Source ids for the detention, release and sentence")),
        ),
        primary_key=("id",),
    ),
    Table(
        "events", "Events", "The timeline, one event per row, in date order.",
        (
            Column("id", "string", _about(Event, "id"), required=True),
            Column("date", "string", _as_written(Event, "date"), required=True),
            Column("end", "string", _as_written(Event, "end")),
            Column("date_start", "date", START, required=True),
            Column("date_end", "date", END, required=True),
            Column("title", "string", _about(Event, "title"), required=True),
            Column("category", "string", _about(Event, "category"), required=True),
            Column("category_label", "string", _about(Category, "label")),
            Column("status", "string", _about(Event, "status"), required=True),
            Column("summary", "string", _about(Event, "summary"), required=True),
            Column("people", "string", _list_of("Person ids (see event_people)")),
            Column("people_names", "string", _list_of("Names of the people")),
            Column("released", "integer", _about(Event, "released")),
            Column("release_kind", "string", _list_of(_about(Event, "release_kind"))),
            Column("also", "string", _list_of(_about(Event, "also"))),
            Column("sources", "string", _list_of("Source ids (see event_sources)")),
            Column("tags", "string", _list_of(_about(Event, "tags"))),
            Column("milestone", "boolean", "true for key events (the `milestone` tag).", required=True),
            Column("note", "string", _about(Event, "note")),
        ),
        primary_key=("id",),
        foreign_keys=(("category", "categories", "id"),),
    ),
    Table(
        "event_people", "People named by each event", "One row per event and person it names.",
        (
            Column("event_id", "string", "An event id.", required=True),
            Column("person_id", "string", "A person id.", required=True),
        ),
        primary_key=("event_id", "person_id"),
        foreign_keys=(("event_id", "events", "id"), ("person_id", "people", "id")),
    ),
    Table(
        "event_sources", "Sources of each event", "One row per event and source it cites.",
        (
            Column("event_id", "string", "An event id.", required=True),
            Column("source_id", "string", "A source id.", required=True),
            Column("role", "string", "cited: backs the event; note: backs another value its note mentions.",
                   required=True),
        ),
        primary_key=("event_id", "source_id", "role"),
        foreign_keys=(("event_id", "events", "id"), ("source_id", "sources", "id")),
    ),
    Table(
        "releases", "Releases", "People freed, one row per release event and destination.",
        (
            Column("event_id", "string", "The release event's id.", required=True),
            Column("date", "string", _as_written(Event, "date"), required=True),
            Column("date_start", "date", START, required=True),
            Column("destination", "string",
                   f"Where they went; '{UNSPECIFIED_DESTINATION}' for the part no source places.", required=True),
            Column("kind", "string", f"How they were freed ({_about(Event, 'release_kind')}); kinds that applied "
                   "together are joined with ' + '.", required=True),
            Column("released", "integer", "People freed to this destination.", required=True),
        ),
        primary_key=("event_id", "destination"),
        foreign_keys=(("event_id", "events", "id"),),
    ),
    Table(
        "prisoner_counts", "Political prisoners (Viasna)", "Political prisoners held on each date, as Viasna counted.",
        (
            Column("date", "string", _as_written(PrisonerCount, "date"), required=True),
            Column("date_start", "date", START, required=True),
            Column("date_end", "date", "The last day the date covers.", required=True),
            Column("count", "integer", _about(PrisonerCount, "count"), required=True),
            Column("approximate", "boolean", _about(PrisonerCount, "approximate"), required=True),
            Column("source", "string", _about(PrisonerCount, "source"), required=True),
            Column("before", "string", _about(PrisonerCount, "before")),
            Column("note", "string", _about(PrisonerCount, "note")),
        ),
        foreign_keys=(("source", "sources", "id"),),
    ),
)  # fmt: skip
TABLE_BY_NAME = {table.name: table for table in TABLES}


def _joined(values: Iterable[str]) -> str | None:
    text = LIST_SEPARATOR.join(values)
    return text or None


def _day(value: Any) -> Any:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _dates(date: FuzzyDate | None) -> tuple[str | None, Any, Any]:
    return (None, None, None) if date is None else (str(date), date.start, date.end)


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=TABLE_BY_NAME[table].column_names)
    for column in TABLE_BY_NAME[table].columns:
        if column.type == "integer":
            frame[column.name] = frame[column.name].astype("Int64")
    return frame


def _event_rows(events: pd.DataFrame, names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "id": row["id"],
            "date": row["date"],
            "end": row["end_text"],
            "date_start": _day(row["start"]),
            "date_end": _day(row["end"]),
            "title": row["title"],
            "category": row["category"],
            "category_label": row["category_label"],
            "status": row["status"],
            "summary": row["summary"],
            "people": _joined(row["people"]),
            "people_names": _joined(names.get(p, p) for p in row["people"]),
            "released": None if pd.isna(row["released"]) else int(row["released"]),
            "release_kind": _joined(row["release_kind"]),
            "also": _joined(row["also"]),
            "sources": _joined(row["sources"]),
            "tags": _joined(row["tags"]),
            "milestone": bool(row["milestone"]),
            "note": optional_text(row["note"]),
        }
        for row in frame_records(events)
    ]


def _person_row(person: Person) -> dict[str, Any]:
    detained, detained_start, _ = _dates(person.detained)
    released, _, released_end = _dates(person.released)
    died, _, died_end = _dates(person.died_in_custody)
    return {
        "id": person.id,
        "name": person.name,
        "aliases": _joined(person.aliases),
        "role": person.role,
        "detained": detained,
        "detained_start": detained_start,
        "released": released,
        "released_end": released_end,
        "died_in_custody": died,
        "died_in_custody_end": died_end,
        "sentence": person.sentence,
        "charges": person.charges,
        "note": person.note,
        "sources": _joined(person.sources),
    }


def _count_row(count: dict[Any, Any]) -> dict[str, Any]:
    date = parse_fuzzy_date(count["date_text"])
    return {
        "date": count["date_text"],
        "date_start": date.start,
        "date_end": date.end,
        "count": int(count["count"]),
        "approximate": bool(count["approximate"]),
        "source": count["source"],
        "before": optional_text(count["before"]),
        "note": optional_text(count["note"]),
    }


def _event_sources(events: pd.DataFrame) -> list[dict[str, str]]:
    rows = []
    for event_id, cited, noted in zip(events["id"], events["sources"], events["other_sources"], strict=True):
        rows += [{"event_id": event_id, "source_id": s, "role": "cited"} for s in cited]
        rows += [{"event_id": event_id, "source_id": s, "role": "note"} for s in noted if s not in cited]
    return rows


def data_tables(frames: Frames, shown: Shown | None = None) -> dict[str, pd.DataFrame]:
    """Every table, for the whole file or for what the filters show; every id a row refers to is included."""
    data = frames.meta
    events = frames.events if shown is None else shown.events
    counts = frames.counts if shown is None else shown.counts
    named = {p for people in events["people"] for p in people} | (set() if shown is None else set(shown.people["id"]))
    people = [p for p in data.people if shown is None or p.id in named]
    event_sources = _event_sources(events)
    used = {row["source_id"] for row in event_sources} | {s for p in people for s in p.sources} | set(counts["source"])
    sources = {k: v for k, v in data.sources.items() if shown is None or k in used}
    names = {p.id: p.name for p in data.people}
    written = dict(zip(events["id"], events["date"], strict=True))
    releases = frames.releases[frames.releases["id"].isin(written)]
    return {
        "categories": _frame("categories", [
            {"id": c.id, "label": c.label, "description": c.description} for c in data.categories
        ]),
        "sources": _frame("sources", [
            {"id": k, "publisher": s.publisher, "title": s.title, "url": s.url, "published": str(s.published),
             "published_start": s.published.start, "archived": s.archived, "archive": s.archive, "via": s.via,
             "note": s.note}
            for k, s in sources.items()
        ]),
        "people": _frame("people", [_person_row(p) for p in people]),
        "events": _frame("events", _event_rows(events, names)),
        "event_people": _frame("event_people", [
            {"event_id": e, "person_id": p} for e, ids in zip(events["id"], events["people"], strict=True)
            for p in dict.fromkeys(ids)
        ]),
        "event_sources": _frame("event_sources", event_sources),
        "releases": _frame("releases", [
            {"event_id": r["id"], "date": written[r["id"]], "date_start": _day(r["start"]),
             "destination": r["destination"], "kind": r["kind"], "released": int(r["released"])}
            for r in frame_records(releases)
        ]),
        "prisoner_counts": _frame("prisoner_counts", [_count_row(c) for c in frame_records(counts)]),
    }  # fmt: skip
