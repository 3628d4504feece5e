"""Write new entries into events.yaml text without changing a byte of what is already there."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

from ..data.fuzzy_dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date
from ..data.model import TEXT_FIELDS
from ..i18n import N_, _

try:  # libyaml's C parser when PyYAML was built with it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

BOM = "\ufeff"
LIST_SECTIONS = ("events", "people")
# Fields whose every value is free text: always quoted, even when it looks like an id or a date.
_FREE_TEXT = TEXT_FIELDS | {"aliases"}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEY = re.compile(r"[a-z_][a-z0-9_]*")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# Slugs that a YAML 1.1 or 1.2 loader would turn into a boolean, null or number.
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_NUMBER_LIKE = re.compile(r"0[box][0-9a-f]+|[0-9]+(?:e-?[0-9]+)?|[0-9][0-9-]*")
# Characters YAML must not see raw inside a double-quoted scalar (they are line breaks, non-printable,
# or would be hidden); json.dumps leaves them as they are, so they are written as \u escapes.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_LONE_CR = re.compile(r"\r(?!\n)")
_NO_SOURCES: Mapping[str, Mapping[str, object]] = MappingProxyType({})
# Why a section cannot take new entries, for a list section (True: events, people) and a mapping (False: sources).
_FLOW_STYLE = {
    True: N_(
        "line {line}: '{name}:' is written in flow style ([...] or {{...}});"
        " write it as a list ('- id: ...' lines) first"
    ),
    False: N_(
        "line {line}: '{name}:' is written in flow style ([...] or {{...}});"
        " write it as a mapping ('source-id:' lines) first"
    ),
}
_NOT_SHAPE = {
    True: N_("line {line}: '{name}:' is not a list ('- id: ...' lines); cannot add entries to it"),
    False: N_("line {line}: '{name}:' is not a mapping ('source-id:' lines); cannot add entries to it"),
}


class InsertError(ValueError):
    """The new entries cannot be inserted into this text safely; the message says why."""


def _is_written(value: object) -> bool:
    return value is not None and not (isinstance(value, (str, list, tuple, dict, Mapping)) and len(value) == 0)


def written_fields(entry: Mapping[str, object]) -> dict[str, object]:
    """The fields of an entry that entry_yaml writes, in order: None and empty text, lists and mappings are left out."""
    return {key: value for key, value in entry.items() if _is_written(value)}


def entry_yaml(entry: Mapping[str, object], indent: int, newline: str = "\n") -> str:
    """One list entry as block YAML lines ('- key: value', then '  key: value'), `indent` spaces in."""
    lines = [f"{_key(key)}: {_value(key, value)}" for key, value in written_fields(entry).items()] or ["{}"]
    pad = " " * indent
    return "".join(f"{pad}{'- ' if number == 0 else '  '}{line}{newline}" for number, line in enumerate(lines))


def source_yaml(source_id: str, source: Mapping[str, object], indent: int, newline: str = "\n") -> str:
    """One entry of the `sources:` mapping: 'source-id:' then its fields two spaces further in."""
    pad = " " * indent
    fields = written_fields(source)
    if not fields:
        return f"{pad}{_scalar(source_id, text=False)}: {{}}{newline}"
    head = f"{pad}{_scalar(source_id, text=False)}:{newline}"
    return head + "".join(f"{pad}  {_key(key)}: {_value(key, value)}{newline}" for key, value in fields.items())


def _key(key: str) -> str:
    return key if _KEY.fullmatch(key) and key not in _RESERVED else _quote(key)


def _value(key: str, value: object) -> str:
    text = key in _FREE_TEXT
    if isinstance(value, Mapping):
        items = (f"{_quote(str(name))}: {_scalar(item, text=False)}" for name, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(item, text=text) for item in value) + "]"
    return _scalar(value, text=text)


def _scalar(value: object, *, text: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if value >= 0 else _quote(str(value))
    if isinstance(value, (FuzzyDate, dt.date)) and not isinstance(value, dt.datetime):
        return str(value) if isinstance(value, FuzzyDate) else value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} {value!r} to the data file; give text")
    if not text and (_is_plain_slug(value) or _is_date(value)):
        return value
    return _quote(value)


def _is_plain_slug(value: str) -> bool:
    return bool(_SLUG.fullmatch(value)) and value not in _RESERVED and not _NUMBER_LIKE.fullmatch(value)


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:  # YAML 1.1 loaders would fail on an impossible day such as 2022-02-30, so those are quoted
        parse_fuzzy_date(value)
    except FuzzyDateError:
        return False
    return True


def _quote(value: str) -> str:
    # JSON strings are YAML double-quoted scalars; \u escapes there mean the same in both.
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(value, ensure_ascii=False))


@dataclass
class _Section:
    """Where one top-level section stands, from libyaml's event marks (0-based lines and columns)."""

    name: str
    key_line: int
    key_column: int
    kind: str  # "block-list", "block-map", "flow-list", "flow-map", "null", "empty", "scalar"
    start: tuple[int, int]  # the value's first character
    end: tuple[int, int]  # just past the value's last character (for block values: its last leaf)
    entry_column: int | None = None  # the first entry's column ('-' of a list, key of a mapping)
    last_entry_line: int | None = None  # the line the last entry starts on
    entries: int = 0


