"""What changed in the data file, commit by commit, from the git history of the checkout the site is built in."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.yaml_reader import ReadError, read_yaml

SECTIONS = ("events", "people", "sources", "prisoner_counts")


@dataclass(frozen=True)
class Change:
    """One entry added, changed (with the fields that changed) or removed, by section and id."""

    section: str
    key: str
    kind: str  # added, changed, removed
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commit:
    """A commit that touched the data file, and what it changed."""

    sha: str
    date: str  # ISO 8601, the committer's
    subject: str
    changes: tuple[Change, ...] = field(default_factory=tuple)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _entries(text: str | None, file: str) -> dict[str, dict[str, Any]]:
    """Section → key → entry (events, people by id; sources by key; counts by date); empty for an unreadable version."""
    if text is None:
        return {section: {} for section in SECTIONS}
    try:
        tree = read_yaml(text, file).tree
    except ReadError:
        return {section: {} for section in SECTIONS}
    tree = tree if isinstance(tree, dict) else {}
    found: dict[str, dict[str, Any]] = {}
    for section in SECTIONS:
        value = tree.get(section) or {}
        if isinstance(value, dict):
            found[section] = {str(k): v for k, v in value.items()}
        else:
            key = "date" if section == "prisoner_counts" else "id"
            found[section] = {str(e.get(key)): e for e in value if isinstance(e, dict) and e.get(key) is not None}
    return found


def _diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> tuple[Change, ...]:
    changes = []
    for section in SECTIONS:
        before, after = old[section], new[section]
        changes += [Change(section, key, "added") for key in sorted(set(after) - set(before))]
        changes += [Change(section, key, "removed") for key in sorted(set(before) - set(after))]
        for key in sorted(set(before) & set(after)):
            a, b = before[key], after[key]
            if a != b:
                names = sorted(set(a) | set(b)) if isinstance(a, dict) and isinstance(b, dict) else ["(value)"]
                changed = tuple(n for n in names if not isinstance(a, dict) or a.get(n) != b.get(n))
                changes.append(Change(section, key, "changed", changed))
    return tuple(changes)


def data_history(data_file: Path, limit: int = 200) -> list[Commit] | None:
    """The commits that touched the data file, newest first, each with its changes; None outside a git checkout."""
    root = data_file.resolve().parent
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    relative = data_file.resolve().relative_to(Path(top.strip())).as_posix()
    log = _git(Path(top.strip()), "log", f"-{limit}", "--format=%H%x1f%cI%x1f%s", "--", relative)
    if log is None:
        return None
    commits = [line.split("\x1f") for line in log.splitlines() if line]
    history = []
    for sha, date, subject in commits:
        new = _entries(_git(root, "show", f"{sha}:{relative}"), relative)
        old = _entries(_git(root, "show", f"{sha}~1:{relative}"), relative)
        history.append(Commit(sha, date, subject, _diff(old, new)))
    return history
