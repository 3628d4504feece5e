"""A new entry typed into the form: built into plain entries and judged by the same model as `check`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from anyascii import anyascii
from pydantic import BaseModel, ValidationError

from ..data.checks import cross_check
from ..data.model import Dataset, DatasetInfo, Event, Person, Source
from ..i18n import LANGUAGE_NAMES, N_, TRANSLATED_LANGUAGES, _
from .yaml_writer import entry_yaml, source_yaml

Entry = dict[str, Any]
FormValues = dict[str, Any]
_NON_SLUG = re.compile(r"[^a-z0-9]+")
REQUIRED = N_("required")  # a field left empty; the form shows it only once the reader tries to save


@dataclass(frozen=True)
class Draft:
    """An event and, optionally, a new person and a new source it refers to."""

    event: Entry
    person: Entry | None = None
    source_id: str | None = None
    source: Entry | None = None


@dataclass(frozen=True)
class DraftCheck:
    """Problems by form field ('event.title', 'person.name', 'source.url', ...); empty when it can be saved."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    dataset: Dataset | None = None  # the data with the draft added, when the draft is valid

    @property
    def ok(self) -> bool:
        return not self.problems


def slugify(text: str, fallback: str = "entry") -> str:
    """'Coale meets Lukashenko!' -> 'coale-meets-lukashenko'."""
    return _NON_SLUG.sub("-", anyascii(text).lower()).strip("-")[:60].strip("-") or fallback


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... when taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def compose_date(precision: str, year: int | None, month: int | None, day: int | None) -> str:
    """The date text at the chosen precision ('' when the year is missing)."""
    if year is None:
        return ""
    text = f"{year:04d}"
    if precision in ("month", "day") and month:
        text += f"-{month:02d}"
        if precision == "day" and day:
            text += f"-{day:02d}"
    return text


def parse_list(text: str) -> list[str]:
    """Comma- or line-separated values, trimmed, empty ones dropped."""
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def parse_destinations(text: str) -> tuple[dict[str, str], list[str]]:
    """'Lithuania: 9' lines to a mapping (numbers stay text for the model to judge)."""
    destinations: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, count = line.rpartition(":")
        if not colon or not name.strip():
            problems.append(_("line {line}: write 'Destination: number', e.g. 'Lithuania: 9'").format(line=number))
            continue
        destinations[name.strip()] = count.strip()
    return destinations, problems


