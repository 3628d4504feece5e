"""Browser fixtures: `streamlit run dashboard.py` on a free loopback port, opened in Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..samples import ROOT

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
INSTALL_HINT = (
    "No Chromium found. Install Debian's package (`sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a "
    "Chromium or Chrome binary; Playwright cannot download its own browsers here."
)


def chromium_path() -> str | None:
    """CHROMIUM_PATH, Debian's /usr/bin/chromium, `chromium` on PATH, or a browser Playwright installed itself."""
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    with contextlib.suppress(Exception):  # where `playwright install chromium` could run (e.g. GitHub Actions)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            candidates.append(playwright.chromium.executable_path)
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def decide_browser(path: str | None, *, ci: bool) -> str:
    """The browser's path; without one, skip locally but fail under CI (a missing browser is not a pass)."""
    if path is None:
        if ci:
            pytest.fail(INSTALL_HINT + " (CI is set, so this is a failure, not a skip)")
        pytest.skip(INSTALL_HINT)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running dashboard and the data file it shows."""

    url: str
    data_file: Path
    process: subprocess.Popen[bytes]


def start_server(data_file: Path, *, allow_edits: bool = False, log: Path | None = None) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("ALLOW_EDITS", "EVENTS_FILE")}
    env["EVENTS_FILE"] = str(data_file)
    if allow_edits:
        env["ALLOW_EDITS"] = "1"
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, data_file, process)
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"streamlit did not start on port {port}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = decide_browser(chromium_path(), ci=bool(os.environ.get("CI")))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start a dashboard on a copy of a data file (text, or the bundled file by default)."""
    servers: list[Server] = []

    def start(text: str | None = None, *, allow_edits: bool = False) -> Server:
        data_file = tmp_path / f"events-{len(servers)}.yaml"
        data_file.write_text(text if text is not None else (ROOT / "events.yaml").read_text(encoding="utf-8"),
                             encoding="utf-8")  # fmt: skip
        server = start_server(data_file, allow_edits=allow_edits, log=tmp_path / f"server-{len(servers)}.log")
        servers.append(server)
        return server

    yield start
    for server in servers:
        stop_server(server)


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page; a screenshot is saved under tests/browser/artifacts/ when the test ends."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    new_page = context.new_page()
    new_page.set_default_timeout(30_000)
    yield new_page
    ARTIFACTS.mkdir(exist_ok=True)
    with contextlib.suppress(Exception):  # a screenshot must not mask the test's own result
        new_page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
