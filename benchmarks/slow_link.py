"""What a phone on a slow link sees: Chromium at 390×844 with the network slowed through DevTools
(`Network.emulateNetworkConditions`), no cache, opening the static edition (served with and without compression)
and the app (direct and behind the project's nginx configuration). Per page and profile it prints the time to the
first text (first contentful paint), to the first story entry, to the first drawn chart, and the bytes transferred.

    python -m benchmarks.slow_link            (or: python -m benchmarks.run --slow-link)
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.load import free_port, started_target, stop
from deploy.serve import nginx_binary

ROOT = Path(__file__).resolve().parents[1]
PROFILES = {"1.6 Mbit/s, 150 ms": (1_600_000, 150), "400 kbit/s, 400 ms": (400_000, 400)}
STORY = ".story-event .story-title"
CHART = ".js-plotly-plot .main-svg"
TIMEOUT_S = 240  # the app direct on the slowest link takes minutes to draw its first chart
TARGETS = {  # the targets, per (page, profile): (first story entry s, first chart s, KB), None: none
    ("static, compressed", "1.6 Mbit/s, 150 ms"): (1.5, 5.0, 600),
    ("static, compressed", "400 kbit/s, 400 ms"): (3.0, None, None),
}
STATIC_NGINX = """worker_processes 1;
error_log {state}/error.log warn;
pid {state}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {state}/body; proxy_temp_path {state}/proxy; fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi; scgi_temp_path {state}/scgi;
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        gzip_static on;  # the .gz files the build writes beside each text file
        gzip_vary on;
    }}
}}
"""


@dataclass(frozen=True)
class Seen:
    page: str
    profile: str
    first_text: float | None
    story: float | None
    chart: float | None
    kilobytes: float


def _quiet_handler(folder: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextlib.contextmanager
def static_servers(site: Path) -> Iterator[dict[str, str]]:
    """The built site served by Python's http.server (no compression) and by nginx with gzip_static."""
    plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _quiet_handler(site))
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    urls = {"static, uncompressed": f"http://127.0.0.1:{plain.server_port}/index.html"}
    with tempfile.TemporaryDirectory(prefix="slow-link-") as state:
        Path(state).chmod(0o755)
        binary = nginx_binary()
        process = None
        if binary:
            port = free_port("127.0.0.1")
            conf = Path(state) / "nginx.conf"
            conf.write_text(STATIC_NGINX.format(state=state, port=port, site=site), encoding="utf-8")
            process = subprocess.Popen([binary, "-c", str(conf), "-p", state, "-g", "daemon off;"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            _wait_for(f"http://127.0.0.1:{port}/index.html")
            urls["static, compressed"] = f"http://127.0.0.1:{port}/index.html"
        try:
            yield urls
        finally:
            plain.shutdown()
            if process is not None:
                stop(process)


def _wait_for(url: str, seconds: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def visit(browser: Any, url: str, page_name: str, profile: str) -> Seen:
    """Open `url` on a slowed link, as a phone would, and time what the reader sees."""
    bits, latency = PROFILES[profile]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency, "downloadThroughput": bits / 8, "uploadThroughput": bits / 8,
    })  # fmt: skip
    received: list[float] = []
    cdp.on("Network.loadingFinished", lambda event: received.append(float(event.get("encodedDataLength", 0))))
    cdp.on("Network.webSocketFrameReceived", lambda event: received.append(len(event["response"]["payloadData"])))
    page.set_default_timeout(TIMEOUT_S * 1000)
    page.goto(url, wait_until="commit")

    def when(selector: str) -> float | None:
        try:
            page.wait_for_selector(selector, state="visible")
        except Exception:  # noqa: BLE001 - not there in time: reported as missing, not a crash
            return None
        return float(page.evaluate("performance.now()")) / 1000

    story, chart = when(STORY), when(CHART)
    paint = page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: null}).startTime"
    )
    page.wait_for_timeout(500)  # the last responses' byte counts
    context.close()
    first_text = None if paint is None else float(paint) / 1000
    return Seen(page_name, profile, first_text, story, chart, sum(received) / 1000)


def build_site(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "components", "site", str(out), "--language", "en"], cwd=ROOT, check=True,
                   capture_output=True, timeout=600)  # fmt: skip
    return out


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def table(seen: list[Seen]) -> str:
    lines = [
        "| page | link | first text | first story entry | first chart | transferred |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {s.page} | {s.profile} | {_cell(s.first_text)} | {_cell(s.story)} | {_cell(s.chart)} | "
              f"{s.kilobytes:,.0f} KB |" for s in seen]  # fmt: skip
    return "\n".join(lines)


def verdicts(seen: list[Seen]) -> list[str]:
    lines = []
    for s in seen:
        target = TARGETS.get((s.page, s.profile))
        if target is None:
            continue
        story, chart, kilobytes = target
        met = (
            (s.story is not None and s.story <= story)
            and (chart is None or (s.chart or 1e9) <= chart)
            and (kilobytes is None or s.kilobytes <= kilobytes)
        )
        wanted = f"story ≤ {story} s" + (f", chart ≤ {chart} s" if chart else "") + (
            f", ≤ {kilobytes} KB" if kilobytes else "")  # fmt: skip
        lines.append(f"{s.page}, {s.profile}: {wanted}: {'met' if met else 'MISSED'}")
    app = [s for s in seen if s.page == "app, behind nginx" and s.profile.startswith("1.6")]
    for s in app:
        lines.append(f"app behind nginx, {s.profile}: first text ≤ 8 s: "
                     f"{'met' if s.first_text is not None and s.first_text <= 8 else 'MISSED'}")  # fmt: skip
    return lines


def measure(app: bool = True) -> list[Seen]:
    from playwright.sync_api import sync_playwright

    seen: list[Seen] = []
    with tempfile.TemporaryDirectory(prefix="slow-link-site-") as folder, sync_playwright() as playwright:
        Path(folder).chmod(0o755)  # nginx's workers read it as another user
        site = build_site(Path(folder) / "site")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        with static_servers(site) as urls:
            for profile in PROFILES:
                for name, url in urls.items():
                    seen.append(visit(browser, url, name, profile))
        if app:
            data = ROOT / "events.yaml"
            for name, upstreams in (("app, direct", 0), ("app, behind nginx", 1)):
                with started_target(name, upstreams, "127.0.0.1", data, time.monotonic() + 120) as target:
                    # A first reader fills the server's caches; the measured readers come after.
                    url = f"http://127.0.0.1:{target.port}/"
                    visit(browser, url, name, "1.6 Mbit/s, 150 ms")
                    seen += [visit(browser, url, name, profile) for profile in PROFILES]
        browser.close()
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--static-only", action="store_true", help="only the static edition (a minute or two)")
    args = parser.parse_args(argv)
    seen = measure(app=not args.static_only)
    print(table(seen))
    print()
    print("\n".join(verdicts(seen)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
