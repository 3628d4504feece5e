"""benchmarks/load.py: drives real sessions over Streamlit's websocket, and only on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .samples import ROOT, VALID

pytestmark = pytest.mark.slow  # each test starts the benchmark, and most a Streamlit server

SCRIPT = ("-m", "benchmarks.load")


def run_benchmark(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *SCRIPT, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
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


def test_idle_tabs_poll_the_pages_fragment_and_memory_is_read_at_checkpoints(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    result = run_benchmark(
        "--sessions", "1", "--reruns", "4", "--idle", "3", "--idle-window", "5", "--memory-at", "2", "4",
        "--queries", "mixed", "--json", "--data", str(data), "--timeout", "50",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (measured,) = json.loads(result.stdout)["rounds"]
    assert measured["idle_tabs"] == 3 and measured["idle_window_s"] == 5
    # Three tabs polling every 2 s, as the page asked: about 1.5 polls a second, each costing the server CPU.
    assert 0.6 <= measured["polls_per_s"] <= 2.5
    assert measured["idle_cpu_share"] > 0 and measured["cpu_ms_per_poll"] > 0
    assert set(measured["rss_at_mb"]) == {"2", "4"} and all(mb > 0 for mb in measured["rss_at_mb"].values())
    assert measured["cpu_ms_per_rerun"] > 0 and not measured["errors"]


def test_no_poll_fragment_where_polling_is_off(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, *SCRIPT, "--sessions", "1", "--reruns", "1", "--idle", "2", "--idle-window", "3",
         "--json", "--data", str(data), "--timeout", "40"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "EVENTS_POLL_SECONDS": "0"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (measured,) = json.loads(result.stdout)["rounds"]
    assert measured["polls_per_s"] == 0 and measured["cpu_ms_per_poll"] is None


def test_the_rerun_ratio_compares_the_dashboard_with_a_bare_page_in_one_run(tmp_path: Path) -> None:
    from .samples import TIMELINE

    command = [sys.executable, "-m", "benchmarks.rerun_ratio", "--sessions", "2", "--reruns", "3", "--rounds", "1",
               "--data", str(TIMELINE), "--json", "--timeout", "240"]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    assert not measured["errors"]
    warm = measured["warm_reruns_per_s"]
    assert measured["warm_ratio"] == pytest.approx(warm["dashboard"] / warm["bare"])
    assert 0 < measured["warm_ratio"] < 1  # the bare page is the cheaper one
    assert set(measured["cold_p95_s"]) == {"bare", "dashboard", "warm start"}
    assert measured["warm_start_s"] > 0
    # What the server sent per search, from the websocket: the dashboard's page is the bigger one.
    assert measured["bytes_per_rerun"]["dashboard"] > 10 * measured["bytes_per_rerun"]["bare"] > 0
    assert measured["elements_per_rerun"]["dashboard"] > measured["elements_per_rerun"]["bare"] >= 2
    # The bare page drawing as many elements as the dashboard: Streamlit's own share, beside the two.
    # (its number comes from the dashboard's first round; a round's median may differ by a view or two)
    assert abs(measured["elements_per_rerun"]["elements"] - measured["elements_per_rerun"]["dashboard"]) <= 2
    assert measured["elements_ratio"] == pytest.approx(warm["elements"] / warm["bare"])
