"""benchmarks/load.py: drives real sessions over Streamlit's websocket, and only on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .samples import ROOT, VALID

SCRIPT = ROOT / "benchmarks" / "load.py"


def run_benchmark(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_benchmark_finishes_every_rerun_on_its_own_server(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    result = run_benchmark("--sessions", "2", "--reruns", "2", "--json", "--data", str(data), "--timeout", "45")
    assert result.returncode == 0, result.stderr
    (measured,) = json.loads(result.stdout)["rounds"]
    assert measured["mode"] == "one process"
    assert measured["reruns_completed"] == measured["reruns_expected"] == 2 * 2
    assert measured["searches_confirmed"] == 2 * 2  # each rerun's search word reached the page
    assert measured["p50_s"] > 0
    assert measured["p95_s"] >= measured["p50_s"]
    assert measured["reruns_per_s"] > 0
    assert measured["rss_after_mb"] > 0
    assert not measured["errors"]
    assert not measured["timed_out"]


def test_benchmark_refuses_a_host_that_is_not_loopback() -> None:
    result = run_benchmark("--host", "10.0.0.1", "--sessions", "1", timeout=20)
    assert result.returncode == 2
    assert "not a loopback address" in result.stderr
    assert result.stdout == ""
