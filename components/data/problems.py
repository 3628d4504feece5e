"""Located problems in a data file, and the one error that carries them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]  # where a value sits in the file: ("events", 3, "date")
_ONE_LINE = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file: `file:line:column: path: message`."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{self.path}: {prefix}{self.message}" if self.path else f"{prefix}{self.message}"
        # One problem, one line: a key or value quoted in the message may itself hold a line break.
        return f"{where}: {text.translate(_ONE_LINE)}"


class DataError(Exception):
    """The data file has problems; `problems` lists every one, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: KeyPath) -> str:
    """('events', 17, 'date') -> 'events[17].date'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
