"""Whether every cited page still answers: one request per source URL, a few at a time per host, with retries.

A URL is only requested when it is http(s) and every address its host resolves to is public: a hostile data file
in a pull request must not make CI probe the machine it runs on or its network (`allow_private` is for tests
against a local server). Redirects are followed by hand, each hop checked the same way. (A host whose DNS answer
changes between the check and the request could still slip through; the workflow runs on the reviewed main branch.)
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

# What became of a link, for a reader of the report:
#   ok: the page answered; redirected: it answered at another address (`location`); gone: 404 or 410;
#   refused: not requested (not http(s), or a private or local address), or the server refused access (401, 403, 451);
#   failing: no answer in time, a dropped connection, or a server error, after the retries.
STATUSES = ("ok", "redirected", "gone", "refused", "failing")
GONE = frozenset({404, 410})
ACCESS_REFUSED = frozenset({401, 403, 451})
RETRIED = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
USER_AGENT = "belarus-timeline-link-check/1.0 (checks that the sources a timeline cites still answer)"


@dataclass(frozen=True)
class LinkResult:
    """One source's link and what became of it."""

    source_id: str
    url: str
    status: str
    code: int | None = None
    location: str | None = None  # where a redirected link ends
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Resolver = Callable[[str, int], Awaitable[list[str]]]


async def _resolve(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class Settings:
    """How hard to try: per-host parallelism, the time one request may take, retries and their back-off."""

    per_host: int = 2
    at_once: int = 16  # requests in flight in all
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    allow_private: bool = False
    user_agent: str = USER_AGENT
    resolve: Resolver = _resolve  # the guard's name lookup (tests give their own; requests use the system's)


class Refused(Exception):
    """The checker will not request this URL; the message says why."""


class Unresolved(Exception):
    """The host has no address (now): tried again like a timeout, then reported as failing."""


async def guard(url: str, *, allow_private: bool, resolve: Resolver = _resolve) -> None:
    """Raise Refused unless the URL is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    try:
        port = parts.port  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        raise Refused("not a valid address (its port)") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise Refused("not an http(s) URL")
    if allow_private:
        return
    try:
        addresses = await resolve(parts.hostname, port or (443 if parts.scheme == "https" else 80))
    except UnicodeError:  # an empty or over-long label: no DNS name at all
        raise Refused("not a valid host name") from None
    except OSError as error:
        raise Unresolved(f"the host does not resolve ({error.strerror or error})") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if _internal(ip):
            raise Refused(f"{parts.hostname} resolves to {ip}, a private, loopback or link-local address")


def _internal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Not a public unicast address, itself or the IPv4 address an IPv6 one carries (mapped, 6to4, NAT64)."""
    if not ip.is_global or ip.is_multicast:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        carried = ip.ipv4_mapped or ip.sixtofour
        if carried is None and ip in ipaddress.ip_network("64:ff9b::/96"):
            carried = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        return carried is not None and _internal(carried)
    return False


async def _request(client: httpx.AsyncClient, url: str, settings: Settings) -> tuple[int, str]:
    """The final status code and address of a GET, following redirects by hand (each hop guarded)."""
    for _hop in range(MAX_REDIRECTS + 1):
        await guard(url, allow_private=settings.allow_private, resolve=settings.resolve)
        # GET rather than HEAD (many servers answer HEAD wrongly); the body is never read.
        async with client.stream("GET", url) as response:
            location = response.headers.get("location")
            if response.is_redirect and location:
                url = urljoin(url, location)
                continue
            return response.status_code, url
    raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


async def _check_one(
    client: httpx.AsyncClient,
    source_id: str,
    url: str,
    settings: Settings,
    slots: tuple[asyncio.Semaphore, asyncio.Semaphore],
) -> LinkResult:
    detail = ""
    for attempt in range(settings.retries + 1):
        if attempt:
            await asyncio.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            async with slots[0], slots[1]:  # the host's, then one of all
                # httpx times each phase; a server that trickles its answer still gets one deadline in all.
                code, final = await asyncio.wait_for(_request(client, url, settings), 2 * settings.timeout)
        except Refused as error:
            return LinkResult(source_id, url, "refused", detail=str(error))
        except (httpx.TooManyRedirects, httpx.InvalidURL, ValueError) as error:  # a broken Location, too
            return LinkResult(source_id, url, "failing", detail=f"{type(error).__name__}: {error}")
        except Unresolved as error:
            detail = str(error)
            continue
        except (httpx.TimeoutException, TimeoutError):
            detail = f"no answer within {settings.timeout:g} s"
            continue
        except httpx.HTTPError as error:
            detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            continue
        if code in RETRIED and attempt < settings.retries:
            detail = f"HTTP {code}"
            continue
        return _result(source_id, url, code, final)
    return LinkResult(source_id, url, "failing", detail=f"{detail} (after {settings.retries + 1} tries)")


def _result(source_id: str, url: str, code: int, final: str) -> LinkResult:
    moved = final if final != url else None
    if code in GONE:
        return LinkResult(source_id, url, "gone", code, moved)
    if code in ACCESS_REFUSED:
        return LinkResult(source_id, url, "refused", code, moved, "the server refused access")
    if code >= 400:
        return LinkResult(source_id, url, "failing", code, moved, f"HTTP {code}")
    return LinkResult(source_id, url, "redirected" if moved else "ok", code, moved)


async def check_links(urls: Mapping[str, str], settings: Settings | None = None) -> list[LinkResult]:
    """Every source id's URL checked; results in the order given."""
    settings = settings or Settings()
    hosts: dict[str, asyncio.Semaphore] = {}
    everyone = asyncio.Semaphore(settings.at_once)
    timeout = httpx.Timeout(settings.timeout)
    headers = {"User-Agent": settings.user_agent}
    async with httpx.AsyncClient(timeout=timeout, headers=headers, follow_redirects=False) as client:
        tasks = []
        for source_id, url in urls.items():
            host = (urlsplit(url).hostname or "").lower()
            slot = hosts.setdefault(host, asyncio.Semaphore(settings.per_host))
            tasks.append(_check_one(client, source_id, url, settings, (slot, everyone)))
        return list(await asyncio.gather(*tasks))


def run_link_check(urls: Mapping[str, str], settings: Settings | None = None) -> list[LinkResult]:
    """check_links from synchronous code, on a loop of its own (on a thread of its own where the caller's thread
    already runs one, as under Playwright's synchronous API)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(check_links(urls, settings))
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, check_links(urls, settings)).result()
