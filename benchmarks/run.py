"""Speed, size and memory of the loader, the figures and the page: `python -m benchmarks.run [--quick]`;
the serving targets (idle readers, reruns per second, memory over time): `python -m benchmarks.run --serving`.

Each number comes from a fresh process; ratios are measured side by side in one process, alternating,
so that a busy machine slows both sides alike. Absolute times are indicative; the ratios are the targets.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TARGETS = {
    "load_ratio": 1.5,  # full load ÷ bare C parse
    "cache_ratio": 0.1,  # cached start ÷ full start, at 10,000 events
    "rerun_seconds": 0.5,  # page rerun after a filter change, at 10,000 events
    "rerun_growth": 2.0,  # rerun at 10,000 ÷ rerun at 1,000
    "timeline_bytes": 100,  # timeline figure JSON per event drawn
    "figure_bytes": 2_000_000,  # any figure's JSON
    "held_bytes": 1024,  # memory held per event beyond the file's own bytes
}


def data_file(events: int) -> Path:
    path = DATA / f"events-{events}.yaml"
    if not path.exists():
        from benchmarks.generate import main as generate

        generate([str(events), str(path)])
    return path


def _median_pair(first: Any, second: Any, repeats: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(repeats):
        for timings, function in ((a, first), (b, second)):
            gc.collect()
            start = time.perf_counter()
            function()
            timings.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def measure_load(path: Path, repeats: int) -> dict[str, Any]:
    """Bare PyYAML C parse and our load + validate + frames, alternating in one process."""
    import yaml

    from components.view.files.parse_cache import load_frames

    text = path.read_text(encoding="utf-8")
    bare, full = _median_pair(
        lambda: yaml.load(text, Loader=yaml.CSafeLoader), lambda: load_frames(path, use_cache=False), repeats
    )
    return {"bare_s": bare, "full_s": full, "load_ratio": full / bare}


def measure_start(path: Path, cached: bool) -> dict[str, Any]:
    """One cold start: the frames from the cache, or from a full load."""
    from components.view.files.parse_cache import load_frames

    start = time.perf_counter()
    load_frames(path, use_cache=cached)
    return {"seconds": time.perf_counter() - start}


def measure_figures(path: Path) -> dict[str, Any]:
    """Each figure of the unfiltered data: build time and JSON bytes."""
    from components.view.draw.detention_figure import detention_figure
    from components.view.draw.prisoner_figures import prisoners_figure, releases_figure
    from components.view.draw.timeline_figures import timeline_figure
    from components.view.files.parse_cache import load_frames

    frames = load_frames(path)
    builders = {
        "timeline": lambda: timeline_figure(frames.events, frames.categories, language="en"),
        "timeline_markers": lambda: timeline_figure(
            frames.events.head(5000), frames.categories, language="en", max_markers=len(frames.events)
        ),
        "detentions": lambda: detention_figure(frames.people, language="en"),
        "prisoners": lambda: prisoners_figure(frames.counts, frames.events, language="en"),
        "releases": lambda: releases_figure(frames.releases, language="en"),
    }
    result = {}
    for name, build in builders.items():
        start = time.perf_counter()
        figure = build()
        seconds = time.perf_counter() - start
        drawn = min(5000, len(frames.events)) if name == "timeline_markers" else len(frames.events)
        size = len(figure.to_json())
        result[name] = {"seconds": seconds, "bytes": size, "bytes_per_event": size / max(drawn, 1)}
    return result


def measure_page(path: Path, reruns: int) -> dict[str, Any]:
    """The real script in AppTest: a cold first run, then reruns after a filter change."""
    os.environ["EVENTS_FILE"] = str(path)
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    start = time.perf_counter()
    app.run()
    first = time.perf_counter() - start
    timings = []
    for word in ["court", "border", "Minsk", "envoy", "verdict", "rally", "report", "talks"][:reruns]:
        app.text_input(key="f_query").set_value(word)
        start = time.perf_counter()
        app.run()
        timings.append(time.perf_counter() - start)
        assert not app.exception, app.exception
    return {"first_s": first, "rerun_s": statistics.median(timings)}


def measure_memory(path: Path) -> dict[str, Any]:
    """Memory the page holds per event (its frames), beyond the file's own bytes; and the peak."""
    import resource

    from components.view.files.parse_cache import load_frames

    size = path.stat().st_size
    load_frames(data_file(1_000), use_cache=False)  # one-time imports and tables are not held per event
    gc.collect()
    tracemalloc.start()
    frames = load_frames(path, use_cache=False)
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    events = len(frames.events)
    return {
        "held_per_event": (held - size) / events,
        "traced_peak_mb": peak / 1e6,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(kind: str, events: int, **options: Any) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.run", "--child", kind, "--events", str(events)]
    for key, value in options.items():
        command += [f"--{key}", str(value)]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if output.returncode != 0:
        raise SystemExit(f"{kind} at {events} failed:\n{output.stderr[-2000:]}")
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def run_child(kind: str, events: int, repeats: int) -> dict[str, Any]:
    path = data_file(events)
    if kind == "load":
        return measure_load(path, repeats)
    if kind in ("cached", "uncached"):
        return measure_start(path, kind == "cached")
    if kind == "figures":
        return measure_figures(path)
    if kind == "page":
        return measure_page(path, repeats)
    return measure_memory(path)


def benchmark(sizes: list[int], repeats: int) -> dict[int, dict[str, Any]]:
    results: dict[int, dict[str, Any]] = {}
    for events in sizes:
        data_file(events)
        _child("cached", events)  # writes the parse cache
        cached, uncached = [], []
        for _ in range(max(3, repeats)):  # cold processes, alternating
            cached.append(_child("cached", events)["seconds"])
            uncached.append(_child("uncached", events)["seconds"])
        load_repeats = repeats if events < 100_000 else 1
        results[events] = {
            **_child("load", events, repeats=load_repeats),
            "cached_s": statistics.median(cached),
            "uncached_s": statistics.median(uncached),
            "figures": _child("figures", events),
            **_child("page", events, repeats=max(3, repeats)),
            **_child("memory", events),
        }
        results[events]["cache_ratio"] = results[events]["cached_s"] / results[events]["uncached_s"]
        print(f"measured {events:,} events", file=sys.stderr)
    return results


def _figure_cell(figure: dict[str, Any]) -> str:
    return f"{figure['seconds']:.3f} / {figure['bytes'] / 1e3:,.0f}"


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    rows = [
        ("bare C parse (s)", lambda r: f"{r['bare_s']:.3f}"),
        ("load + validate + frames (s)", lambda r: f"{r['full_s']:.3f}"),
        ("  ratio (target ≤ 1.5)", lambda r: f"{r['load_ratio']:.2f}"),
        ("cold start, full load (s)", lambda r: f"{r['uncached_s']:.3f}"),
        ("cold start, parse cache (s)", lambda r: f"{r['cached_s']:.3f}"),
        ("  ratio (target ≤ 0.1 at 10k)", lambda r: f"{r['cache_ratio']:.3f}"),
        ("page: first run (s)", lambda r: f"{r['first_s']:.3f}"),
        ("page: rerun after a filter (s)", lambda r: f"{r['rerun_s']:.3f}"),
        *[(f"figure {name} (s / KB)", lambda r, n=name: _figure_cell(r["figures"][n]))
          for name in ("timeline", "timeline_markers", "detentions", "prisoners", "releases")],
        ("timeline bytes per event drawn", lambda r: f"{r['figures']['timeline_markers']['bytes_per_event']:.1f}"),
        ("held bytes per event beyond file", lambda r: f"{r['held_per_event']:.0f}"),
        ("peak RSS of load process (MB)", lambda r: f"{r['max_rss_mb']:.0f}"),
    ]  # fmt: skip
    width = max(len(label) for label, _ in rows)
    lines = [f"| {'N events'.ljust(width)} | " + " | ".join(f"{n:>12,}" for n in sizes) + " |"]
    lines.append("|" + "-" * (width + 2) + "|" + "|".join("-" * 14 for _ in sizes) + "|")
    for label, cell in rows:
        lines.append(f"| {label.ljust(width)} | " + " | ".join(f"{cell(results[n]):>12}" for n in sizes) + " |")
    return "\n".join(lines)


def verdicts(results: dict[int, dict[str, Any]]) -> list[str]:
    lines = []
    for events, result in sorted(results.items()):
        lines.append(f"{events:,}: load ratio {result['load_ratio']:.2f} (≤ {TARGETS['load_ratio']})"
                     f" {'met' if result['load_ratio'] <= TARGETS['load_ratio'] else 'MISSED'}")  # fmt: skip
        largest = max(f["bytes"] for f in result["figures"].values())
        lines.append(
            f"{events:,}: largest figure {largest / 1e6:.2f} MB (≤ 2 MB) {'met' if largest <= 2e6 else 'MISSED'}"
        )
        held = result["held_per_event"]
        lines.append(
            f"{events:,}: held {held:.0f} B/event (≤ 1024) {'met' if held <= TARGETS['held_bytes'] else 'MISSED'}"
        )
    per_event = max(r["figures"]["timeline_markers"]["bytes_per_event"] for r in results.values() if r)
    lines.append(f"timeline payload {per_event:.1f} B/event drawn (≤ 100) {'met' if per_event <= 100 else 'MISSED'}")
    if 10_000 in results:
        ten = results[10_000]
        lines.append(
            f"10,000: cache ratio {ten['cache_ratio']:.3f} (≤ 0.1) {'met' if ten['cache_ratio'] <= 0.1 else 'MISSED'}"
        )
        lines.append(f"10,000: rerun {ten['rerun_s']:.3f} s (≤ 0.5) {'met' if ten['rerun_s'] <= 0.5 else 'MISSED'}")
        if 1_000 in results:
            growth = ten["rerun_s"] / results[1_000]["rerun_s"]
            lines.append(f"rerun 10,000 ÷ 1,000 = {growth:.2f} (≤ 2) {'met' if growth <= 2 else 'MISSED'}")
    return lines


def _folders_cost(where: str, count: int) -> float:
    """Seconds to make `count` folders holding one 4 KB page each on the disk at `where`, rendering nothing: the
    least any build of that many pages can take there (each page of the site is a folder)."""
    import shutil
    import tempfile

    root = tempfile.mkdtemp(dir=where)
    start = time.perf_counter()
    for index in range(count):
        os.mkdir(f"{root}/{index}")
        with open(f"{root}/{index}/index.html", "wb") as file:
            file.write(b"x" * 4_000)
    cost = time.perf_counter() - start
    shutil.rmtree(root)
    return cost


def _site_line(events: int, load_s: float, label: str, built: dict[str, float], editions: int) -> str:
    """One set of editions' build times and ratios to the load; the target (≤ 3 at 10,000 events) is one edition's."""
    parts = []
    for name, seconds in built.items():
        ratio = seconds / load_s
        each = ratio / editions
        part = f"{seconds:.2f} s on {name}, ratio {ratio:.1f}" + (f", {each:.1f} per edition" if editions > 1 else "")
        if events == 10_000:
            part += f" (≤ 3{' per edition' if editions > 1 else ''}) {'met' if each <= 3 else 'MISSED'}"
        parts.append(part)
    return f"{events:,}: {label}: build " + "; ".join(parts)


def site_benchmark(sizes: list[int]) -> list[str]:
    """Build time against load time, output size and the largest event page, per size: English alone on one process
    and as the command builds it (one process per core), and all four languages, side by side (alternating, in one
    run); built into a folder on the temporary disk, as the Pages workflow does, and into memory (/dev/shm), which
    leaves out the disk's own cost."""
    import shutil
    import tempfile

    from components.i18n import LANGUAGES
    from components.site.build import build_site, default_jobs
    from components.view.files.parse_cache import load_frames

    places = {"disk": tempfile.gettempdir()} | ({"memory": "/dev/shm"} if os.path.isdir("/dev/shm") else {})
    jobs = default_jobs()
    editions = {"English only, 1 process": (("en",), 1), f"English only, {jobs} processes": (("en",), jobs),
                f"all {len(LANGUAGES)} languages, {jobs} processes": (LANGUAGES, jobs)}  # fmt: skip
    lines: list[str] = []
    for events in sizes:
        path = data_file(events)
        frames = load_frames(path, use_cache=False)
        loads: list[float] = []
        builds: dict[tuple[str, str], list[float]] = {(label, name): [] for label in editions for name in places}
        floors: dict[str, list[float]] = {name: [] for name in places}
        sizes_of: dict[str, tuple[int, int, int]] = {}  # files, bytes, largest event page
        # Alternating, median of three (one at 100,000), each build into a fresh folder as the Pages workflow does.
        for _ in range(1 if events > 50_000 else 3):
            gc.collect()
            start = time.perf_counter()
            load_frames(path, use_cache=False)
            loads.append(time.perf_counter() - start)
            for label, (languages, processes) in editions.items():
                for name, where in places.items():
                    out = Path(tempfile.mkdtemp(dir=where)) / "site"
                    gc.collect()
                    start = time.perf_counter()
                    files = build_site(out, frames, path, languages, processes)
                    builds[label, name].append(time.perf_counter() - start)
                    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
                    page = max(p.stat().st_size for p in out.rglob("index.html") if p.parent.parent.name == "events")
                    sizes_of[label] = (files, size, page)
                    shutil.rmtree(out.parent)
            for name, where in places.items():  # in the same minute as the builds: the disk's speed drifts
                floors[name].append(_folders_cost(where, sizes_of[next(iter(editions))][0]))
        load_s = statistics.median(loads)
        floor = ", ".join(f"{statistics.median(t):.2f} s on {name}" for name, t in floors.items())
        pages = sizes_of[next(iter(editions))][0]
        lines.append(f"{events:,}: load {load_s:.2f} s; making the English edition's {pages:,} folders with a page "
                     f"each, nothing rendered: {floor}")  # fmt: skip
        for label, (languages, _processes) in editions.items():
            built = {name: statistics.median(builds[label, name]) for name in places}
            files, size, page = sizes_of[label]
            lines.append(
                _site_line(events, load_s, label, built, len(languages))
                + f"; {files:,} files, {size / 2**20:.1f} MiB; largest event page {page / 1000:.1f} KB (≤ 20) "
                + ("met" if page <= 20_000 else "MISSED")
            )
    return lines


def database_benchmark(sizes: list[int]) -> list[str]:
    """The SQLite database and the Parquet files per size: build time beside the load time (median of three, in one
    run) and their sizes on disk."""
    import tempfile

    from components.view.files.data_tables import data_tables
    from components.view.files.database import parquet_files, write_database
    from components.view.files.parse_cache import load_frames

    lines = []
    for events in sizes:
        path = data_file(events)
        loads, tables_s, databases, parquets, size, parquet_size = [], [], [], [], 0, 0
        for _ in range(3):
            gc.collect()
            start = time.perf_counter()
            frames = load_frames(path, use_cache=False)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            tables = data_tables(frames)
            tables_s.append(time.perf_counter() - start)
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                size = write_database(Path(folder) / "events.db", frames, tables).stat().st_size
                databases.append(time.perf_counter() - start)
            start = time.perf_counter()
            parquet_size = sum(len(content) for content in parquet_files(tables).values())
            parquets.append(time.perf_counter() - start)
        median = statistics.median
        lines.append(
            f"{events:,} events: load {median(loads):.2f} s; tables {median(tables_s):.2f} s; SQLite database "
            f"{median(databases):.2f} s, {size / 2**20:.1f} MiB; Parquet files {median(parquets):.2f} s, "
            f"{parquet_size / 2**20:.1f} MiB"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="only 1,000 and 10,000 events")
    parser.add_argument("--sizes", type=int, nargs="+", help="event counts to measure")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON too")
    parser.add_argument(
        "--serving", action="store_true", help="the serving targets instead (idle tabs, reruns/s, memory; ~6 min)"
    )
    parser.add_argument("--site", action="store_true", help="the static edition's build time and size instead")
    parser.add_argument("--database", action="store_true", help="the SQLite database's and Parquet's build and size")
    parser.add_argument("--slow-link", action="store_true", help="a phone on a slow link: static edition and app")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.events, args.repeats)))
        return 0
    if args.slow_link:
        from benchmarks.slow_link import main as slow_link

        return slow_link([])
    if args.database:
        print("\n".join(database_benchmark(args.sizes or [1_000, 10_000])))
        return 0
    if args.site:
        lines = site_benchmark(args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]))
        print("\n".join(lines))
        return 0
    if args.serving:
        from benchmarks.serving import measure
        from benchmarks.serving import verdicts as serving_verdicts

        measured = measure()
        print("\n".join(serving_verdicts(measured)))
        if args.json:
            print(json.dumps(measured))
        return 0
    sizes = args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    results = benchmark(sizes, args.repeats)
    print(table(results))
    print()
    print("\n".join(verdicts(results)))
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
