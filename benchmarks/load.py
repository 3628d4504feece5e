"""Load benchmark: N concurrent sessions rerunning dashboard.py over Streamlit's websocket, on loopback only.

    .venv/bin/python -m benchmarks.load --sessions 1 10 50 --reruns 5 [--idle 200] [--nginx 2] [--forced-gc] [--json]

Each session behaves like a browser tab: it loads the page (keeping its cookies), opens `/_stcore/stream`,
asks for the first run, then changes the sidebar search (`f_query`) `--reruns` times, each time to another query
(`--queries words`: 9, as many readers of one link revisit the same views; `mixed`: 66, more than the server's
figure caches hold), waiting for the run to finish. Rerun latency is from sending the rerun to receiving
`script_finished`.

`--idle N` also holds N idle tabs open through every round: each reruns the page's file-poll fragment at the
interval the page itself asked for (its `auto_rerun` message), as the browser does. Before the active sessions
start, the server's CPU is measured over `--idle-window` seconds with only the idle tabs open. `--forced-gc`
adds the same rounds on a server with Streamlit's forced collection after every run (`runner.postScriptGC`), for
a side-by-side figure. `--memory-at 200 2000` reads the server's memory after that many reruns in all.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from deploy.serve import TEMPLATE, nginx_binary, page_cookies, render_nginx_conf, url_host

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_SESSIONS, MAX_RERUNS, MAX_TIMEOUT, MAX_UPSTREAMS, MAX_IDLE = 200, 1000, 1800.0, 8, 500
QUERY_KEY = "f_query"  # the sidebar search's widget key (components/ui/state.py)
WORDS = ("Tikhanovsky", "embassy", "prisoners", "Minsk", "release", "election", "Viasna", "Lithuania", "Coale")
# Single words, pairs and a few triples and years: more distinct views than the server's figure caches hold.
QUERIES = (
    *WORDS,
    *(f"{a} {b}" for i, a in enumerate(WORDS) for b in WORDS[i + 1 :]),
    *(f"{a} {b} {c}" for a, b, c in zip(WORDS, WORDS[1:], WORDS[2:], strict=False)),
    "2020", "2021", "2022", "2023", "2024", "2025", "",
)  # fmt: skip
MAX_MESSAGE = 64 * 2**20
SHUTDOWN_GRACE = 10.0
Popen = subprocess.Popen[bytes]


class BenchmarkError(Exception):
    """A server or session did not behave as the benchmark needs."""


@dataclass
class Target:
    """Where sessions connect, and the server processes whose memory is measured."""

    mode: str
    host: str
    port: int
    pids: list[int]
    upstream_ports: list[int] = field(default_factory=list)
    proxy: Popen | None = None
    access_log: Path | None = None


@dataclass
class Round:
    """The result for one mode and one number of sessions."""

    mode: str
    sessions: int
    reruns_per_session: int
    reruns_expected: int
    reruns_completed: int = 0
    searches_confirmed: int = 0
    p50_s: float | None = None
    p95_s: float | None = None
    first_run_p50_s: float | None = None
    reruns_per_s: float | None = None
    bytes_per_rerun: float | None = None  # median of the search reruns: what the server sent
    elements_per_rerun: float | None = None
    rss_before_mb: float | None = None
    rss_after_mb: float | None = None
    mb_per_session: float | None = None
    server_cpu_s: float | None = None  # CPU time of the server process(es) during the reruns
    client_cpu_s: float | None = None  # CPU time of this benchmark during the reruns (it shares the machine)
    machine_cpu_s: float | None = None  # CPU time of every process on the machine during the reruns
    idle_tabs: int = 0
    idle_window_s: float | None = None
    idle_cpu_share: float | None = None  # server CPU over the idle window, in cores (1.0 = one core busy)
    idle_cpu_per_tab: float | None = None
    polls_per_s: float | None = None  # fragment polls the server answered per second in the idle window
    cpu_ms_per_poll: float | None = None
    cpu_ms_per_rerun: float | None = None  # server CPU per active rerun (idle tabs polling meanwhile)
    rss_at_mb: dict[str, float] = field(default_factory=dict)  # reruns done so far -> server memory
    sessions_per_upstream: dict[str, int] | None = None
    sticky: bool | None = None
    errors: list[str] = field(default_factory=list)
    timed_out: bool = False


class Session:
    """One browser tab's conversation with the server, as Streamlit's frontend holds it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.websocket: ClientConnection | None = None
        self.query_string = ""
        self.page_script_hash = ""
        self.search_widget: str | None = None
        # The frontend keeps big elements for a few runs and names them in each rerun; the server then sends
        # a reference instead of the element again.
        self.cached: dict[str, int] = {}
        self.cache_age = 2
        self.runs = 0
        self.first_run: float | None = None
        self.latencies: list[float] = []
        self.sent_bytes: list[int] = []  # per search rerun: the server's messages, as they cross the websocket
        self.sent_elements: list[int] = []  # per search rerun: elements (and blocks) the server sent
        self.confirmed = 0
        self.error: str | None = None
        self.poll_fragment: str | None = None  # the page's auto-rerun fragment and its interval
        self.poll_interval: float | None = None
        self.polls = 0
        self.run_bytes = self.run_elements = 0

    async def open(self) -> None:
        """Load the page, then open the websocket with its cookies and run the script once."""
        cookies = await asyncio.to_thread(page_cookies, self.host, self.port)
        headers = {"Cookie": cookies} if cookies else None
        self.websocket = await connect(
            f"ws://{url_host(self.host)}:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            proxy=None,  # never through an HTTP(S)_PROXY from the environment
            max_size=MAX_MESSAGE,
            open_timeout=30,
            close_timeout=2,
        )
        self.first_run = await self.run_script(None)
        if self.search_widget is None:
            raise BenchmarkError(f"the first run drew no text input with key {QUERY_KEY!r}")

    async def rerun(self, word: str) -> None:
        """Type a new search word, as the frontend sends it, and time the rerun."""
        self.latencies.append(await self.run_script(word))
        self.sent_bytes.append(self.run_bytes)
        self.sent_elements.append(self.run_elements)

    async def poll(self) -> float:
        """Rerun the page's file-poll fragment, as the browser's timer does."""
        assert self.poll_fragment is not None
        elapsed = await self.run_script(None, fragment=self.poll_fragment)
        self.polls += 1
        return elapsed

    async def idle(self, until: float) -> None:
        """Stay open, polling at the page's own interval, until `until` (loop time)."""
        loop = asyncio.get_running_loop()
        if self.poll_interval:  # tabs opened together would otherwise poll in lockstep; real ones do not
            await asyncio.sleep(random.uniform(0, self.poll_interval))
        while self.poll_interval and loop.time() + self.poll_interval < until:
            await asyncio.sleep(self.poll_interval)
            await self.poll()
        await asyncio.sleep(max(0.0, until - loop.time()))

    async def run_script(self, search: str | None, fragment: str | None = None) -> float:
        assert self.websocket is not None
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        state.cached_message_hashes.extend(self.cached)
        if fragment is not None:
            state.fragment_id = fragment
            state.is_auto_rerun = True
        if search is not None and self.search_widget is not None:
            widget = state.widget_states.widgets.add()
            widget.id = self.search_widget
            widget.string_value = search
        self.runs += 1
        self.run_bytes = self.run_elements = 0
        started = time.perf_counter()
        await self.websocket.send(message.SerializeToString())
        while True:
            received = ForwardMsg()
            raw = await self.websocket.recv(decode=False)
            received.ParseFromString(raw)
            self.run_bytes += len(raw)
            kind = received.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = received.new_session.page_script_hash
                self.cache_age = received.new_session.config.max_cached_message_age or self.cache_age
            elif kind == "page_info_changed":
                self.query_string = received.page_info_changed.query_string
                if search and any(search in values for values in urllib.parse.parse_qs(self.query_string).values()):
                    self.confirmed += 1
            elif kind == "delta":
                self.note_delta(received)
            elif kind == "auto_rerun":
                self.poll_fragment = received.auto_rerun.fragment_id
                self.poll_interval = received.auto_rerun.interval
            elif kind == "script_finished":
                status = received.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY or (
                    fragment is not None and status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                ):
                    elapsed = time.perf_counter() - started
                    self.cached = {h: run for h, run in self.cached.items() if self.runs - run < self.cache_age}
                    return elapsed
                if status != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    raise BenchmarkError(f"script finished with {ForwardMsg.ScriptFinishedStatus.Name(status)}")

    def note_delta(self, received: ForwardMsg) -> None:
        if received.metadata.cacheable and received.hash:
            self.cached[received.hash] = self.runs
        delta = received.delta
        self.run_elements += delta.WhichOneof("type") in ("new_element", "add_block")
        if delta.WhichOneof("type") == "new_element" and delta.new_element.WhichOneof("type") == "text_input":
            widget_id = delta.new_element.text_input.id
            if widget_id.endswith(f"-{QUERY_KEY}"):
                self.search_widget = widget_id

    async def close(self) -> None:
        if self.websocket is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.websocket.close(), 3)


