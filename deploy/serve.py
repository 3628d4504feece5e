"""The dashboard behind nginx, in one command: `python deploy/serve.py [--port 8501] [--processes N]`.

The Docker image's entry point, and a way to serve compressed on any machine with nginx. It starts N
`streamlit run dashboard.py` processes on loopback ports, fills deploy/nginx.conf's placeholders (gzip for the
page's JavaScript, CSS and JSON; sticky sessions; websockets) and runs nginx in front of them on --port. It stops
everything when any of them stops or on SIGTERM/SIGINT, so that Docker's restart policy (or systemd) starts afresh.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from websockets.exceptions import WebSocketException

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
FIRST_UPSTREAM_PORT = 8601


def render_nginx_conf(template: str, *, listen: str, upstreams: Sequence[str], state_dir: Path) -> str:
    """Fill deploy/nginx.conf's placeholders (in its directives; its comments stay as written)."""
    values = {
        "LISTEN": listen,
        "UPSTREAMS": "\n        ".join(f"server {upstream} max_fails=3 fail_timeout=10s;" for upstream in upstreams),
        "STATE_DIR": str(state_dir),
    }

    def fill(found: re.Match[str]) -> str:
        if found.group(1) not in values:
            raise ValueError(f"{TEMPLATE}: unknown placeholder {found.group(0)}")
        return values[found.group(1)]

    lines = template.splitlines(keepends=True)
    return "".join(line if line.lstrip().startswith("#") else re.sub(r"\{\{(\w+)\}\}", fill, line) for line in lines)


def nginx_binary() -> str | None:
    """nginx on PATH or where Debian puts it (/usr/sbin is not on a non-root user's PATH)."""
    found = shutil.which("nginx")
    return found or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None)


def url_host(host: str) -> str:
    """A host as it goes before ':port' (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


def page_cookies(host: str, port: int) -> str:
    """GET / like a browser opening the page; return its cookies as a Cookie header (nginx's route, XSRF)."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise ConnectionError(f"GET / on port {port} answered {response.status}")
        return "; ".join(value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or [])
    finally:
        connection.close()


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _upstream_ports(count: int) -> list[int]:
    ports: list[int] = []
    port = FIRST_UPSTREAM_PORT
    while len(ports) < count:
        if _free(port):
            ports.append(port)
        port += 1
    return ports


async def _first_run(port: int, query: str) -> None:
    """Open the page as a browser does (its cookies, then the websocket) and run the script once in the view `query`."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    cookies = page_cookies("127.0.0.1", port)
    message = BackMsg()
    message.rerun_script.query_string = query
    headers = {"Cookie": cookies} if cookies else None
    address = f"ws://127.0.0.1:{port}/_stcore/stream"
    protocols: Any = ["streamlit"]
    async with connect(address, subprotocols=protocols, additional_headers=headers, proxy=None, max_size=2**26,
                       open_timeout=30) as websocket:  # fmt: skip
        await websocket.send(message.SerializeToString())
        while True:
            received = ForwardMsg()
            received.ParseFromString(await asyncio.wait_for(websocket.recv(decode=False), 120))
            if received.WhichOneof("type") == "script_finished":
                return


def healthy(port: int, deadline: float, running: Callable[[], bool] = lambda: True) -> bool:
    """Wait until the server on `port` answers its health check (True), `deadline` seconds pass or `running` turns
    False (False)."""
    until = time.monotonic() + deadline
    while time.monotonic() < until and running():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as health:
                if health.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def warm_start(port: int, deadline: float = 120.0) -> bool:
    """Once the server answers, run the page's default view in every language, so that its first readers do not pay
    for the imports, the data's loading and the default view's frames, figures and story. True when done."""
    from components.i18n import DEFAULT_LANGUAGE, LANGUAGES

    if not healthy(port, deadline):
        return False
    try:
        for language in LANGUAGES:
            asyncio.run(_first_run(port, "" if language == DEFAULT_LANGUAGE else f"lang={language}"))
    except (OSError, TimeoutError, WebSocketException) as error:
        print(f"serve.py: the warm start on port {port} did not finish ({error}).", file=sys.stderr)
        return False
    return True


def serve(port: int, processes: int, address: str) -> int:
    """Run until a child stops or a signal comes; returns the exit status."""
    binary = nginx_binary()
    if binary is None:
        print("serve.py: nginx is not installed (Debian: apt-get install -y nginx).", file=sys.stderr)
        return 2
    state = Path(tempfile.mkdtemp(prefix="timeline-nginx-"))
    ports = _upstream_ports(processes)
    streamlit = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address", "127.0.0.1",
                 "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    children = [subprocess.Popen([*streamlit, "--server.port", str(upstream)], cwd=ROOT) for upstream in ports]
    conf = state / "nginx.conf"
    listen = f"{url_host(address)}:{port}"
    upstreams = [f"127.0.0.1:{upstream}" for upstream in ports]
    conf.write_text(render_nginx_conf(TEMPLATE.read_text(encoding="utf-8"), listen=listen, upstreams=upstreams,
                                      state_dir=state), encoding="utf-8")  # fmt: skip
    nginx = [binary, "-p", str(state), "-e", str(state / "error.log"), "-c", str(conf)]
    children.append(subprocess.Popen([*nginx, "-g", f"daemon off; pid {state / 'nginx.pid'};"]))
    for upstream in ports:  # beside nginx, which already answers: a reader who comes first only waits for the rest
        threading.Thread(target=warm_start, args=(upstream,), daemon=True).start()
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    names = ["streamlit"] * len(ports) + ["nginx"]
    ended: str | None = None
    try:
        while not stopping and ended is None:
            time.sleep(0.5)
            ended = next((name for name, child in zip(names, children, strict=True) if child.poll() is not None), None)
    finally:
        for child in reversed(children):  # nginx first, so no reader reaches a stopped process
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
        shutil.rmtree(state, ignore_errors=True)
    if ended is not None:
        print(f"serve.py: {ended} stopped, so everything was stopped; see its messages above.", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8501")), help="nginx's port")
    parser.add_argument("--address", default="0.0.0.0", help="nginx's address (default: every interface)")
    parser.add_argument("--processes", type=int, default=1, help="streamlit processes (one per core at most)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    return serve(args.port, args.processes, args.address)


if __name__ == "__main__":
    sys.exit(main())