def insert_entries(
    text: str,
    *,
    events: Sequence[Mapping[str, object]] = (),
    people: Sequence[Mapping[str, object]] = (),
    sources: Mapping[str, Mapping[str, object]] = _NO_SOURCES,
) -> str:
    """The text with new entries after the last entry of `events:`, `people:` and `sources:`; all else as it was."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    if _LONE_CR.search(body) or any(char in body for char in "\x85\u2028\u2029"):
        # libyaml counts these as line breaks too, so its line numbers would not match ours.
        raise InsertError(
            _("the file has line breaks other than \\n or \\r\\n; save it with Unix or Windows line endings")
        )
    first_break = body.find("\n")
    newline = "\r\n" if first_break > 0 and body[first_break - 1] == "\r" else "\n"
    wanted: list[tuple[str, list[_Renderer]]] = []
    for name, new in (("events", events), ("people", people)):
        if new:
            wanted.append((name, [_list_entry(entry, name) for entry in new]))
    if sources:
        wanted.append(("sources", [_source_entry(source_id, source) for source_id, source in sources.items()]))
    if not wanted:
        return text
    edits = _plan(body, wanted, newline)
    if body and not body.endswith("\n") and any(start == len(body) for start, _, _ in edits):
        body += newline  # the file's last line gets its line break before anything goes after it
        edits = _plan(body, wanted, newline)
    # One edit per section, none overlapping; applied from the end so earlier offsets stay valid, and
    # at the same offset the later edit first so that text lands in the order planned.
    for _i, (start, end, replacement) in sorted(enumerate(edits), key=lambda item: (item[1][0], item[0]), reverse=True):
        body = body[:start] + replacement + body[end:]
    return bom + body


_Renderer = Callable[[int, str], str]


def _list_entry(entry: Mapping[str, object], section: str) -> _Renderer:
    if not isinstance(entry, Mapping):
        raise InsertError(f"a new entry of '{section}' must be a mapping of fields")
    return lambda indent, newline: entry_yaml(entry, indent, newline)


def _source_entry(source_id: str, source: Mapping[str, object]) -> _Renderer:
    if not isinstance(source, Mapping):
        raise InsertError(f"new source '{source_id}' must be a mapping of fields")
    return lambda indent, newline: source_yaml(source_id, source, indent, newline)


def _plan(body: str, wanted: list[tuple[str, list[_Renderer]]], newline: str) -> list[tuple[int, int, str]]:
    """Edits (start, end, replacement) of `body` that add the wanted entries."""
    sections, root_column, explicit_end = _scan(body)
    line_starts = [0] + [match.end() for match in re.finditer("\n", body)]
    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    for name, renderers in wanted:
        section = sections.get(name)
        if section is not None:
            edits.append(
                _section_edit(body, line_starts, section, sections=sections, renderers=renderers, newline=newline)
            )
            continue
        indent = root_column + _default_offset(sections, name)
        block = "".join(render(indent, newline) for render in renderers)
        appended.append(f"{newline}{' ' * root_column}{name}:{newline}{block}")
    if appended:
        if explicit_end:
            raise InsertError(_("the file ends its document with '...'; remove that line so sections can follow"))
        edits.append((len(body), len(body), "".join(appended)))
    return edits


def _section_edit(
    body: str,
    line_starts: list[int],
    section: _Section,
    *,
    sections: Mapping[str, _Section],
    renderers: list[_Renderer],
    newline: str,
) -> tuple[int, int, str]:
    name = section.name
    where = {"line": section.key_line + 1, "name": name}
    is_list = name in LIST_SECTIONS
    if section.kind == ("block-list" if is_list else "block-map"):
        assert section.entry_column is not None and section.last_entry_line is not None
        block = "".join(render(section.entry_column, newline) for render in renderers)
        # Keep the section's look: entries already separated by a blank line get one too.
        if section.entries > 1 and _is_blank(body, line_starts, section.last_entry_line - 1):
            block = newline + block
        line, column = section.end
        # A block scalar's end mark is the start of the line after it (column 0): insert there.
        return _insert_at(body, line_starts, line if column == 0 else line + 1, block)
    indent = section.key_column + _default_offset(sections, name)
    block = "".join(render(indent, newline) for render in renderers)
    if section.kind == "empty":  # 'events:' with nothing after it: the entries go under that line
        return _insert_at(body, line_starts, section.key_line + 1, block)
    if section.kind == ("flow-list" if is_list else "flow-map") and section.entries:
        raise InsertError(_(_FLOW_STYLE[is_list]).format(**where))
    if section.kind not in ("null", "flow-list" if is_list else "flow-map"):
        raise InsertError(_(_NOT_SHAPE[is_list]).format(**where))
    if not section.start[0] == section.end[0] == section.key_line:
        raise InsertError(
            _(
                "line {line}: '{name}:' has an empty value written over several lines;"
                " write '{name}:' alone on its line"
            ).format(**where)
        )
    # Rewrite only this line: drop the '[]', '{}', '~' or 'null' and keep any comment after it.
    line_start = line_starts[section.key_line]
    line_end = body.find("\n", line_start)
    line_end = len(body) if line_end < 0 else line_end
    written = body[line_start:line_end].removesuffix("\r")
    before, after = written[: section.start[1]].rstrip(" "), written[section.end[1] :].rstrip(" ")
    if after and not after.startswith(" "):
        after = " " + after
    return line_start, min(line_end + 1, len(body)), before + after + newline + block


def _insert_at(body: str, line_starts: list[int], line: int, block: str) -> tuple[int, int, str]:
    position = line_starts[line] if line < len(line_starts) else len(body)
    return position, position, block


def _is_blank(body: str, line_starts: list[int], line: int) -> bool:
    if line < 0 or line >= len(line_starts):
        return False
    end = line_starts[line + 1] if line + 1 < len(line_starts) else len(body)
    return body[line_starts[line] : end].strip() == ""


def _default_offset(sections: Mapping[str, _Section], name: str) -> int:
    """How far entries sit in from their key, as another section of the same shape does it; else 2."""
    kind = "block-list" if name in LIST_SECTIONS else "block-map"
    for section in sections.values():
        if section.kind == kind and section.entry_column is not None:
            return section.entry_column - section.key_column
    return 2


def _scan(body: str) -> tuple[dict[str, _Section], int, bool]:
    """Each wanted top-level section's marks, the top-level keys' column, and whether '...' ends the file."""
    try:
        events = list(yaml.parse(body, Loader=_Loader))
    except yaml.YAMLError as error:
        raise InsertError(
            _("the file is not valid YAML, so nothing can be added to it: {error}").format(error=error)
        ) from None
    documents = [index for index, event in enumerate(events) if isinstance(event, yaml.DocumentStartEvent)]
    if len(documents) != 1:
        raise InsertError(_("the file must hold exactly one YAML document"))
    root_index = documents[0] + 1
    root = events[root_index]
    if not isinstance(root, yaml.MappingStartEvent) or root.flow_style:
        raise InsertError(_("the file's top level must be a block mapping ('title: ...', 'events:' lines)"))
    explicit_end = any(isinstance(event, yaml.DocumentEndEvent) and event.explicit for event in events)
    sections: dict[str, _Section] = {}
    root_column = -1
    index = root_index + 1
    while not isinstance(events[index], yaml.MappingEndEvent):
        key = events[index]
        index = _node_end(events, index)[0]
        value_index = index
        index, last = _node_end(events, value_index)
        if not isinstance(key, yaml.ScalarEvent):
            continue
        key_line, key_column = _at(key.start_mark)
        if root_column < 0:
            root_column = key_column
        name = key.value
        if name in sections:
            raise InsertError(_("line {line}: '{name}:' appears twice; keep one").format(line=key_line + 1, name=name))
        sections[name] = _section(name, key, events, value_index, last)
    return sections, max(root_column, 0), explicit_end


def _section(name: str, key: yaml.ScalarEvent, events: list[yaml.Event], index: int, end: tuple[int, int]) -> _Section:
    value = events[index]
    section = _Section(name, *_at(key.start_mark), "scalar", _at(value.start_mark), end)
    if isinstance(value, yaml.ScalarEvent):
        if not value.style and value.value == "":
            section.kind = "empty"
        elif not value.style and value.value in ("~", "null", "Null", "NULL"):
            section.kind = "null"
        return section
    if not isinstance(value, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
        return section  # an alias
    is_list = isinstance(value, yaml.SequenceStartEvent)
    section.kind = ("flow-" if value.flow_style else "block-") + ("list" if is_list else "map")
    child = index + 1
    while not isinstance(events[child], (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
        entry = events[child]
        if section.entry_column is None:
            # A block list's start mark is its first '-'; a mapping's first key is its first entry.
            section.entry_column = _at(value.start_mark if is_list else entry.start_mark)[1]
        section.last_entry_line = _at(entry.start_mark)[0]
        child = _node_end(events, child)[0]
        if not is_list:
            child = _node_end(events, child)[0]
        section.entries += 1
    return section


def _at(mark: Any) -> tuple[int, int]:
    """A libyaml mark as (line, column), both counted from 0 in characters."""
    return mark.line, mark.column


def _node_end(events: list[yaml.Event], index: int) -> tuple[int, tuple[int, int]]:
    """The index after the node starting at `index`, and where its last written character ends."""
    depth = 0
    flows: list[bool] = []
    last = _at(events[index].end_mark)
    while True:
        event = events[index]
        index += 1
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            flows.append(bool(event.flow_style))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            # A block collection's end mark is where the next token starts, often lines later.
            if flows.pop():
                last = _at(event.end_mark)
        else:
            last = _at(event.end_mark)
        if depth == 0:
            return index, last
