"""A reader's rerun beside a bare Streamlit rerun, in one run: `python -m benchmarks.rerun_ratio [--json]`.

Starts a fresh dashboard and a fresh bare page (benchmarks/bare_page.py: the same search box, the same server
settings) and drives each with --sessions sessions × --reruns searches (benchmarks/load.py's websocket clients):
first each fresh server's first readers (cold: no warm-up session, nothing cached; and a third server after the
warm start deploy/serve.py gives a new server), then --rounds warm rounds,
alternating bare, the bare page drawing as many elements as the dashboard sent (Streamlit's own cost of them), and
dashboard, so that a busy machine slows all alike. It prints the dashboard's warm reruns/s as a
fraction of the bare page's, the cold first round's p95 beside the warm p95, and what the server sends per search
rerun (bytes over the websocket and elements, medians).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.load import DASHBOARD, ROOT, Plan, Round, measure, started_target
from deploy.serve import warm_start

BARE = ROOT / "benchmarks" / "bare_page.py"
TARGETS = {"warm_ratio": 0.6, "cold_p95_ratio": 2.0}  # dashboard ÷ bare reruns/s; cold p95 ÷ warm p95


def measure_ratio(sessions: int, reruns: int, rounds: int, data: Path, timeout: float) -> dict[str, Any]:
    """Every round's figures, and the ratios between them."""
    deadline = time.monotonic() + timeout
    plan = Plan(sessions, reruns)
    results: dict[str, list[Round]] = {"bare": [], "elements": [], "dashboard": []}
    with contextlib.ExitStack() as stack:
        targets = {
            name: stack.enter_context(started_target(name, 0, "127.0.0.1", data, deadline, script=script))
            for name, script in (("bare", BARE), ("dashboard", DASHBOARD), ("warm start", DASHBOARD))
        }
        started = time.perf_counter()
        warm_start(targets["warm start"].port)  # as deploy/serve.py does for a new server
        warm_start_s = time.perf_counter() - started
        cold = {name: asyncio.run(measure(target, Plan(sessions, reruns, warm=False), deadline))
                for name, target in targets.items()}  # fmt: skip
        # The bare page again, drawing as many elements as the dashboard sent: Streamlit's own share of a rerun.
        elements = round(cold["dashboard"].elements_per_rerun or 2)
        targets["elements"] = stack.enter_context(
            started_target("elements", 0, "127.0.0.1", data, deadline, script=BARE, options=("--", str(elements)))
        )
        for _ in range(rounds):
            for name, measured in results.items():
                measured.append(asyncio.run(measure(targets[name], plan, deadline)))
    warm = {name: statistics.median(r.reruns_per_s or 0.0 for r in rounds_) for name, rounds_ in results.items()}
    warm_p95 = {name: statistics.median(r.p95_s or 0.0 for r in rounds_) for name, rounds_ in results.items()}
    return {
        "sessions": sessions,
        "reruns": reruns,
        "warm_reruns_per_s": warm,
        "warm_p95_s": warm_p95,
        "cold_p95_s": {name: r.p95_s for name, r in cold.items()},
        "cold_first_view_p50_s": {name: r.first_run_p50_s for name, r in cold.items()},
        "warm_ratio": warm["dashboard"] / warm["bare"],
        "elements_ratio": warm["elements"] / warm["bare"],  # a bare page with the dashboard's number of elements
        "cold_p95_ratio": (cold["dashboard"].p95_s or 0.0) / warm_p95["dashboard"],
        "cold_p95_ratio_after_warm_start": (cold["warm start"].p95_s or 0.0) / warm_p95["dashboard"],
        "warm_start_s": warm_start_s,
        "bytes_per_rerun": {name: rounds_[-1].bytes_per_rerun for name, rounds_ in results.items()},
        "elements_per_rerun": {name: rounds_[-1].elements_per_rerun for name, rounds_ in results.items()},
        "errors": sorted({e for r in [*cold.values(), *(r for rs in results.values() for r in rs)] for e in r.errors}),
        "rounds": {name: [asdict(r) for r in rounds_] for name, rounds_ in results.items()},
    }


def report(result: dict[str, Any]) -> list[str]:
    """The figures and the verdicts, one line each."""
    warm, p95, cold = result["warm_reruns_per_s"], result["warm_p95_s"], result["cold_p95_s"]
    sent, elements = result["bytes_per_rerun"], result["elements_per_rerun"]
    ratio_met = result["warm_ratio"] >= TARGETS["warm_ratio"]
    cold_met = result["cold_p95_ratio"] <= TARGETS["cold_p95_ratio"]
    lines = [
        f"{result['sessions']} sessions × {result['reruns']} searches, warm rounds alternating (medians):",
        f"  bare page:  {warm['bare']:.1f} reruns/s, p95 {p95['bare']:.3f} s, "
        f"{sent['bare']:,.0f} bytes and {elements['bare']:.0f} elements per rerun",
        f"  bare page with as many elements as the dashboard: {warm['elements']:.1f} reruns/s, p95 "
        f"{p95['elements']:.3f} s, {sent['elements']:,.0f} bytes and {elements['elements']:.0f} elements per rerun",
        f"  dashboard:  {warm['dashboard']:.1f} reruns/s, p95 {p95['dashboard']:.3f} s, "
        f"{sent['dashboard']:,.0f} bytes and {elements['dashboard']:.0f} elements per rerun",
        f"warm reruns/s, dashboard ÷ bare: {result['warm_ratio']:.2f} (≥ {TARGETS['warm_ratio']}) "
        + ("met" if ratio_met else "MISSED"),
        f"  Streamlit's own cost of that many elements: {result['elements_ratio']:.2f}× the bare page's reruns/s; the "
        f"dashboard reruns at {warm['dashboard'] / warm['elements']:.2f}× that page",
        f"cold first round p95 {cold['dashboard']:.3f} s ÷ warm p95 {p95['dashboard']:.3f} s: "
        f"{result['cold_p95_ratio']:.2f} (≤ {TARGETS['cold_p95_ratio']}) " + ("met" if cold_met else "MISSED"),
        f"  after the warm start of deploy/serve.py ({result['warm_start_s']:.1f} s, before any reader): cold p95 "
        f"{cold['warm start']:.3f} s, {result['cold_p95_ratio_after_warm_start']:.2f}× the warm p95",
        f"a fresh server's first view (p50): dashboard {result['cold_first_view_p50_s']['dashboard']:.2f} s, after "
        f"the warm start {result['cold_first_view_p50_s']['warm start']:.2f} s, bare page "
        f"{result['cold_first_view_p50_s']['bare']:.2f} s",
    ]
    lines += [f"error: {error}" for error in result["errors"]]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--reruns", type=int, default=30, help="searches per session and round")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds of each server")
    parser.add_argument("--data", type=Path, default=ROOT / "events.yaml")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = parser.parse_args(argv)
    result = measure_ratio(args.sessions, args.reruns, args.rounds, args.data.resolve(), args.timeout)
    print(json.dumps(result, indent=2) if args.json else "\n".join(report(result)))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
