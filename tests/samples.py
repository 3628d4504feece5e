"""Paths and a small valid data file that tests vary line by line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "events.yaml"  # the project's data: facts about it belong in tests/test_data.py
TIMELINE = ROOT / "tests" / "data" / "timeline.yaml"  # the code tests' data: every kind of entry, in 19 events
YAML_SUITE = ROOT / "tests" / "data" / "yaml-test-suite"  # the YAML project's test inputs (MIT, see its LICENSE)

# Line numbers matter: tests/test_loader.py asserts them.
VALID = """\
title: Test timeline
description: A small valid file.
as_of: 2026-03-19
categories:
  - id: war
    label: War
people:
  - id: p1
    name: Siarhei Tsikhanouski
    aliases: [Tikhanovsky, Cichanoŭski, Тихановский]
    role: Blogger
sources:
  s1:
    title: A source
    publisher: Pub
    url: https://example.org/a
    published: 2022-02-28
events:
  - id: e1
    date: 2022-02-28
    title: An event
    category: war
    summary: Something happened.
    sources: [s1]
    people: [p1]
prisoner_counts:
  - date: 2022-02
    count: 10
    source: s1
"""


def position_exists(path: Path, line: int, column: int) -> bool:
    """Whether line:column (1-based, as editors count) is in the file, or just past the end of a line or the file."""
    lines = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff").splitlines() or [""]
    if not 1 <= line <= len(lines) + 1:
        return False
    text = lines[line - 1] if line <= len(lines) else ""
    return 1 <= column <= len(text) + 1


def run_page(monkeypatch, events_file: str | None = None, *, edits_allowed: bool = False, **params: str):
    """The real dashboard script in AppTest, on a data file and link parameters of the test's choosing."""
    from streamlit.testing.v1 import AppTest

    for name, value in (("EVENTS_FILE", events_file), ("ALLOW_EDITS", "1" if edits_allowed else None)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception
    return app


def needed(program: str, found: str | None, install: str) -> str:
    """The path of a program a test drives (`found`); without it the test is skipped here, but fails under CI, which
    installs it (.ci/run): a missing program is not a pass."""
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is not installed ({install}); CI is set, so this is a failure (see .ci/run)")
        pytest.skip(f"{program} is not installed ({install})")
    return found


def needed_nginx() -> str:
    from deploy.serve import nginx_binary

    return needed("nginx", nginx_binary(), "apt-get install -y nginx")
