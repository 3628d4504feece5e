"""A new entry typed into the form: built into plain entries and judged by the same model as `check`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .checks import cross_check
from .model import Dataset, Event, Person, Source

Entry = dict[str, Any]
_NON_SLUG = re.compile(r"[^a-z0-9]+")


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
    from anyascii import anyascii

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
            problems.append(f"line {number}: write 'Destination: number', e.g. 'Lithuania: 9'")
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
                message = "required"
            elif item["type"] == "too_short":
                message = "choose at least one"
            else:
                message = item["msg"]
            problems.setdefault(f"{prefix}.{name}", []).append(message)
    return problems


def check_draft(data: Dataset, draft: Draft) -> DraftCheck:
    """Judge the draft with the model and the cross-checks `check` uses, as if it were in the file."""
    problems = _model_problems(Event, draft.event, "event")
    if draft.person is not None:
        problems.update(_model_problems(Person, draft.person, "person"))
    if draft.source is not None:
        problems.update(_model_problems(Source, draft.source, "source"))
        if not draft.source_id:
            problems.setdefault("source.title", []).append("required")
        elif draft.source_id in data.sources:
            problems.setdefault("source.title", []).append(f"a source with id '{draft.source_id}' exists; pick it")
    if problems:
        return DraftCheck(problems)
    people = [*data.people, Person.model_validate(draft.person)] if draft.person else list(data.people)
    sources = dict(data.sources)
    if draft.source is not None and draft.source_id:
        sources[draft.source_id] = Source.model_validate(draft.source)
    candidate = data.model_copy(
        update={"events": [*data.events, Event.model_validate(draft.event)], "people": people, "sources": sources}
    )
    index = len(data.events)
    for finding in cross_check(candidate):
        if finding.severity != "error":
            continue
        path = finding.path
        if path[:2] == ("events", index):
            problems.setdefault(f"event.{path[2] if len(path) > 2 else 'id'}", []).append(finding.message)
        elif path[:2] == ("people", len(data.people)) and draft.person:
            problems.setdefault(f"person.{path[2] if len(path) > 2 else 'name'}", []).append(finding.message)
    return DraftCheck(problems, None if problems else candidate)


def event_prefill(data: Dataset, event_id: str) -> Entry:
    """An existing event's values as a starting point for a new one ('Duplicate as new')."""
    event = next(e for e in data.events if e.id == event_id)
    values = event.model_dump(exclude_none=True)
    values["date"] = str(event.date)
    if event.end is not None:
        values["end"] = str(event.end)
    values["title"] = f"{event.title} (copy)"
    values.pop("id")
    return values
