"""Idle readers in a real browser: N Chromium tabs open on the page, nobody touching them; the server's CPU.

    .venv/bin/python -m benchmarks.browser_idle --tabs 12 --window 20 [--forced-gc] [--json]

A websocket client can miss what the front end does on its own (its poll timers, heartbeats, reconnects), so
this opens real tabs with Playwright and Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH), waits until
every tab has drawn its charts, lets them settle, then reads the server's CPU time over a fixed window.
Loopback only: the server is started here, on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.load import FORCED_GC, ROOT, BenchmarkError, bounded, cpu_seconds, started_target

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
MAX_TABS = 50


@dataclass
class IdleResult:
    """Server CPU with N real tabs open and idle."""

    mode: str
    tabs: int
    window_s: float
    server_cpu_share: float  # cores: 1.0 is one core busy the whole window
    per_tab_share: float


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise BenchmarkError("no Chromium: apt-get install -y chromium, or set CHROMIUM_PATH")


def measure(tabs: int, window: float, *, forced_gc: bool, data: Path) -> IdleResult:
    """Open the tabs, wait for each to draw, settle, then measure the server over the window."""
    from playwright.sync_api import sync_playwright

    mode = "one process, forced GC" if forced_gc else "one process"
    deadline = time.monotonic() + 120 + window
    with (
        started_target(mode, 0, "127.0.0.1", data, deadline, options=FORCED_GC if forced_gc else ()) as target,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            pages = [context.new_page() for _ in range(tabs)]
            for page in pages:
                page.goto(f"http://127.0.0.1:{target.port}/", timeout=60_000)
            for page in pages:
                page.wait_for_selector(".js-plotly-plot", timeout=60_000)
            time.sleep(5)  # let the first runs and their follow-up messages finish
            before = cpu_seconds(target.pids)
            time.sleep(window)
            after = cpu_seconds(target.pids)
        finally:
            browser.close()
    if before is None or after is None:
        raise BenchmarkError("could not read the server's CPU time")
    share = (after - before) / window
    return IdleResult(mode, tabs, window, share, share / tabs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tabs", type=bounded(int, 1, MAX_TABS), default=12)
    parser.add_argument("--window", type=bounded(float, 1, 600), default=20.0)
    parser.add_argument("--forced-gc", action="store_true", help="also measure with Streamlit's forced collection")
    parser.add_argument("--data", type=Path, default=ROOT / "events.yaml")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "events.yaml"
        data.write_bytes(args.data.read_bytes())  # a copy: the server may poll it, nothing else touches it
        for forced in [False, True] if args.forced_gc else [False]:
            try:
                results.append(measure(args.tabs, args.window, forced_gc=forced, data=data))
            except BenchmarkError as error:
                print(f"browser_idle: {error}", file=sys.stderr)
                return 1
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
        return 0
    for r in results:
        print(f"{r.mode}: {r.tabs} idle Chromium tabs, server CPU over {r.window_s:.0f} s: "
              f"{100 * r.server_cpu_share:.1f}% of a core ({100 * r.per_tab_share:.2f}% per tab)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
