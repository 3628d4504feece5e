"""The data as plain tables for downloads: one row per entry, ids that join, dates as written and as ISO days.

Each table is described once here (its fields, types, keys and descriptions, taken from the model where a field
is the model's); the CSV files, the data package's Table Schemas and the workbook's sheets all come from these.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ...data.fields import FieldSpec, as_date, model_fields, written
from ...data.model import TRANSLATED_SUFFIX, Category, Event, HeldAt, Person, Place, PrisonerCount, Source
from ...i18n import TRANSLATED_LANGUAGES
from ..shape.filters import Shown
from ..shape.frames import KIND_JOINER, UNSPECIFIED_DESTINATION, Frames, frame_records

LIST_SEPARATOR = "; "  # lists in one cell (ids, aliases, tags); ids never contain it
# OWASP's advice against formula injection: text a spreadsheet would read as a formula is neutralised on the way out.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# RFC 4180, as the CSV files are written (a Frictionless CSV dialect).
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


@dataclass(frozen=True)
class Column:
    """One field of a table, as a Frictionless Table Schema field."""

    name: str
    type: str  # string, integer, number, boolean, date
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


def _list_of(what: str) -> str:
    return f"{what}, separated by '{LIST_SEPARATOR}'."


START = "The first day the date covers (a month or a year starts on its first day)."
END = "The last day the date covers."
PRECISION = "How precise the date is: day, month or year (a month's or a year's first and last days are its span)."


def _translation(name: str, code: str) -> str:
    """A translation's column: 'title_i18n' in Belarusian is 'title_be'."""
    return f"{name.removesuffix(TRANSLATED_SUFFIX)}_{code}"


def _always(model: type[BaseModel], spec: FieldSpec) -> bool:
    # A value every row has: a required field, or one whose default is a value (status 'confirmed', false).
    default = model.model_fields[spec.name].default
    return spec.required or (
        spec.kind in ("choice", "flag", "count", "text") and default not in (None, PydanticUndefined)
    )


def model_columns(model: type[BaseModel]) -> tuple[Column, ...]:
    """A model's fields as table columns, each kind the same way: a date as written with its first and last day, a
    translation per language, a list or a mapping in one cell; a field added to the model becomes a column."""
    columns: list[Column] = []
    for spec in model_fields(model):
        name, about, required = spec.name, spec.description, _always(model, spec)
        if spec.kind == "date":
            columns += [
                Column(name, "string", f"{about} As written in the data: YYYY, YYYY-MM or YYYY-MM-DD.", required),
                Column(f"{name}_precision", "string", PRECISION, required),
                Column(f"{name}_start", "date", START, required),
                Column(f"{name}_end", "date", END, required),
            ]
        elif spec.kind == "translations":
            columns += [
                Column(_translation(name, code), "string", f"{about} ({code})") for code in TRANSLATED_LANGUAGES
            ]
        elif spec.kind == "list":
            columns.append(Column(name, "string", _list_of(about)))
        elif spec.kind == "mapping":
            columns.append(Column(name, "string", f"{about} As 'key: value' pairs, separated by '{LIST_SEPARATOR}'."))
        elif spec.kind == "models":
            columns.append(Column(name, "string", f"{about} As JSON (one row each in a link table too)."))
        else:
            kind = {"count": "integer", "flag": "boolean", "number": "number"}.get(spec.kind, "string")
            columns.append(Column(name, kind, about, required, "uri" if spec.kind == "url" else None))
    return tuple(columns)


def model_cells(model: type[BaseModel], value: Callable[[str], Any]) -> dict[str, Any]:
    """One entry's cells for `model_columns`, reading each field through `value` (a model object's attribute or a
    frame row's column, which hold the same field under the same name)."""
    cells: dict[str, Any] = {}
    for spec in model_fields(model):
        name, raw = spec.name, value(spec.name)
        if spec.kind == "date":
            date = as_date(None if _empty(raw) else raw)
            cells |= {
                name: date and str(date),
                f"{name}_precision": date and date.precision,
                f"{name}_start": date and date.start,
                f"{name}_end": date and date.end,
            }
        elif spec.kind == "translations":
            cells |= {_translation(name, code): (raw or {}).get(code) for code in TRANSLATED_LANGUAGES}
        elif spec.kind == "list":
            cells[name] = _joined(raw or ())
        elif spec.kind == "mapping":
            cells[name] = _joined(f"{key}: {number}" for key, number in (raw or {}).items())
        elif spec.kind == "models":
            cells[name] = json.dumps([written(v) for v in raw], ensure_ascii=False) if raw else None
        elif spec.kind == "count":
            cells[name] = None if _empty(raw) else int(raw)
        elif spec.kind == "number":
            cells[name] = None if _empty(raw) else float(raw)
        else:
            cells[name] = None if _empty(raw) else raw
    return cells


def _empty(value: Any) -> bool:
    return value is None or (not isinstance(value, (str, tuple, list, dict)) and bool(pd.isna(value)))


def _event_links(table: str, entry: str, title: str) -> Table:
    """A link table: one row per event and `entry` (person, place) it names, both keys checked."""
    key = f"{entry}_id"
    return Table(
        f"event_{table}", title, f"One row per event and {entry} it names.",
        (Column("event_id", "string", "An event id.", required=True),
         Column(key, "string", f"A {entry} id.", required=True)),
        primary_key=("event_id", key),
        foreign_keys=(("event_id", "events", "id"), (key, table, "id")),
    )  # fmt: skip


