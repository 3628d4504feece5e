"""Load the data file for the page once per file version, and keep the last valid one (UI layer)."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..data.loader import SettingError
from ..data.paths import BUNDLED, FILE_VARIABLE
from ..data.problems import DataError
from ..i18n import DEFAULT_LANGUAGE, language
from ..view.files.parse_cache import load_frames
from ..view.shape.frames import Frames
from .shared import shared

PageData = Frames


@dataclass
class PageLoad:
    """What to show: the data (maybe an older valid version) and the current file's problems."""

    page: PageData | None
    problems: list[str] = field(default_factory=list)
    stale: bool = False
    file_version: tuple[int, int] | None = None  # the file's as read for this run


def data_file() -> Path:
    """The file to show: EVENTS_FILE when set, else the bundled events.yaml."""
    return Path(os.environ.get(FILE_VARIABLE) or BUNDLED)


def file_version(path: Path) -> tuple[int, int] | None:
    """(mtime, size): changes whenever the file is saved; None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _reason(path: Path, error: Exception) -> str:
    return f"{path}: cannot read the data file: {getattr(error, 'strerror', None) or error}"


@shared(8)
def _build(path: str, version: tuple[int, int] | None) -> PageData | list[str]:
    # Keyed on the file's version and shared by every session: parsing, validation and frames run
    # once per saved edit (and, through the parse cache, not at all on a restart with the same file).
    del version
    # Shared by every reader, whatever their language: the file's problems and warnings in English, as `check` prints.
    with language(DEFAULT_LANGUAGE):
        try:
            frames = load_frames(Path(path))
        except DataError as error:
            return [str(p) for p in error.problems]
        except (OSError, SettingError) as error:
            return [_reason(Path(path), error)]
        # The frames live as long as this file version: move them (and the libraries' own long-lived objects) out of
        # the collector's generations, so that its runs stay cheap however large the data.
        gc.collect()
        gc.freeze()
        return frames


# The last valid version of each data file this server loaded: shown, with its problems, while the file is broken.
_LAST_VALID: dict[str, PageData] = {}


def load_page_data(path: Path) -> PageLoad:
    """The current file's data, or its problems plus the last valid version this server saw."""
    version = file_version(path)
    result = _build(str(path), version)
    if isinstance(result, Frames):
        _LAST_VALID[str(path)] = result
        return PageLoad(result, file_version=version)
    previous = _LAST_VALID.get(str(path))
    return PageLoad(previous, result, stale=previous is not None, file_version=version)
