"""A parse cache: the frames of a file version, pickled beside it and keyed by the bytes and this code."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path

from ...data.loader import load_bytes, max_bytes
from ...data.problems import DataError, Problem
from ..shape.frames import Frames, build_frames

CACHE_DIR = ".events-cache"
KEEP = 3  # cached versions kept per data file
_MAGIC = b"timeline-frames-v1\n"


@cache
def code_version() -> str:
    """A hash of this package's source: a cache written by other code is never read."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    # Every module of every layer: a moved or changed reader, model or frame builder makes a new key.
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def cache_file(path: Path, content: bytes) -> Path:
    """Where the frames of these bytes are cached (a new name for every edit and every code change)."""
    key = hashlib.sha256(content + code_version().encode()).hexdigest()
    return path.parent / CACHE_DIR / f"{path.name}.{key[:32]}.pickle"


def load_frames(path: Path, *, use_cache: bool = True) -> Frames:
    """The file's frames: from the cache when this exact version was seen, else loaded, validated and cached."""
    limit = max_bytes()
    with open(path, "rb") as handle:
        content = handle.read(limit + 1)
    if len(content) > limit:
        raise DataError([Problem(str(path), 1, 1, "", f"the file is over the limit of {limit:,} bytes")])
    target = cache_file(path, content)
    if use_cache:
        frames = _read(target)
        if frames is not None:
            return frames
    digest = hashlib.sha256(content).hexdigest()
    frames = replace(build_frames(load_bytes(content, str(path))), version=target.name, data_hash=digest)
    if use_cache:
        _write(target, frames)
    return frames


def _read(target: Path) -> Frames | None:
    try:
        data = target.read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(_MAGIC):
            raise ValueError("not a frames cache")
        # Only this program writes here, under a name derived from the data's hash and our own code.
        frames = pickle.loads(data[len(_MAGIC) :])
        if not isinstance(frames, Frames):
            raise TypeError("not a Frames object")
        return frames
    except Exception:  # noqa: BLE001 - a corrupt, truncated or foreign cache is removed and rebuilt
        target.unlink(missing_ok=True)
        return None


def _write(target: Path, frames: Frames) -> None:
    temporary: str | None = None
    try:
        target.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".", suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            handle.write(_MAGIC + pickle.dumps(frames, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, target)
        temporary = None
        data_name = target.name.rsplit(".", 2)[0]
        versions = sorted(target.parent.glob(f"{data_name}.*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in versions[:-KEEP]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder only costs the next start a full load
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