def percentile(values: Sequence[float], percent: float) -> float | None:
    """Nearest-rank percentile (no interpolation), None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (a server may fork helpers)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
    return pids


def rss_bytes(pids: Sequence[int]) -> int | None:
    """Resident memory of the processes and their children (VmRSS in /proc/PID/status), None if unreadable."""
    if not pids:
        return None
    total = 0
    for root in pids:
        for pid in process_tree(root):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                return None
            found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            total += int(found.group(1)) * 1024 if found else 0
    return total


def cpu_seconds(pids: Sequence[int]) -> float | None:
    """User plus system CPU time of the processes and their children so far (/proc/PID/stat), None if unreadable."""
    if not pids:
        return None
    ticks = 0
    for root in pids:
        for pid in process_tree(root):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return None
            ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """Busy CPU time of the whole machine so far (/proc/stat: user, nice, system, irq, softirq)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]) / os.sysconf("SC_CLK_TCK")


def listening_pid(port: int) -> int | None:
    """The process listening on a local TCP port, from /proc (for --port: an already running server)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # 0A: LISTEN
                    inodes.add(f"socket:[{fields[9]}]")
    for process in Path("/proc").iterdir():
        if not process.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in (process / "fd").iterdir()):
                return int(process.name)
    return None


def free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_healthy(host: str, port: int, deadline: float, process: Popen, log: Path) -> None:
    """Poll /_stcore/health until it answers, the process dies, or the deadline passes."""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"server on port {port} exited ({process.returncode}): {tail(log)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection(host, port, timeout=2)
            try:
                connection.request("GET", "/_stcore/health")
                if connection.getresponse().status == 200:
                    return
            finally:
                connection.close()
        time.sleep(0.2)
    raise BenchmarkError(f"server on port {port} not healthy before the deadline: {tail(log)}")


def tail(log: Path) -> str:
    with contextlib.suppress(OSError):
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-5:])
    return ""


def stop(process: Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a process the benchmark started: the signal, then SIGKILL if it is still there after a grace period."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(SHUTDOWN_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_streamlit(
    stack: contextlib.ExitStack,
    host: str,
    data: Path,
    logs: Path,
    options: Sequence[str] = (),
    *,
    script: Path = DASHBOARD,
) -> tuple[int, Popen]:
    """`streamlit run dashboard.py` (or `script`; from the repository, so its .streamlit/config.toml applies) on
    a free port showing `data`, with extra `--section.option value` arguments; the stack stops it."""
    port = free_port(host)
    env = {k: v for k, v in os.environ.items() if k != "ALLOW_EDITS"}
    env["EVENTS_FILE"] = str(data)
    log = logs / f"streamlit-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", host,
             "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false", *options],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    stack.callback(stop, process)
    return port, process


@contextlib.contextmanager
def started_target(
    mode: str,
    upstreams: int,
    host: str,
    data: Path,
    deadline: float,
    *,
    options: Sequence[str] = (),
    script: Path = DASHBOARD,
) -> Iterator[Target]:
    """Start the server(s) for one round (one streamlit, or several behind nginx) and stop them afterwards."""
    with contextlib.ExitStack() as stack:
        state = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-benchmark-")))
        started = [start_streamlit(stack, host, data, state, options, script=script) for _ in range(max(1, upstreams))]
        for port, process in started:
            wait_healthy(host, port, deadline, process, state / f"streamlit-{port}.log")
        target = Target(mode, host, started[0][0], [process.pid for _, process in started])
        if upstreams:
            binary = nginx_binary()
            assert binary is not None
            target.upstream_ports = [port for port, _ in started]
            target.port = free_port(host)
            target.access_log = state / "access.log"
            conf = state / "nginx.conf"
            conf.write_text(
                render_nginx_conf(
                    TEMPLATE.read_text(),
                    listen=f"{url_host(host)}:{target.port}",
                    upstreams=[f"{url_host(host)}:{port}" for port in target.upstream_ports],
                    state_dir=state,
                )
            )
            log = state / "nginx-stderr.log"
            with log.open("wb") as output:
                command = [binary, "-p", str(state), "-e", str(state / "error.log"), "-c", str(conf)]
                target.proxy = subprocess.Popen(
                    [*command, "-g", f"daemon off; pid {state / 'nginx.pid'};"],
                    stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )  # fmt: skip
            # Stopped gracefully (SIGQUIT), before the upstreams, so that its access log is complete.
            stack.callback(stop, target.proxy, signal.SIGQUIT)
            wait_healthy(host, target.port, deadline, target.proxy, state / "error.log")
        yield target


async def warm_up(host: str, ports: Sequence[int]) -> None:
    """One session per process first, so imports and the data cache are not counted as per-session memory."""
    for port in ports:
        session = Session(host, port)
        try:
            await session.open()
            await session.rerun(WORDS[0])
        except (OSError, WebSocketException, http.client.HTTPException) as error:
            raise BenchmarkError(f"warm-up session on port {port}: {type(error).__name__}: {error}") from error
        finally:
            await session.close()


@dataclass(frozen=True)
class Plan:
    """What one round does."""

    sessions: int
    reruns: int
    idle: int = 0
    idle_window: float = 20.0
    memory_at: tuple[int, ...] = ()
    queries: tuple[str, ...] = WORDS
    warm: bool = True  # one session first (imports, the data); False measures a fresh server's first readers


async def open_all(clients: Sequence[Session]) -> None:
    async def open_one(client: Session) -> None:
        try:
            await client.open()
        except Exception as error:  # noqa: BLE001 - one broken session is reported, the others go on
            client.error = f"{type(error).__name__}: {error}"

    await asyncio.gather(*(open_one(client) for client in clients))


async def measure_idle(target: Target, idle: Sequence[Session], window: float, result: Round) -> None:
    """Server CPU over a window in which only the idle tabs are open, polling at the page's interval."""
    polls = sum(tab.polls for tab in idle)
    cpu = cpu_seconds(target.pids)
    await asyncio.sleep(window)
    cpu_after = cpu_seconds(target.pids)
    if cpu is None or cpu_after is None:
        return
    polls = sum(tab.polls for tab in idle) - polls
    result.idle_window_s = window
    result.idle_cpu_share = (cpu_after - cpu) / window
    result.idle_cpu_per_tab = result.idle_cpu_share / len(idle)
    result.polls_per_s = polls / window
    result.cpu_ms_per_poll = 1000 * (cpu_after - cpu) / polls if polls else None