def _model_problems(model: type[BaseModel], entry: Mapping[str, Any], prefix: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    try:
        model.model_validate(entry)
    except ValidationError as error:
        for item in error.errors():
            loc = [str(part) for part in item["loc"] if part != "[key]"]
            name = loc[0] if loc else ""
            if item["type"] == "missing":
                message = _(REQUIRED)
            elif item["type"] == "too_short":
                message = _("choose at least one")
            else:
                message = item["msg"]  # the model's own words (components/data/model.py)
            problems.setdefault(f"{prefix}.{name}", []).append(message)
    return problems


def check_draft(data: DatasetInfo, draft: Draft, event_ids: Collection[str] = ()) -> DraftCheck:
    """Judge the draft with the model and the cross-checks `check` uses, as if it were in the file: against what is
    loaded already (the file but its events, and the events' ids), without reading the file again."""
    problems = _model_problems(Event, draft.event, "event")
    if draft.person is not None:
        problems.update(_model_problems(Person, draft.person, "person"))
    if draft.source is not None:
        problems.update(_model_problems(Source, draft.source, "source"))
        if not draft.source_id:
            problems.setdefault("source.title", []).append(_(REQUIRED))
        elif draft.source_id in data.sources:
            exists = _("a source with id '{id}' exists; pick it").format(id=draft.source_id)
            problems.setdefault("source.title", []).append(exists)
    if problems:
        return DraftCheck(problems)
    if draft.event.get("id") in set(event_ids):
        used = _("id '{id}' is used twice (first by {first}); ids must be unique")
        problems.setdefault("event.id", []).append(used.format(id=draft.event["id"], first="events"))
    people = [*data.people, Person.model_validate(draft.person)] if draft.person else list(data.people)
    sources = dict(data.sources)
    if draft.source is not None and draft.source_id:
        sources[draft.source_id] = Source.model_validate(draft.source)
    # The new event alone beside the loaded people and sources: the cross-checks of one event need no other event.
    fields = {name: getattr(data, name) for name in DatasetInfo.model_fields}
    candidate = Dataset.model_construct(
        **{**fields, "people": people, "sources": sources}, events=[Event.model_validate(draft.event)]
    )
    index = 0
    for finding in cross_check(candidate):
        if finding.severity != "error":
            continue
        path = finding.path
        if path[:2] == ("events", index):
            problems.setdefault(f"event.{path[2] if len(path) > 2 else 'id'}", []).append(finding.message)
        elif path[:2] == ("people", len(data.people)) and draft.person:
            problems.setdefault(f"person.{path[2] if len(path) > 2 else 'name'}", []).append(finding.message)
    return DraftCheck(problems, None if problems else candidate)


def event_prefill(row: Mapping[str, Any]) -> Entry:
    """An existing event's values, from its row of the (English) events frame, as a starting point for a new one
    ('Duplicate as new')."""
    values = {
        name: list(value) if isinstance(value, tuple) else value  # the frame's tuples, the form's lists
        for name in PREFILLED
        if (value := row.get(name)) is not None and not _missing(value)
    }
    values["title"] = f"{row['title']} (copy)"
    if row.get("end_text"):
        values["end"] = row["end_text"]
    return values


# What 'Duplicate as new' carries over: the form's fields an event row holds as the data wrote them (the frame's
# chart label is made from the title when the data gives none, so a copy, retitled, makes its own).
PREFILLED = ("date", "category", "summary", "status", "note", "people", "sources", "released",
             "released_to", "tags", "release_kind", "also")  # fmt: skip


def _missing(value: object) -> bool:
    return value is pd.NA or (isinstance(value, float) and value != value)  # noqa: PLR0124 - NaN is not itself


PRECISIONS = ("day", "month", "year")


def blank_values(today: dt.date) -> FormValues:
    """An empty form, dated today (computed when the form opens, not when the server started)."""
    return {
        "precision": "day",
        "year": today.year,
        "month": today.month,
        "day": today.day,
        "end": "",
        "title": "",
        "short": "",
        "category": None,
        "summary": "",
        "people": [],
        "new_person": False,
        "person_name": "",
        "person_aliases": "",
        "person_role": "",
        "sources": [],
        "new_source": False,
        "source_title": "",
        "source_publisher": "",
        "source_url": "",
        "source_published": "",
        "status": "confirmed",
        "released": "",
        "released_to": "",
        "release_kind": [],
        "also": [],
        "tags": "",
        "note": "",
        # Optional translations: title_be, summary_ru, person_name_uk, ...
        **{f"{field}_{code}": "" for field in TRANSLATED_FIELDS for code in TRANSLATED_LANGUAGES},
    }


TRANSLATED_FIELDS = ("title", "summary", "person_name")  # the form's fields that take a translation per language


def translation_label(label: str, code: str) -> str:
    """A translation field's label: 'Title — Беларуская'."""
    return f"{label} — {LANGUAGE_NAMES[code]}"


def _translations(values: Mapping[str, Any], field: str) -> dict[str, str]:
    # Only the languages filled in; an empty mapping is left out of the entry altogether.
    found = {code: str(values.get(f"{field}_{code}", "")).strip() for code in TRANSLATED_LANGUAGES}
    return {code: text for code, text in found.items() if text}


def prefilled_values(prefill: Mapping[str, Any], today: dt.date) -> FormValues:
    """The form filled from an existing event's values ('Duplicate as new')."""
    values = blank_values(today)
    parts = [int(p) for p in str(prefill.get("date", "")).split("-") if p.isdigit()]
    values["precision"] = PRECISIONS[3 - len(parts)] if parts else "day"
    values.update(zip(("year", "month", "day"), parts, strict=False))
    for name in ("title", "short", "category", "summary", "status", "note"):
        if prefill.get(name) is not None:
            values[name] = prefill[name]
    values["end"] = str(prefill.get("end") or "")
    values["people"] = list(prefill.get("people", []))
    values["sources"] = list(prefill.get("sources", []))
    values["released"] = "" if prefill.get("released") is None else str(prefill["released"])
    values["released_to"] = "\n".join(f"{k}: {v}" for k, v in (prefill.get("released_to") or {}).items())
    values["tags"] = ", ".join(prefill.get("tags", []))
    values["release_kind"] = list(prefill.get("release_kind", []))
    values["also"] = list(prefill.get("also", []))
    return values


def _new_person(values: Mapping[str, Any], data: DatasetInfo) -> Entry | None:
    if not values.get("new_person"):
        return None
    name = str(values.get("person_name", "")).strip()
    return {
        "id": unique_id(slugify(name, "person"), {p.id for p in data.people}),
        "name": name,
        "aliases": parse_list(str(values.get("person_aliases", ""))),
        "role": str(values.get("person_role", "")).strip(),
        **({"name_i18n": names} if (names := _translations(values, "person_name")) else {}),
    }


def _new_source(values: Mapping[str, Any], data: DatasetInfo) -> tuple[str | None, Entry | None]:
    if not values.get("new_source"):
        return None, None
    published = str(values.get("source_published", "")).strip()
    source_id = unique_id(
        f"{slugify(str(values.get('source_publisher', '')), 'source')}-{published}", set(data.sources)
    )
    source = {
        "title": str(values.get("source_title", "")).strip(),
        "publisher": str(values.get("source_publisher", "")).strip(),
        "url": str(values.get("source_url", "")).strip(),
        "published": published,
    }
    return source_id, source


def draft_from_values(
    values: Mapping[str, Any], data: DatasetInfo, event_ids: set[str]
) -> tuple[Draft, dict[str, list[str]]]:
    """The draft that the form's plain values describe, and problems found in reading the form itself."""
    form_problems: dict[str, list[str]] = {}
    date = compose_date(str(values.get("precision", "day")), values.get("year"), values.get("month"), values.get("day"))
    title = str(values.get("title", "")).strip()
    person = _new_person(values, data)
    source_id, source = _new_source(values, data)
    released_to, destination_problems = parse_destinations(str(values.get("released_to", "")))
    if destination_problems:
        form_problems["event.released_to"] = destination_problems
    event: Entry = {
        "id": unique_id(f"{slugify(title, 'event')}-{date}", event_ids),
        "date": date,
        "end": str(values.get("end", "")).strip() or None,
        "title": title,
        "title_i18n": _translations(values, "title"),
        "short": str(values.get("short", "")).strip() or None,
        "category": values.get("category"),
        "summary": str(values.get("summary", "")).strip(),
        "summary_i18n": _translations(values, "summary"),
        "sources": [*values.get("sources", []), *([source_id] if source_id else [])],
        "people": [*values.get("people", []), *([person["id"]] if person else [])],
        "released": str(values.get("released", "")).strip() or None,
        "released_to": released_to,
        "release_kind": list(values.get("release_kind", [])),
        "status": values.get("status"),
        "also": list(values.get("also", [])),
        "tags": [slugify(t) for t in parse_list(str(values.get("tags", "")))],
        "note": str(values.get("note", "")).strip() or None,
    }
    event = {k: v for k, v in event.items() if v not in (None, [], {}, "")}
    return Draft(event, person, source_id, source), form_problems


def draft_yaml(draft: Draft) -> str:
    """The entries as YAML to paste into events.yaml by hand."""
    text = "events:\n" + entry_yaml(draft.event, 2)
    if draft.person:
        text += "\npeople:\n" + entry_yaml(draft.person, 2)
    if draft.source and draft.source_id:
        text += "\nsources:\n" + source_yaml(draft.source_id, draft.source, 2)
    return text
