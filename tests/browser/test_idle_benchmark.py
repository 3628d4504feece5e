"""benchmarks/browser_idle.py opens real Chromium tabs on its own server and reads that server's CPU."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ..samples import ROOT
from .conftest import chromium_path, decide_browser

pytestmark = pytest.mark.browser


def test_idle_chromium_tabs_are_measured_on_the_benchmarks_own_server() -> None:
    browser = decide_browser(chromium_path(), ci=bool(os.environ.get("CI")))
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.browser_idle", "--tabs", "2", "--window", "3", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
        env={**os.environ, "CHROMIUM_PATH": browser},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (measured,) = json.loads(result.stdout)
    assert measured["tabs"] == 2 and measured["window_s"] == 3
    # Two idle tabs cost the server far less than a core (CPU time is read in 10 ms ticks, so it may read 0).
    assert 0 <= measured["server_cpu_share"] < 0.5
