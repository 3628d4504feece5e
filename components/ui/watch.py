"""Rerun open pages when the data file is saved."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from .page_data import file_version


def watch_file(path: Path) -> None:
    """Rerun the page when the data file is saved (a light poll of its modification time and size)."""
    version = file_version(path)

    @st.fragment(run_every=2)
    def poll() -> None:
        if file_version(path) != version:
            time.sleep(0.2)  # let an editor finish writing before reading
            st.rerun()

    poll()
