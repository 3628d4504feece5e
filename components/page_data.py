"""Load the data file for the page once per file version, and keep the last valid one (UI layer)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from .cli import BUNDLED
from .frames import categories_frame, counts_frame, events_frame, people_frame, releases_frame, sources_frame
from .loader import SettingError, load_file
from .model import Dataset
from .problems import DataError, Problem

FILE_VARIABLE = "EVENTS_FILE"


@dataclass(frozen=True)
class PageData:
    """Everything the page draws from one version of the file."""

    data: Dataset
    categories: pd.DataFrame
    events: pd.DataFrame
    people: pd.DataFrame
    counts: pd.DataFrame
    releases: pd.DataFrame
    sources: pd.DataFrame
    warnings: tuple[Problem, ...] = ()


@dataclass
class PageLoad:
    """What to show: the data (maybe an older valid version) and the current file's problems."""

    page: PageData | None
    problems: list[str] = field(default_factory=list)
    stale: bool = False


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


@st.cache_resource(max_entries=8, show_spinner=False)
def _build(path: str, version: tuple[int, int] | None) -> PageData | list[str]:
    # Keyed on the file's version, so parsing, validation and frames run once per saved edit.
    del version
    try:
        loaded = load_file(path)
    except DataError as error:
        return [str(p) for p in error.problems]
    except (OSError, SettingError) as error:
        return [f"{path}: cannot read the data file: {getattr(error, 'strerror', None) or error}"]
    events = events_frame(loaded.data)
    return PageData(
        data=loaded.data,
        categories=categories_frame(loaded.data),
        events=events,
        people=people_frame(loaded.data),
        counts=counts_frame(loaded.data),
        releases=releases_frame(loaded.data),
        sources=sources_frame(loaded.data, events),
        warnings=loaded.warnings,
    )


@st.cache_resource(show_spinner=False)
def _last_valid() -> dict[str, PageData]:
    return {}


def load_page_data(path: Path) -> PageLoad:
    """The current file's data, or its problems plus the last valid version this server saw."""
    result = _build(str(path), file_version(path))
    last_valid = _last_valid()
    if isinstance(result, PageData):
        last_valid[str(path)] = result
        return PageLoad(result)
    previous = last_valid.get(str(path))
    return PageLoad(previous, result, stale=previous is not None)
