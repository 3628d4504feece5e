"""What kind of value each field of the model holds, read from the model itself: the frames, the download tables,
their Table Schemas and the add-event form take a field's columns and widget from here, so a field declared in
`model.py` reaches all of them without being listed again."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from .fuzzy_dates import PATTERN as DATE_PATTERN
from .fuzzy_dates import FuzzyDate, parse_fuzzy_date
from .model import TRANSLATED_SUFFIX

Kind = Literal[
    "date",
    "text",
    "id",
    "url",
    "count",
    "number",
    "flag",
    "choice",
    "list",
    "models",
    "translations",
    "mapping",
    "model",
]
_PATTERNS: dict[str, Kind] = {
    DATE_PATTERN: "date",
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "id",
    "^https?://\\S+$": "url",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model: its name, kind, whether the file must give it, its description and fixed values."""

    name: str
    kind: Kind
    required: bool
    description: str
    choices: tuple[str, ...] = ()  # a `choice` field's values, or a `list` field's when its items are fixed


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    parts = [part for part in schema.get("anyOf", [schema]) if part.get("type") != "null"]
    return parts[0] if len(parts) == 1 else schema


def _kind(name: str, schema: dict[str, Any]) -> tuple[Kind, tuple[str, ...]]:
    schema = _plain(schema)
    if "$ref" in schema:
        return "model", ()
    if "enum" in schema:
        return "choice", tuple(schema["enum"])
    if schema.get("pattern") in _PATTERNS:
        return _PATTERNS[schema["pattern"]], ()
    kind = schema.get("type")
    if kind == "array":
        items = _plain(schema["items"])
        return ("models" if "$ref" in items else "list"), tuple(items.get("enum", ()))
    if kind == "object":
        return ("translations" if name.endswith(TRANSLATED_SUFFIX) else "mapping"), ()
    if kind == "integer":
        return "count", ()
    if kind == "number":
        return "number", ()
    return ("flag" if kind == "boolean" else "text"), ()


@functools.cache
def model_fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Every field of `model`, in declared order, with its kind."""
    properties = model.model_json_schema()["properties"]
    specs = []
    for name, info in model.model_fields.items():
        kind, choices = _kind(name, properties[name])
        specs.append(FieldSpec(name, kind, info.is_required(), " ".join((info.description or name).split()), choices))
    return tuple(specs)


def written(value: object) -> object:
    """A field's value as a frame holds it: a date as the file writes it, a list as a tuple, a mapping as a dict."""
    if isinstance(value, FuzzyDate):
        return str(value)
    if isinstance(value, BaseModel):  # an entry inside an entry (a person's held_at), as the file writes it
        return {k: str(v) if isinstance(v, FuzzyDate) else v for k, v in value if v is not None}
    if isinstance(value, list):
        return tuple(written(v) if isinstance(v, BaseModel) else v for v in value)
    if isinstance(value, dict):
        return dict(value)
    return value


def as_date(value: object) -> FuzzyDate | None:
    """A date field's value, whether the model's own or as a frame writes it."""
    if value is None or isinstance(value, FuzzyDate):
        return value
    return parse_fuzzy_date(str(value))
