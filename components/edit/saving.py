"""Save new entries into the data file: one writer at a time, validated first, replaced atomically, backed up."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import glob
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from filelock import FileLock, Timeout
from pydantic import BaseModel, ValidationError

from ..data.loader import Loaded, load_bytes, load_text
from ..data.model import Event, Person, Source
from ..data.problems import DataError
from ..i18n import N_, _, ngettext, number_text
from .yaml_writer import InsertError, insert_entries, written_fields

BACKUP_DIR = ".events-backups"
KEEP_BACKUPS = 5
LOCK_TIMEOUT = 30.0  # seconds a save waits for another one before giving up
CHANGED_OTHERS = N_("the inserted text would change other entries; nothing was saved")

# Streamlit runs each session as a thread of one process, which a per-process file lock does not keep
# apart: threads queue on this lock, then processes on the lock file beside the data file.
_THREAD_LOCK = threading.Lock()
_NO_SOURCES: Mapping[str, Mapping[str, object]] = MappingProxyType({})


@dataclass(frozen=True)
class SaveResult:
    """Whether the entries were saved; if not, why; and where the previous file was copied."""

    saved: bool
    problems: tuple[str, ...] = ()
    backup: Path | None = None


def save_entries(
    path: Path,
    *,
    events: Sequence[Mapping[str, object]] = (),
    people: Sequence[Mapping[str, object]] = (),
    sources: Mapping[str, Mapping[str, object]] = _NO_SOURCES,
) -> SaveResult:
    """Append entries to the data file if the whole result is valid; never leave it half-written."""
    # Through a symlink, replace the file it points to (not the link), and lock that file's name.
    target = Path(os.path.realpath(path))
    seconds = round(LOCK_TIMEOUT)
    waited = ngettext(
        "another save has held the file for over {count} s; try again",
        "another save has held the file for over {count} s; try again",
        seconds,
    ).format(count=number_text(seconds))
    busy = SaveResult(False, (f"{path}: {waited}",))
    if not _THREAD_LOCK.acquire(timeout=LOCK_TIMEOUT):
        return busy
    try:
        with FileLock(str(target) + ".lock", timeout=LOCK_TIMEOUT):
            return _save_locked(target, events=events, people=people, sources=sources)
    except Timeout:
        return busy
    finally:
        _THREAD_LOCK.release()


def _save_locked(
    path: Path,
    *,
    events: Sequence[Mapping[str, object]],
    people: Sequence[Mapping[str, object]],
    sources: Mapping[str, Mapping[str, object]],
) -> SaveResult:
    _remove_stale_temporaries(path)
    name = str(path)
    try:
        previous = path.read_bytes()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as error:
        reason = _("cannot read the file: {reason}").format(reason=error.strerror or error)
        return SaveResult(False, (f"{name}: {reason}",))
    try:
        old = load_bytes(previous, name)
    except DataError as error:
        return SaveResult(False, tuple(str(problem) for problem in error.problems))
    bom = codecs.BOM_UTF8 if previous.startswith(codecs.BOM_UTF8) else b""
    try:
        text = insert_entries(previous[len(bom) :].decode("utf-8"), events=events, people=people, sources=sources)
    except InsertError as error:
        return SaveResult(False, (f"{name}: {error}",))
    try:
        new = load_text(text, name)
    except DataError as error:
        return SaveResult(False, tuple(str(problem) for problem in error.problems))
    problem = _compare(old, new, events=events, people=people, sources=sources)
    if problem is not None:
        return SaveResult(False, (f"{name}: {problem}",))
    try:
        backup = _replace(path, bom + text.encode("utf-8"), previous, mode)
    except OSError as error:
        reason = _("could not write the file ({error}); it was left as it was").format(error=error)
        return SaveResult(False, (f"{name}: {reason}",))
    return SaveResult(True, backup=backup)


def _compare(
    old: Loaded,
    new: Loaded,
    *,
    events: Sequence[Mapping[str, object]],
    people: Sequence[Mapping[str, object]],
    sources: Mapping[str, Mapping[str, object]],
) -> str | None:
    """Why the new file is not exactly the old one plus the new entries, or None when it is."""
    try:
        added_events = [Event.model_validate(written_fields(entry)) for entry in events]
        added_people = [Person.model_validate(written_fields(entry)) for entry in people]
        added_sources = {key: Source.model_validate(written_fields(value)) for key, value in sources.items()}
    except ValidationError:
        return _("the new entries would not read back from the file as given; nothing was saved")
    if (
        _dumps(new.data.events) != _dumps([*old.data.events, *added_events])
        or _dumps(new.data.people) != _dumps([*old.data.people, *added_people])
        or _dumps(new.data.sources) != _dumps({**old.data.sources, **added_sources})
        or list(new.data.sources) != [*old.data.sources, *added_sources]
    ):
        return _(CHANGED_OTHERS)
    sections = {"events", "people", "sources"}
    if new.data.model_dump(exclude=sections) != old.data.model_dump(exclude=sections):
        return _(CHANGED_OTHERS)
    return None


def _dumps(models: Sequence[BaseModel] | Mapping[str, BaseModel]) -> Any:
    if isinstance(models, Mapping):
        return [(key, model.model_dump()) for key, model in models.items()]
    return [model.model_dump() for model in models]


def _replace(path: Path, content: bytes, previous: bytes, mode: int) -> Path:
    """Write `content` to a temporary file beside `path` and swap it in; return the backup of `previous`."""
    folder = path.parent
    backup = _write_backup(path, previous, mode)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        with contextlib.suppress(OSError):
            backup.unlink()  # it only duplicates the file, which was left as it was
        raise
    # The rename survives a power cut only once the folder is on disk; the file is saved either way.
    with contextlib.suppress(OSError):
        _fsync_folder(folder)
    _prune_backups(path)
    return backup


def _write_backup(path: Path, previous: bytes, mode: int) -> Path:
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    while True:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        backup = folder / f"{path.name}.{stamp}.yaml"
        try:
            descriptor = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:  # two saves within one clock tick: wait for the next
            time.sleep(0.001)
            continue
        break
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(previous)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            backup.unlink()
        raise
    return backup


def backups(path: Path) -> list[Path]:
    """The backups of a data file, oldest first."""
    pattern = re.compile(re.escape(path.name) + r"\.\d{8}T\d{6}\.\d{6}Z\.yaml")
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(entry for entry in folder.iterdir() if pattern.fullmatch(entry.name))


def _prune_backups(path: Path) -> None:
    for old in backups(path)[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()


def _remove_stale_temporaries(path: Path) -> None:
    # Only a save holding the lock writes temporaries, so any found now were left by a crash.
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
