"""The data file's field tables for the documentation, made from the model: a field is described once, in
`model.py`, and docs/data.md carries what `python -m components schema --fields` prints (a test keeps them equal)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .fuzzy_dates import PATTERN as DATE_PATTERN
from .model import (
    TRANSLATED_SUFFIX,
    Category,
    Dataset,
    Event,
    HeldAt,
    Person,
    Place,
    PrisonerCount,
    Source,
    json_schema,
)

# Each part of the file: its heading in the documentation and its model.
SECTIONS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("Top level", Dataset),
    ("`sources.<id>`", Source),
    ("`categories[]`", Category),
    ("`people[]`", Person),
    ("`people[].held_at[]`", HeldAt),
    ("`places[]`", Place),
    ("`events[]`", Event),
    ("`prisoner_counts[]`", PrisonerCount),
)
HEADER = "| name | type | format | required | meaning |\n|---|---|---|---|---|"
PATTERNS = {  # a string's pattern, as a reader knows it: (type, format)
    DATE_PATTERN: ("date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": ("id", "a-z, 0-9, -"),
    "^https?://\\S+$": ("URL", "http(s)://…"),
    "^#[0-9a-fA-F]{6}$": ("colour", "#rrggbb"),
}


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without its 'or nothing' alternative."""
    parts = [part for part in schema.get("anyOf", [schema]) if part.get("type") != "null"]
    return parts[0] if len(parts) == 1 else schema


def _kind(schema: dict[str, Any]) -> tuple[str, str]:
    """What a value is ('date', 'list of id', …) and its format, from its JSON Schema."""
    schema = _plain(schema)
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1], ""
    if "enum" in schema:
        return "text: " + " \\| ".join(schema["enum"]), ""
    if schema.get("pattern") in PATTERNS:  # dates may be written as numbers too (2022)
        return PATTERNS[schema["pattern"]]
    kind = schema.get("type")
    if kind == "string":
        limit = schema.get("maxLength")
        return "text", f"at most {limit} characters" if limit else ""
    if kind == "integer":
        return ("integer ≥ 0" if schema.get("minimum") == 0 else "integer"), ""
    if kind == "number":
        return "number", f"{schema['minimum']} to {schema['maximum']}" if "minimum" in schema else ""
    if kind == "boolean":
        return "true/false", ""
    if kind == "array":
        item, _format = _kind(schema["items"])
        return f"list of {item.removeprefix('text: ') if 'enum' in schema['items'] else item}", ""
    return "mapping", ""


def _row(name: str, schema: dict[str, Any], required: bool) -> str:
    kind, form = _kind(schema)
    if name.endswith(TRANSLATED_SUFFIX):  # {be: ..., ru: ..., uk: ...}
        value, limit = _kind(schema["additionalProperties"])
        kind, form = f"mapping of language → {value}", f"each {limit}" if limit else ""
    meaning = " ".join(schema.get("description", "").split())
    return f"| `{name}` | {kind} | {form} | {'yes' if required else 'no'} | {meaning} |"


def field_tables() -> str:
    """Every section's table of fields, in Markdown: name, type, format, required, meaning."""
    schema = json_schema()
    blocks = []
    for heading, model in SECTIONS:
        properties = schema if model is Dataset else schema["$defs"][model.__name__]
        rows = [
            _row(name, properties["properties"][name], info.is_required()) for name, info in model.model_fields.items()
        ]
        blocks.append(f"### {heading}\n\n{HEADER}\n" + "\n".join(rows))
    return "\n\n".join(blocks) + "\n"
