"""Read YAML text into plain dicts, lists and strings, refusing what could hurt or surprise.

Built on libyaml's event stream rather than `yaml.safe_load` so that every scalar stays the text
the author wrote (no YAML 1.1 retyping of `no`, `12:30` or `1.10`), anchors, tags, duplicate keys
and extra documents are reported where they stand, and nesting is walked with an explicit stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import TEXT_FIELDS, TRANSLATED_SUFFIX
from .problems import KeyPath, Problem, format_path

try:  # libyaml's C parser when PyYAML was built with it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Tree = dict[str, "Tree"] | list["Tree"] | str | None

MAX_DEPTH = 16
MAX_PROBLEMS = 200
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# Characters that editors hide or that break rendering later: C0/C1 controls (not tab or line
# breaks), line/paragraph separators, zero-width and direction marks, a BOM inside the text.
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ud800-\udfff]"
)
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_HINTS = {
    "mapping values are not allowed": "a value contains ': '; put the whole value in double quotes",
    "could not find expected ':'": "a key is missing its ':', or a quoted value is not closed",
    "found character '\\t'": "tabs are not allowed here; indent with spaces",
    "expected <block end>": "this line's indentation does not line up with the entries above it",
    "did not find expected key": "this line's indentation does not line up with the entries above it",
    "did not find expected '-' indicator": "list entries must all start with '-' at the same indentation",
    "found unexpected end of stream": "a quote or bracket opened above is never closed",
    "found undefined tag handle": "remove the '!' tag; quote the value if it starts with '!'",
    "found character that cannot start any token": "quote values that start with '@', '`', '%' or '!'",
    "while scanning an alias": "quote values that start with '*'",
    "while scanning an anchor": "quote values that start with '&'",
    "invalid Unicode character escape": "remove the \\u escape: lone surrogates cannot be shown",
}


@dataclass
class ReadResult:
    """The parsed tree, where each node stood (when asked), and what deserves a warning."""

    tree: Tree
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def _translation(path: KeyPath) -> bool:
    """A value inside `title_i18n: {be: ...}` and the like: free text, as its English field is."""
    return len(path) > 1 and isinstance(path[-2], str) and path[-2].endswith(TRANSLATED_SUFFIX)


class ReadError(Exception):
    """The text cannot be read as one plain YAML document; every problem found is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def decode_bytes(data: bytes, file: str) -> str:
    """UTF-8 (a BOM is allowed) to text; locate the first undecodable byte otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start : error.start].decode("utf-8", "replace")) + 1
        raise ReadError(
            [
                Problem(
                    file,
                    line,
                    column,
                    "",
                    f"byte 0x{data[error.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None


def scan_characters(text: str, file: str) -> list[Problem]:
    """Invisible/control characters and tab indentation, located as an editor counts."""
    problems: list[Problem] = []
    for match in _BAD_CHARACTER.finditer(text):
        line, column = _line_column(text, match.start())
        char = match.group()
        problems.append(Problem(file, line, column, "", f"invisible or control character U+{ord(char):04X}; delete it"))
        if len(problems) >= MAX_PROBLEMS:
            return problems
    for match in _TAB_INDENT.finditer(text):
        line, column = _line_column(text, match.end() - 1)
        problems.append(Problem(file, line, column, "", "tab used for indentation; indent with spaces"))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def read_yaml(text: str, file: str, *, positions: bool = False) -> ReadResult:
    """Parse one YAML document of mappings, lists and text; raise ReadError listing every problem."""
    problems = scan_characters(text, file)
    if problems:
        raise ReadError(problems)
    builder = _Builder(text, file, positions)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
            if builder.stopped or len(builder.problems) >= MAX_PROBLEMS:
                break
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, file))
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always marks its errors
        builder.problems.append(Problem(file, 1, 1, "", f"not valid YAML: {error}"))
    if builder.problems:
        raise ReadError(builder.problems)
    if builder.documents == 0 or builder.root is None:
        raise ReadError(
            [Problem(file, 1, 1, "", "the file is empty; see docs/data.md, 'Adding an event', for its layout")]
        )
    return ReadResult(builder.root, builder.positions, builder.key_positions, builder.warnings)


def _line_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _syntax_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (error.context, error.problem) if part)
    hint = next((hint for key, hint in _HINTS.items() if key in message), None)
    return Problem(file, line, column, "", f"not valid YAML: {message}" + (f"; {hint}" if hint else ""))


class _Frame:
    __slots__ = ("container", "first_lines", "key", "key_mark", "path")

    def __init__(self, container: dict[str, Tree] | list[Tree], path: KeyPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: tuple[int, int] = (1, 1)
        self.first_lines: dict[str, int] = {}


_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)


class _Builder:
    """Turns parser events into a tree with an explicit stack (no recursion, bounded depth)."""

    def __init__(self, text: str, file: str, record_positions: bool) -> None:
        self.text = text
        self.file = file
        self.record = record_positions
        self.stack: list[_Frame] = []
        self.root: Tree = None
        self.documents = 0
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.key_positions: dict[KeyPath, tuple[int, int]] = {}
        self.skip_depth = 0  # >0 while inside a node that is dropped
        self.stopped = False  # libyaml slows quadratically with depth: stop at the first too-deep node

    def problem(self, mark: Any, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message))

    def feed(self, event: yaml.Event) -> None:
        # The common case first, without a call: a node of the one document, outside a dropped value.
        if (self.skip_depth or self.documents > 1 or not isinstance(event, _NODE_EVENTS)) and self.structural(event):
            return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            self.take_key(parent, event)
            return
        path = self.child_path(parent)
        if isinstance(event, yaml.AliasEvent):
            self.problem(event.start_mark, path, f"alias '*{event.anchor}' is not allowed; write the value out")
            self.attach(parent, None, path, event.start_mark)
            return
        assert isinstance(event, yaml.NodeEvent)
        self.refuse_anchor_and_tag(event, path)
        if isinstance(event, yaml.ScalarEvent):
            self.attach(parent, self.scalar(event, path, parent), path, event.start_mark)
            return
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event.start_mark, path, f"nested more than {MAX_DEPTH} levels deep; flatten this value")
            self.stopped = True
            return
        container: dict[str, Tree] | list[Tree] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.attach(parent, container, path, event.start_mark)
        self.stack.append(_Frame(container, path))

    def structural(self, event: yaml.Event) -> bool:
        """Handle the events that carry no value (documents, stream, ends, dropped nodes); True when handled."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(event.start_mark, (), "a second YAML document starts here; keep one document per file")
            return True
        if self.documents > 1 or isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return True
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            if self.skip_depth:
                self.skip_depth -= 1
            else:
                self.stack.pop()
            return True
        if self.skip_depth:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.skip_depth += 1
            return True
        return False

    def refuse_anchor_and_tag(self, event: yaml.NodeEvent, path: KeyPath) -> None:
        if event.anchor is not None:
            self.problem(event.start_mark, path, f"anchor '&{event.anchor}' is not allowed; write each value out")
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.problem(
                event.start_mark, path, f"tag '{tag}' is not allowed; remove it (quote the value if it is text)"
            )

    def take_key(self, frame: _Frame, event: yaml.Event) -> None:
        mark: Any = event.start_mark
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(mark, frame.path, "a key must be plain text; a list, mapping or alias cannot be a key")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.skip_depth = 1
            frame.key = "\x00invalid"
            return
        key = event.value
        frame.key_mark = (mark.line + 1, mark.column + 1)
        first = frame.first_lines.get(key)
        if first is not None:
            self.problem(mark, (*frame.path, key), f"duplicate key '{key}' (first at line {first}); keep one")
            frame.key = "\x00duplicate"
            return
        frame.first_lines[key] = mark.line + 1
        frame.key = key

    def child_path(self, parent: _Frame | None) -> KeyPath:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            assert parent.key is not None
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.container))

    def attach(self, parent: _Frame | None, value: Tree, path: KeyPath, mark: Any) -> None:
        if parent is None:
            self.root = value
        elif isinstance(parent.container, dict):
            key = parent.key
            parent.key = None
            assert key is not None
            if key.startswith("\x00"):
                return
            parent.container[key] = value
            if self.record:
                self.key_positions[path] = parent.key_mark
        else:
            parent.container.append(value)
        if self.record:
            self.positions[path] = (mark.line + 1, mark.column + 1)

    def scalar(self, event: yaml.ScalarEvent, path: KeyPath, parent: _Frame | None) -> str | None:
        value = event.value
        if not event.style:  # plain
            if value in NULLS:
                return None
            if parent is not None and path and (path[-1] in TEXT_FIELDS or _translation(path)):
                self.check_cut_comment(event, path)
        elif event.style == '"' and _BAD_CHARACTER.search(value):
            self.problem(
                event.start_mark, path, "an escape gives an invisible, control or lone surrogate character; remove it"
            )
        return value

    def check_cut_comment(self, event: yaml.ScalarEvent, path: KeyPath) -> None:
        # An unquoted ' #' starts a comment: "title: Protest #2" silently becomes "Protest".
        end: Any = event.end_mark
        line_end = self.text.find("\n", end.index)
        rest = self.text[end.index : line_end if line_end >= 0 else len(self.text)]
        if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            self.warnings.append(
                Problem(
                    self.file,
                    end.line + 1,
                    end.column + 2,
                    format_path(path),
                    f"the value stops before ' #' (the rest is a comment): '{event.value}'; "
                    "quote the whole value if '#' belongs to it",
                    "warning",
                )
            )
