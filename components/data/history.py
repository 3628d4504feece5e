"""What changed in the data file, commit by commit, from the git history of the checkout it is read from: for the
static edition's change log and feed, and each entry's own history (when it was added and changed, field by field)."""

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
    values: tuple[tuple[str, str, str], ...] = ()  # (field, before, after) for each field changed, as written


@dataclass(frozen=True)
class Commit:
    """A commit that touched the data file, and what it changed."""

    sha: str
    date: str  # ISO 8601, the committer's
    subject: str
    changes: tuple[Change, ...] = field(default_factory=tuple)
    path: str = ""  # the data file, from the repository's top


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
                values = tuple((n, _written(a.get(n)), _written(b.get(n))) for n in changed if isinstance(a, dict))
                changes.append(Change(section, key, "changed", changed, values))
    return tuple(changes)


def _written(value: object) -> str:
    """A field's value as a reader compares two versions: text as written, lists and mappings in YAML's flow style."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_written(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_written(v) for v in value) + "]"
    return str(value)


@dataclass(frozen=True)
class EntryChange:
    """One commit's change to one entry."""

    commit: Commit
    change: Change


def entry_histories(history: list[Commit]) -> dict[tuple[str, str], list[EntryChange]]:
    """Each entry's changes, newest first, by (section, key): ('events', 'release-123-2025-12-13')."""
    found: dict[tuple[str, str], list[EntryChange]] = {}
    for commit in history:
        for change in commit.changes:
            found.setdefault((change.section, change.key), []).append(EntryChange(commit, change))
    return found


def version_link(repository_url: str | None, sha: str, path: str) -> str | None:
    """Where the file is read as it was at a commit, on GitHub, GitLab, Codeberg or Gitea (None without one)."""
    if not repository_url:
        return None
    base = repository_url.rstrip("/").removesuffix(".git")
    if "gitlab" in base:
        return f"{base}/-/blob/{sha}/{path}"
    if "codeberg.org" in base or "gitea" in base:
        return f"{base}/src/commit/{sha}/{path}"
    return f"{base}/blob/{sha}/{path}"


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
        history.append(Commit(sha, date, subject, _diff(old, new), relative))
    return history