async def measure(target: Target, plan: Plan, deadline: float) -> Round:
    """Open the idle tabs and the sessions, then rerun the sessions all at once; CPU and memory are read meanwhile."""
    result = Round(target.mode, plan.sessions, plan.reruns, plan.sessions * plan.reruns, idle_tabs=plan.idle)
    clients = [Session(target.host, target.port) for _ in range(plan.sessions)]
    idle = [Session(target.host, target.port) for _ in range(plan.idle)]
    loop = asyncio.get_running_loop()
    done = 0
    checkpoints = sorted(plan.memory_at)

    async def drive(index: int, client: Session) -> None:
        nonlocal done
        try:
            for step in range(plan.reruns):
                await client.rerun(plan.queries[(index * 7 + step + 1) % len(plan.queries)])
                done += 1
                while checkpoints and done >= checkpoints[0]:
                    rss = rss_bytes(target.pids)
                    result.rss_at_mb[str(checkpoints.pop(0))] = rss / 2**20 if rss else math.nan
        except Exception as error:  # noqa: BLE001 - one broken session is reported, the others go on
            client.error = client.error or f"{type(error).__name__}: {error}"

    idlers: list[asyncio.Task[None]] = []
    try:
        async with asyncio.timeout_at(loop.time() + deadline - time.monotonic()):
            if plan.warm:
                await warm_up(target.host, target.upstream_ports or [target.port])
            await open_all(idle)
            until = loop.time() + deadline - time.monotonic()
            idlers = [asyncio.create_task(tab.idle(until)) for tab in idle if tab.error is None]
            if idle:
                await measure_idle(target, idle, plan.idle_window, result)
            await asyncio.sleep(0.5)
            rss_before = rss_bytes(target.pids)
            await open_all(clients)
            started, server_cpu, client_cpu = time.perf_counter(), cpu_seconds(target.pids), time.process_time()
            machine_cpu = machine_cpu_seconds()
            await asyncio.gather(*(drive(i, client) for i, client in enumerate(clients) if client.error is None))
            elapsed = time.perf_counter() - started
            result.client_cpu_s = time.process_time() - client_cpu
            result.machine_cpu_s = machine_cpu_seconds() - machine_cpu
            server_cpu_after = cpu_seconds(target.pids)
            if server_cpu is not None and server_cpu_after is not None:
                result.server_cpu_s = server_cpu_after - server_cpu
            rss_after = rss_bytes(target.pids)  # while every session is still open
            latencies = [latency for client in clients for latency in client.latencies]
            result.reruns_per_s = len(latencies) / elapsed if elapsed else None
            if result.server_cpu_s is not None and latencies:
                result.cpu_ms_per_rerun = 1000 * result.server_cpu_s / len(latencies)
            if rss_before is not None and rss_after is not None:
                result.rss_before_mb, result.rss_after_mb = rss_before / 2**20, rss_after / 2**20
                result.mb_per_session = (rss_after - rss_before) / 2**20 / plan.sessions
    except TimeoutError:
        result.timed_out = True
    finally:
        for task in idlers:
            task.cancel()
        await asyncio.gather(*idlers, return_exceptions=True)
        await asyncio.gather(*(client.close() for client in [*clients, *idle]))

    latencies = [latency for client in clients for latency in client.latencies]
    result.reruns_completed = len(latencies)
    result.searches_confirmed = sum(client.confirmed for client in clients)
    result.p50_s, result.p95_s = percentile(latencies, 50), percentile(latencies, 95)
    result.first_run_p50_s = percentile([c.first_run for c in clients if c.first_run is not None], 50)
    result.bytes_per_rerun = percentile([float(b) for client in clients for b in client.sent_bytes], 50)
    result.elements_per_rerun = percentile([float(e) for client in clients for e in client.sent_elements], 50)
    result.errors = sorted({client.error for client in [*clients, *idle] if client.error})
    return result


