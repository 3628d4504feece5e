"""The Docker image's entry point (deploy/serve.py: nginx in front of Streamlit), opened in Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from deploy.serve import healthy

from ..samples import ROOT, TIMELINE, needed_nginx
from .conftest import free_port
from .pagetools import metric, settle

pytestmark = pytest.mark.browser


def test_the_images_entry_point_serves_the_page_compressed_and_stops_cleanly(page, tmp_path: Path) -> None:
    needed_nginx()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("ALLOW_EDITS", "EVENTS_FILE")} | {
        "EVENTS_FILE": str(TIMELINE)
    }
    log = (tmp_path / "serve.log").open("wb")
    command = [sys.executable, "deploy/serve.py", "--port", str(port), "--address", "127.0.0.1"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        up = healthy(port, 60, running=lambda: process.poll() is None)
        assert up, (tmp_path / "serve.log").read_text(errors="replace")
        scripts: list[tuple[str, str | None, int]] = []
        page.on("response", lambda r: scripts.append((r.url, r.headers.get("content-encoding"), len(r.body())))
                if r.request.resource_type == "script" else None)  # fmt: skip
        page.goto(f"http://127.0.0.1:{port}/")
        settle(page)  # the websocket runs through nginx: the script ran and drew its figures
        assert metric(page, "Events shown") == "19 of 19"
        bundles = [s for s in scripts if s[2] > 100_000]
        assert bundles and all(encoding == "gzip" for _, encoding, _ in bundles), scripts
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
        log.close()
    with pytest.raises(OSError):  # nginx and Streamlit both gone
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
