"""The real Streamlit script, driven by AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .samples import ROOT, VALID

SCRIPT = str(ROOT / "dashboard.py")


def run_page(monkeypatch: pytest.MonkeyPatch, path: str | None = None) -> AppTest:
    if path:
        monkeypatch.setenv("EVENTS_FILE", path)
    else:
        monkeypatch.delenv("EVENTS_FILE", raising=False)
    app = AppTest.from_file(SCRIPT, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def test_page_renders_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(monkeypatch)
    assert app.title[0].value.startswith("Belarus")


def test_broken_file_shows_located_errors(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    path = write_data(VALID.replace("    date: 2022-02-28", "    date: 2022-13-01"), "broken.yaml")
    app = run_page(monkeypatch, str(path))
    assert "broken.yaml:20:11: events[0].date" in app.error[0].value