def route_summary(access_log: Path, upstream_ports: Sequence[int]) -> tuple[dict[str, int], bool]:
    """From nginx's access log: websocket sessions per upstream, and whether each route key stayed on one."""
    upstreams_by_route: dict[str, set[str]] = defaultdict(set)
    sessions: Counter[str] = Counter({str(port): 0 for port in upstream_ports})
    for line in access_log.read_text().splitlines():
        found = re.search(r'"(\S+) (\S+)[^"]*" (\d+) route=(\S+) upstream=(\S+)', line)
        if not found or found.group(2) == "/_stcore/health":
            continue
        upstream = found.group(5).rsplit(":", 1)[-1]
        upstreams_by_route[found.group(4)].add(upstream)
        if found.group(2).startswith("/_stcore/stream"):
            sessions[upstream] += 1
    return dict(sessions), all(len(upstreams) == 1 for upstreams in upstreams_by_route.values())


FORCED_GC = ("--runner.postScriptGC", "true")  # Streamlit's default, which the project's config turns off


def run_round(args: argparse.Namespace, mode: str, upstreams: int, plan: Plan, deadline: float) -> Round:
    """One round on fresh servers (so memory is not left over from the last round), or on --port's server."""
    if args.port is not None:
        pid = listening_pid(args.port)
        target = Target(mode, args.host, args.port, [pid] if pid else [])
        return asyncio.run(measure(target, plan, deadline))
    host = "127.0.0.1" if args.host == "localhost" else args.host
    options = FORCED_GC if "forced GC" in mode else ()
    with started_target(mode, upstreams, host, args.data, deadline, options=options) as target:
        result = asyncio.run(measure(target, plan, deadline))
        if target.proxy is not None and target.access_log is not None:
            stop(target.proxy, signal.SIGQUIT)
            result.sessions_per_upstream, result.sticky = route_summary(target.access_log, target.upstream_ports)
    return result


