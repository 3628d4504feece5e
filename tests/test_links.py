"""The link checker against a real HTTP server on this machine: ok, redirects, gone, slow and dropped answers, and
addresses it refuses to request."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from components.cli import main
from components.data.links import Refused, Settings, guard, run_link_check

from .samples import VALID

SLOW_SECONDS = 3.0
TIMEOUT = 1.0


class Handler(BaseHTTPRequestHandler):
    """Each path answers one way; every request is counted per path (retries are visible)."""

    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        if path == "/drop":  # the connection closes with no answer at all
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path == "/flaky" and Handler.hits[self.path] == 1:
            self._answer(503)
            return
        codes = {"/moved": 301, "/chain": 302, "/gone": 404, "/deleted": 410, "/forbidden": 403, "/loop": 302}
        location = {"/moved": "/ok", "/chain": "/moved", "/loop": "/loop"}.get(self.path)
        self._answer(codes.get(self.path, 200), location)

    def _answer(self, code: int, location: str | None = None) -> None:
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits.clear()
    Handler.agents.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def local(timeout: float = TIMEOUT, retries: int = 1) -> Settings:
    return Settings(allow_private=True, timeout=timeout, retries=retries, backoff=0.05)


@pytest.mark.slow  # waits for the slow answers to time out
def test_each_answer_is_reported_as_what_it_means(server: str) -> None:
    paths = ["ok", "moved", "chain", "gone", "deleted", "forbidden", "slow", "drop", "loop"]
    results = {r.source_id: r for r in run_link_check({p: f"{server}/{p}" for p in paths}, local())}
    assert results["ok"].status == "ok" and results["ok"].code == 200
    assert (results["moved"].status, results["moved"].location) == ("redirected", f"{server}/ok")
    assert (results["chain"].status, results["chain"].location) == ("redirected", f"{server}/ok")
    assert (results["gone"].status, results["gone"].code) == ("gone", 404)
    assert (results["deleted"].status, results["deleted"].code) == ("gone", 410)
    assert (results["forbidden"].status, results["forbidden"].code) == ("refused", 403)
    assert results["slow"].status == "failing" and "no answer within 1 s" in results["slow"].detail
    assert results["drop"].status == "failing" and "after 2 tries" in results["drop"].detail
    assert results["loop"].status == "failing" and "redirects" in results["loop"].detail


def test_a_passing_failure_is_retried_and_a_dropped_connection_is_tried_again(server: str) -> None:
    (flaky, drop) = run_link_check({"flaky": f"{server}/flaky", "drop": f"{server}/drop"}, local())
    assert flaky.status == "ok" and Handler.hits["/flaky"] == 2
    assert drop.status == "failing" and Handler.hits["/drop"] == 2


def test_it_says_who_it_is(server: str) -> None:
    run_link_check({"ok": f"{server}/ok"}, local())
    assert Handler.agents and all(agent.startswith("belarus-timeline-link-check/") for agent in Handler.agents)


@pytest.mark.slow  # two rounds of 3-second answers
def test_no_more_than_two_requests_to_one_host_at_a_time(server: str) -> None:
    started = time.monotonic()
    run_link_check({f"s{i}": f"{server}/slow?{i}" for i in range(4)}, local(SLOW_SECONDS + 2, retries=0))
    # Four slow answers, two at a time: two rounds.
    assert time.monotonic() - started >= 2 * SLOW_SECONDS - 0.2


def test_loopback_and_non_http_addresses_are_refused_without_being_requested(server: str) -> None:
    urls = {"local": f"{server}/ok", "file": "file:///etc/passwd", "ftp": "ftp://example.org/a"}
    results = {r.source_id: r for r in run_link_check(urls, Settings(timeout=TIMEOUT))}
    assert results["local"].status == "refused" and "loopback" in results["local"].detail
    assert results["file"].status == results["ftp"].status == "refused"
    assert Handler.hits == {}


@pytest.mark.parametrize("address", ["10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254", "::1", "fd00::1"])
def test_private_and_link_local_addresses_are_refused(address: str) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return ["93.184.215.14", address]  # one public address is not enough: every address must be public

    with ThreadPoolExecutor(max_workers=1) as pool:  # a loop of its own, whatever runs on this thread
        checked = pool.submit(asyncio.run, guard("https://innocent.example/page", allow_private=False, resolve=resolve))
        with pytest.raises(Refused, match="private, loopback or link-local"):
            checked.result()


def _data_file(write_data, base: str):
    text = VALID.replace("url: https://example.org/a", f"url: {base}/gone")
    second = f"  s2:\n    title: B\n    publisher: Pub\n    url: {base}/ok\n    published: 2022\n"
    text = text.replace("    published: 2022-02-28\n", "    published: 2022-02-28\n" + second, 1)
    return write_data(text.replace("sources: [s1]", "sources: [s1, s2]"))


def test_the_command_reports_as_text_and_json_and_strict_fails_on_a_gone_link(server: str, write_data, capsys) -> None:
    path = _data_file(write_data, server)
    assert main(["links", str(path), "--allow-private", "--timeout", "2"]) == 0
    out = capsys.readouterr().out
    assert f"gone: s1: {server}/gone [404]" in out and "2 links: 1 ok, 0 redirected, 1 gone" in out
    assert main(["links", str(path), "--allow-private", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["gone"] == 1 and {r["source_id"]: r["status"] for r in report["links"]} == {
        "s1": "gone",
        "s2": "ok",
    }
    assert main(["links", str(path), "--allow-private", "--strict"]) == 1


def test_the_command_refuses_a_local_server_without_the_flag(server: str, write_data, capsys) -> None:
    path = _data_file(write_data, server)
    assert main(["links", str(path), "--strict"]) == 0  # nothing is gone: nothing was requested
    assert "2 refused" in capsys.readouterr().out and Handler.hits == {}


def test_a_broken_data_file_is_reported_like_check_does(write_data, capsys) -> None:
    path = write_data(VALID.replace("as_of: 2026-03-19", "as_of: someday"))
    assert main(["links", str(path)]) == 1
    assert "as_of" in capsys.readouterr().out


class RedirectHandler(Handler):
    """Answers that point elsewhere: an internal host, or a port that cannot be."""

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        targets = {"/to-internal": "http://internal.test/admin", "/bad-port": "http://127.0.0.1:99999/x"}
        self._answer(302, targets.get(self.path, "/"))


@pytest.fixture
def redirector() -> Iterator[str]:
    Handler.hits.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), RedirectHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


async def public_then_internal(host: str, port: int) -> list[str]:
    """'localhost' (the test's own server) passes as public; internal.test is a private address."""
    return {"localhost": ["93.184.215.14"], "internal.test": ["10.0.0.5"]}.get(host, ["93.184.215.14"])


def test_a_redirect_to_an_internal_address_is_refused_before_it_is_followed(redirector: str) -> None:
    settings = Settings(timeout=TIMEOUT, retries=0, resolve=public_then_internal)
    (result,) = run_link_check({"r": f"{redirector}/to-internal"}, settings)
    assert result.status == "refused" and "internal.test resolves to 10.0.0.5" in result.detail


def test_a_broken_redirect_is_reported_not_a_crash(redirector: str) -> None:
    (result,) = run_link_check({"r": f"{redirector}/bad-port"}, local())
    assert result.status == "refused" and "port" in result.detail


def test_a_host_that_does_not_resolve_is_tried_again_then_failing() -> None:
    calls = []

    async def nowhere(host: str, port: int) -> list[str]:
        calls.append(host)
        raise OSError(-2, "Name or service not known")

    settings = Settings(timeout=TIMEOUT, retries=1, backoff=0.01, resolve=nowhere)
    (result,) = run_link_check({"gone": "https://no-such-outlet.test/story"}, settings)
    assert result.status == "failing" and "does not resolve" in result.detail and len(calls) == 2


@pytest.mark.parametrize("address", ["64:ff9b::a00:1", "::ffff:192.168.1.1", "2002:c0a8:0101::1"])
def test_an_internal_ipv4_address_inside_an_ipv6_one_is_refused(address: str) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return [address]

    with ThreadPoolExecutor(max_workers=1) as pool:
        checked = pool.submit(asyncio.run, guard("https://innocent.example/page", allow_private=False, resolve=resolve))
        with pytest.raises(Refused):
            checked.result()


@pytest.mark.parametrize("timeout", ["0", "-1", "nan", "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_refused_with_a_message(timeout: str, capsys) -> None:
    assert main(["links", "--timeout", timeout]) == 2
    assert "is not a number of seconds above 0" in capsys.readouterr().err
