"""Load events.yaml: read, validate, cross-check, and locate every problem in the file."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .checks import Finding, consistency_findings, cross_check
from .model import Category, Dataset, Event, Person, PrisonerCount, Source
from .problems import DataError, KeyPath, Problem, format_path
from .source_checks import citation_findings, source_findings
from .yaml_reader import ReadError, ReadResult, decode_bytes, read_yaml

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # about 250,000 events of the bundled file's size
MAX_BYTES_VARIABLE = "EVENTS_MAX_BYTES"

_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "events": Event,
    "people": Person,
    "categories": Category,
    "prisoner_counts": PrisonerCount,
    "sources": Source,
}


class SettingError(ValueError):
    """A setting from the environment is malformed."""


@dataclass(frozen=True)
class Loaded:
    """A valid dataset, the file it came from, and warnings worth showing."""

    data: Dataset
    file: str
    warnings: tuple[Problem, ...] = ()


def max_bytes() -> int:
    """The size limit: EVENTS_MAX_BYTES when set, else the default."""
    raw = os.environ.get(MAX_BYTES_VARIABLE)
    if raw is None or raw.strip() == "":
        return DEFAULT_MAX_BYTES
    if not raw.strip().isdigit() or int(raw) <= 0:
        raise SettingError(f"{MAX_BYTES_VARIABLE}={raw!r} is not a positive whole number of bytes")
    return int(raw)


def load_file(path: str | os.PathLike[str], *, limit: int | None = None) -> Loaded:
    """Read and validate a data file; raise DataError (located problems) or OSError (unreadable)."""
    file = os.fspath(path)
    limit = max_bytes() if limit is None else limit
    with open(file, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise DataError([_too_big(file, size, limit)])
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while we read
        raise DataError([_too_big(file, len(data), limit)])
    return load_bytes(data, file)


def load_bytes(data: bytes, file: str) -> Loaded:
    """Validate the bytes of a data file; `file` is the name used in messages."""
    try:
        text = decode_bytes(data, file)
    except ReadError as error:
        raise DataError(error.problems) from None
    return load_text(text, file)


def load_text(text: str, file: str) -> Loaded:
    """Validate the text of a data file; raise DataError listing every problem, located."""
    try:
        result = read_yaml(text, file)
    except ReadError as error:
        raise DataError(error.problems) from None
    tree = result.tree
    if not isinstance(tree, dict):
        kind = "a list" if isinstance(tree, list) else "plain text"
        raise DataError(
            [Problem(file, 1, 1, "", f"the file must be a mapping with keys like 'title:' and 'events:', not {kind}")]
        )
    try:
        data = Dataset.model_validate(tree)
    except ValidationError as error:
        located = _read_positions(text, file)
        problems = [_locate_validation(item, located, file) for item in error.errors()]
        raise DataError(problems + located.warnings) from None
    findings = cross_check(data) + consistency_findings(data) + source_findings(data.sources) + citation_findings(data)
    warnings = list(result.warnings)
    if findings:
        located = _read_positions(text, file)
        errors = [_locate(f, located, file) for f in findings if f.severity == "error"]
        if errors:
            raise DataError(errors + warnings)
        warnings += [_locate(f, located, file) for f in findings]
    return Loaded(data, file, tuple(sorted(warnings, key=lambda p: (p.line, p.column))))


def _too_big(file: str, size: int, limit: int) -> Problem:
    return Problem(
        file,
        1,
        1,
        "",
        f"the file is {size:,} bytes, over the limit of {limit:,}; split it or set {MAX_BYTES_VARIABLE} higher",
    )


def _read_positions(text: str, file: str) -> ReadResult:
    # Positions cost memory on every node, so they are recorded only when there is a problem to place.
    return read_yaml(text, file, positions=True)


def _position(located: ReadResult, path: KeyPath, *, at_key: bool = False) -> tuple[int, int]:
    if at_key and path in located.key_positions:
        return located.key_positions[path]
    while path:
        if path in located.positions:
            return located.positions[path]
        path = path[:-1]
    return (1, 1)


def _locate(finding: Finding, located: ReadResult, file: str) -> Problem:
    line, column = _position(located, finding.path, at_key=finding.at_key)
    if finding.severity == "warning":
        return Problem(file, line, column, format_path(finding.path), finding.message, "warning")
    return Problem(file, line, column, format_path(finding.path), finding.message)


def _model_at(path: KeyPath) -> type[BaseModel]:
    if len(path) == 2 and path[0] in _SECTION_MODELS:
        return _SECTION_MODELS[str(path[0])]
    return Dataset


def _locate_validation(error: Any, located: ReadResult, file: str) -> Problem:
    loc: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    on_key = "[key]" in error["loc"]
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        parent, name = loc[:-1], loc[-1]
        line, column = _position(located, parent)
        return Problem(file, line, column, format_path(parent), f"missing required field '{name}'")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        fields = list(_model_at(loc[:-1]).model_fields)
        close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(fields)}"
        line, column = _position(located, loc, at_key=True)
        return Problem(file, line, column, format_path(loc), f"unknown field '{name}'{hint}")
    line, column = _position(located, loc, at_key=on_key)
    if kind == "too_short":
        message = "list at least one entry"
    elif kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = "a list" if kind == "list_type" else "a mapping of fields"
        got = (
            "nothing (the value is empty)"
            if value is None
            else ("text" if isinstance(value, str) else type(value).__name__)
        )
        got = {"list": "a list", "dict": "a mapping"}.get(got, got)
        message = f"expected {expected}, got {got}"
    else:
        message = error["msg"]
    return Problem(file, line, column, format_path(loc), message)