def loopback_host(value: str) -> str:
    if value.strip("[]") not in LOOPBACK:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a loopback address; this benchmark only talks to 127.0.0.1, localhost or ::1"
        )
    return value.strip("[]")


def bounded(kind: type[int] | type[float], low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is outside {low:g}..{high:g}")
        return value

    return parse


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sessions",
        nargs="+",
        type=bounded(int, 1, MAX_SESSIONS),
        default=[1, 10, 50],
        help="numbers of concurrent sessions, one round each (default: 1 10 50)",
    )
    parser.add_argument(
        "--reruns", type=bounded(int, 1, MAX_RERUNS), default=5, help="search changes per session (default: 5)"
    )
    parser.add_argument(
        "--timeout",
        type=bounded(float, 1, MAX_TIMEOUT),
        default=120.0,
        help="overall cap in seconds; unfinished rounds are reported as timed out (default: 120)",
    )
    parser.add_argument("--host", type=loopback_host, default="127.0.0.1", help="127.0.0.1, localhost or ::1")
    parser.add_argument(
        "--port",
        type=bounded(int, 1, 65535),
        help="use the server already running on this port instead of starting one per round",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT / "events.yaml",
        help="EVENTS_FILE for the servers the benchmark starts (default: the bundled events.yaml)",
    )
    parser.add_argument(
        "--nginx",
        type=bounded(int, 1, MAX_UPSTREAMS),
        metavar="K",
        help="also run every round against K streamlit processes behind nginx (deploy/nginx.conf)",
    )
    parser.add_argument(
        "--idle", type=bounded(int, 0, MAX_IDLE), default=0, help="idle tabs held open through every round (default 0)"
    )
    parser.add_argument(
        "--idle-window",
        type=bounded(float, 1, 600),
        default=20.0,
        help="seconds of server CPU measured with only the idle tabs open (default: 20)",
    )
    parser.add_argument(
        "--forced-gc", action="store_true", help="also run every round with Streamlit's forced collection after runs"
    )
    parser.add_argument(
        "--memory-at",
        nargs="+",
        type=bounded(int, 1, MAX_SESSIONS * MAX_RERUNS),
        default=[],
        help="read the server's memory when this many reruns are done in all (e.g. 200 2000)",
    )
    parser.add_argument(
        "--queries",
        choices=("words", "mixed"),
        default="words",
        help="words: 9 searches, as readers of one link repeat views (the server's caches serve most); "
        "mixed: 66 searches, more than the caches hold, so filtered frames and figures are rebuilt (default: words)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    args = parser.parse_args(argv)
    if args.port is not None and args.nginx:
        parser.error("--port uses a running server; --nginx starts its own, so give one or the other")
    if args.port is None and not args.data.is_file():
        parser.error(f"--data {args.data}: no such file")
    args.data = args.data.resolve()
    return args


def format_table(rounds: Sequence[Round]) -> str:
    """The rounds as an aligned text table."""

    def number(value: float | None, digits: int) -> str:
        return "n/a" if value is None else f"{value:.{digits}f}"

    header = ("mode", "N", "idle", "reruns done", "p50 s", "p95 s", "reruns/s", "first view s", "CPU ms/rerun",
              "idle CPU %", "CPU ms/poll", "MiB/session")  # fmt: skip
    rows = [
        (r.mode, str(r.sessions), str(r.idle_tabs),
         f"{r.reruns_completed}/{r.reruns_expected}" + (" (timed out)" if r.timed_out else ""),
         number(r.p50_s, 3), number(r.p95_s, 3), number(r.reruns_per_s, 1), number(r.first_run_p50_s, 3),
         number(r.cpu_ms_per_rerun, 1), number(None if r.idle_cpu_share is None else 100 * r.idle_cpu_share, 1),
         number(r.cpu_ms_per_poll, 2), number(r.mb_per_session, 2))
        for r in rounds
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_report(rounds: list[Round], skipped: list[str], *, as_json: bool) -> None:
    """The rounds as JSON, or as a table followed by each round's CPU, upstream spread and errors."""
    if as_json:
        print(json.dumps({"rounds": [asdict(r) for r in rounds], "skipped": skipped}, indent=2))
    else:
        print(format_table(rounds))
        for r in rounds:
            if r.server_cpu_s is not None and r.reruns_per_s:
                wall = r.reruns_completed / r.reruns_per_s
                print(
                    f"{r.mode}, N={r.sessions}: during the {wall:.1f} s of reruns, CPU seconds: servers "
                    f"{r.server_cpu_s:.1f}, this client {r.client_cpu_s or 0:.1f}, whole machine {r.machine_cpu_s:.1f}"
                )
            if r.rss_at_mb:
                memory = ", ".join(f"{reruns} reruns: {mb:.0f} MiB" for reruns, mb in r.rss_at_mb.items())
                print(f"{r.mode}, N={r.sessions}: server memory after {memory}")
            if r.sessions_per_upstream is not None:
                spread = ", ".join(f"port {port}: {count}" for port, count in r.sessions_per_upstream.items())
                sticky = "each stayed on one upstream" if r.sticky else "NOT STICKY: a session changed upstream"
                print(f"{r.mode}, N={r.sessions}: sessions per upstream {spread}; {sticky}")
            for problem in r.errors:
                print(f"{r.mode}, N={r.sessions}: {problem}")
        for note in skipped:
            print(note)


def modes(args: argparse.Namespace, skipped: list[str]) -> list[tuple[str, int]]:
    """(mode, processes behind nginx) for every configuration the rounds run on."""
    chosen = [("one process", 0)]
    if args.forced_gc and args.port is None:
        chosen.append(("one process, forced GC", 0))
    if args.nginx:
        if nginx_binary() is None:
            skipped.append(f"nginx+{args.nginx}: nginx is not installed (apt-get install -y nginx); mode skipped")
            print(f"load.py: {skipped[-1]}", file=sys.stderr)
        else:
            chosen.append((f"nginx+{args.nginx}", args.nginx))
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    """Run every round; exit 0 when every rerun finished, 1 if not, 2 for a bad command line."""
    args = parse_args(argv)
    deadline = time.monotonic() + args.timeout
    skipped: list[str] = []
    rounds: list[Round] = []
    for mode, upstreams in modes(args, skipped):
        for sessions in args.sessions:
            queries = QUERIES if args.queries == "mixed" else WORDS
            plan = Plan(sessions, args.reruns, args.idle, args.idle_window, tuple(args.memory_at), queries)
            if time.monotonic() >= deadline:
                rounds.append(Round(mode, sessions, args.reruns, sessions * args.reruns, timed_out=True))
                continue
            print(f"load.py: {mode}, {sessions} sessions × {args.reruns} reruns, {args.idle} idle…", file=sys.stderr)
            try:
                rounds.append(run_round(args, mode, upstreams, plan, deadline))
            except BenchmarkError as error:
                rounds.append(Round(mode, sessions, args.reruns, sessions * args.reruns, errors=[str(error)]))
    print_report(rounds, skipped, as_json=args.json)
    complete = all(r.reruns_completed == r.reruns_expected and not r.errors and r.sticky is not False for r in rounds)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