TABLES: tuple[Table, ...] = (
    Table("categories", "Categories", "The timeline's lanes.", model_columns(Category), primary_key=("id",)),
    Table(
        "sources", "Sources", "Every publication cited.",
        (
            Column("id", "string", "Source id, used by events, people and counts.", required=True),
            *model_columns(Source),
            Column("archive", "string", "Where to read the page if it is blocked or gone: `archived`, else the Wayback "
                   "Machine's lookup of the URL at the publication date.", required=True, format="uri"),
        ),
        primary_key=("id",),
    ),
    Table(
        "people", "People", "People the events name, with their detention where there was one.",
        model_columns(Person), primary_key=("id",),
    ),
    Table(
        "places", "Places", "Prisons, colonies, courts, cities and border crossings of the story, with coordinates.",
        model_columns(Place), primary_key=("id",),
    ),
    Table(
        "person_places", "Where each person was held", "One row per person and place they were held in.",
        (
            Column("person_id", "string", "A person id.", required=True),
            Column("place_id", "string", "A place id.", required=True),
            *model_columns(HeldAt)[1:],
        ),
        foreign_keys=(("person_id", "people", "id"), ("place_id", "places", "id")),
    ),
    Table(
        "events", "Events", "The timeline, one event per row, in date order.",
        (
            *model_columns(Event),
            Column("category_label", "string", _about(Category, "label")),
            Column("people_names", "string", _list_of("Names of the people")),
            Column("milestone", "boolean", "true for key events (the `milestone` tag).", required=True),
        ),
        primary_key=("id",),
        foreign_keys=(("category", "categories", "id"),),
    ),
    _event_links("people", "person", "People named by each event"),
    _event_links("places", "place", "Places of each event"),
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
            Column("date", "string", "The day the people were freed (the event's `freed_on`, else its date), as "
                   "written in the data.", required=True),
            Column("date_start", "date", START, required=True),
            Column("destination", "string",
                   f"Where they went; '{UNSPECIFIED_DESTINATION}' for the part no source places.", required=True),
            Column("kind", "string", _list_of(f"How they were freed ({_about(Event, 'release_kind')})"),
                   required=True),
            Column("released", "integer", "People freed to this destination.", required=True),
        ),
        primary_key=("event_id", "destination"),
        foreign_keys=(("event_id", "events", "id"),),
    ),
    Table(
        "prisoner_counts", "Political prisoners (Viasna)", "Political prisoners held on each date, as Viasna counted.",
        model_columns(PrisonerCount), foreign_keys=(("source", "sources", "id"),),
    ),
)  # fmt: skip
TABLE_BY_NAME = {table.name: table for table in TABLES}


def _joined(values: Iterable[str]) -> str | None:
    text = LIST_SEPARATOR.join(values)
    return text or None


def _day(value: Any) -> Any:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=TABLE_BY_NAME[table].column_names)
    for column in TABLE_BY_NAME[table].columns:
        if column.type == "integer":
            frame[column.name] = frame[column.name].astype("Int64")
    return frame


def _event_rows(events: pd.DataFrame, names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            **model_cells(Event, row.__getitem__),
            "category_label": row["category_label"],
            "people_names": _joined(names.get(p, p) for p in row["people"]),
            "milestone": bool(row["milestone"]),
        }
        for row in frame_records(events)
    ]


def _count_row(count: dict[str, Any]) -> dict[str, Any]:
    # The counts frame keeps the date as written under `date_text` (its `date` is the day drawn).
    return model_cells(PrisonerCount, lambda name: count["date_text" if name == "date" else name])


def _link_rows(events: pd.DataFrame, column: str, key: str) -> list[dict[str, str]]:
    """Each event's ids in `column`, once each, as rows of its link table."""
    return [{"event_id": event, key: value} for event, ids in zip(events["id"], events[column], strict=True)
            for value in dict.fromkeys(ids)]  # fmt: skip


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
    held = {h.place for p in people for h in p.held_at} | {p for ids in events["places"] for p in ids}
    places = [p for p in data.places if shown is None or p.id in held]
    used |= {s for p in places for s in p.sources}
    sources = {k: v for k, v in data.sources.items() if shown is None or k in used}
    names = {p.id: p.name for p in data.people}
    # A release's date: the day the people were freed (`freed_on`, else the event's date).
    written = {
        i: f if isinstance(f, str) else d
        for i, f, d in zip(events["id"], events["freed_on"], events["date"], strict=True)
    }
    releases = frames.releases[frames.releases["id"].isin(written)]
    return {
        "categories": _frame("categories", [model_cells(Category, c.__getattribute__) for c in data.categories]),
        "sources": _frame("sources", [
            {"id": k, **model_cells(Source, s.__getattribute__), "archive": s.archive} for k, s in sources.items()
        ]),
        "people": _frame("people", [model_cells(Person, p.__getattribute__) for p in people]),
        "places": _frame("places", [model_cells(Place, p.__getattribute__) for p in places]),
        "person_places": _frame("person_places", [
            {"person_id": p.id, "place_id": held.place, **model_cells(HeldAt, held.__getattribute__)}
            for p in people for held in p.held_at
        ]),
        "event_places": _frame("event_places", _link_rows(events, "places", "place_id")),
        "events": _frame("events", _event_rows(events, names)),
        "event_people": _frame("event_people", _link_rows(events, "people", "person_id")),
        "event_sources": _frame("event_sources", event_sources),
        "releases": _frame("releases", [
            {"event_id": r["id"], "date": written[r["id"]], "date_start": _day(r["start"]),
             "destination": r["destination"], "kind": r["kind"].replace(KIND_JOINER, LIST_SEPARATOR),
             "released": int(r["released"])}
            for r in frame_records(releases)
        ]),
        "prisoner_counts": _frame("prisoner_counts", [_count_row(c) for c in frame_records(counts)]),
    }  # fmt: skip
