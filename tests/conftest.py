"""Shared fixtures: a small valid data file that tests vary line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .samples import VALID


@pytest.fixture
def valid_text() -> str:
    return VALID


@pytest.fixture
def write_data(tmp_path: Path):
    """Write text (or bytes) to a data file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "events.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write
