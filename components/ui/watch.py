"""Rerun open pages when the data file is saved: a poll of its version, where the file can change."""

from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st

from ..data.loader import SettingError
from ..i18n import _
from .page_data import file_version
from .shared import shared

POLL_VARIABLE = "EVENTS_POLL_SECONDS"
POLL_SECRET = "poll_seconds"
DEFAULT_POLL_SECONDS = 2.0
MAX_POLL_SECONDS = 24 * 3600.0


def poll_seconds(setting: str | None, *, writable: bool) -> float:
    """How often an open page checks the file: the setting when given (0 turns polling off), else every
    2 s where this server can write the file (someone may edit it) and never where it cannot (a read-only
    deployment, where a new version arrives with a restart)."""
    if setting is None or not str(setting).strip():
        return DEFAULT_POLL_SECONDS if writable else 0.0
    try:
        seconds = float(setting)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_POLL_SECONDS:
        raise SettingError(
            f"{POLL_VARIABLE}={setting!r} is not a number of seconds from 0 (off) to {MAX_POLL_SECONDS:.0f}"
        )
    return seconds


def _setting() -> str | None:
    """EVENTS_POLL_SECONDS, else `poll_seconds` in Streamlit's secrets (e.g. a hosted app's settings)."""
    if os.environ.get(POLL_VARIABLE, "").strip():
        return os.environ[POLL_VARIABLE]
    try:
        value = st.secrets.get(POLL_SECRET)
    except Exception:  # noqa: BLE001 - no secrets file is the normal local case
        return None
    return None if value is None else str(value)


@shared(8)
def _interval(path: str) -> tuple[float, str | None]:
    # Decided once per server and file: the settings and the file's permissions do not change under it. A bad
    # setting comes back as such, and each reader is told in the page's language.
    setting = _setting()
    try:
        return poll_seconds(setting, writable=os.access(path, os.W_OK)), None
    except SettingError:
        return DEFAULT_POLL_SECONDS, f"{POLL_VARIABLE}={setting!r}"


def watch_file(path: Path, version: tuple[int, int] | None) -> None:
    """Rerun the page when the data file is saved (a light poll of its modification time and size), from `version`,
    the file's as this run read it."""
    interval, bad_setting = _interval(str(path))
    if bad_setting:
        st.warning(
            _(
                "{setting} is not a number of seconds from 0 (off) to {most}; checking the data file every "
                "{seconds} s instead."
            ).format(setting=bad_setting, most=f"{MAX_POLL_SECONDS:.0f}", seconds=f"{DEFAULT_POLL_SECONDS:g}")
        )
    if not interval:
        return

    @st.fragment(run_every=interval)
    def poll() -> None:
        if file_version(path) != version:
            time.sleep(0.2)  # let an editor finish writing before reading
            st.rerun()

    poll()
