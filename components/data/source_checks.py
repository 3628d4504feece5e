"""Checks that a reader who clicks a source lands on the real publication, by a publisher worth citing: the URL's
host belongs to the publisher named, is a well-formed host of a known outlet (not a lookalike, staging, redirector,
aggregator or mirror host), points at an article rather than a home or section page, and every entry keeps at least
one source of a primary kind.

The publisher table is `publishers.yaml` beside this module: each outlet's kind and its own domains.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .checks import Finding
from .model import Dataset, Source

PUBLISHERS_FILE = Path(__file__).with_name("publishers.yaml")
# What an outlet is. The first four may back a fact on their own; state media never alone on a political prisoner;
# an aggregator (a syndication portal, machine-rewriting site, content farm or mirror) is never cited.
PUBLISHER_KINDS = ("wire", "newsroom", "rights-group", "official", "state-media", "aggregator")
PRIMARY_KINDS = frozenset({"wire", "newsroom", "rights-group", "official"})
# Where an archived copy may be: the Internet Archive and archive.today's mirrors.
ARCHIVE_DOMAINS = ("archive.org", "archive.today", "archive.ph", "archive.is", "archive.li", "archive.vn", "archive.md")
# Parts of a host that serve drafts, previews or assets rather than the published page.
BACKSTAGE_LABELS = frozenset(
    {"staging", "stage", "dev", "cms", "preview", "test", "beta", "admin", "origin", "redakcja", "digital-stage", "wp",
     "cdn"}
)  # fmt: skip
BACKSTAGE_DOMAINS = (
    "arcpublishing.com", "wpengine.com", "azurewebsites.net", "pages.dev", "cloudfront.net", "herokuapp.com",
    "netlify.app", "vercel.app", "pantheonsite.io", "amazonaws.com",
)  # fmt: skip
REDIRECTORS = frozenset(
    {"t.co", "bit.ly", "ow.ly", "tinyurl.com", "lnkd.in", "l.facebook.com", "lm.facebook.com", "news.google.com",
     "buff.ly", "dlvr.it"}
)  # fmt: skip
SECTION_WORDS = frozenset(
    {"news", "world", "politics", "category", "tag", "tags", "section", "topic", "topics", "latest", "europe",
     "belarus", "en", "ru", "be", "uk", "pl", "index.html", "amp"}
)  # fmt: skip
CHEAP_TLDS = frozenset({"xyz", "top", "site", "online", "click", "shop", "sbs", "icu", "buzz", "cfd", "rest", "lol"})
# Digits that lookalike hosts put in place of letters ("br0wse", "kxan36news").
_DIGIT_LETTERS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t"})
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*$")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
# The outlet an id of the usual shape starts with: 'viasna' of 'viasna-2024-05-21-…' or 'viasna-db-2021-…'.
_ID_OUTLET = re.compile(r"^([a-z0-9]+)-(?:[a-z0-9-]*-)?(?:19|20)[0-9]{2}-")  # a year with more after it


class PublisherTableError(ValueError):
    """publishers.yaml is malformed: the message names the outlet and what to write."""


@dataclass(frozen=True)
class Publisher:
    """An outlet: its name as sources write it, what kind of publisher it is, and the domains that are its own."""

    name: str
    kind: str
    domains: tuple[str, ...]


@cache
def publishers(path: Path = PUBLISHERS_FILE) -> dict[str, Publisher]:
    """Outlet name → its kind and domains (any subdomain of one belongs too)."""
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    outlets = {}
    for name, entry in table.items():
        if not isinstance(entry, dict) or entry.get("kind") not in PUBLISHER_KINDS or not entry.get("domains"):
            raise PublisherTableError(
                f"{path.name}: '{name}' needs {{kind: …, domains: [...]}} with a kind of {', '.join(PUBLISHER_KINDS)}"
            )
        outlets[str(name)] = Publisher(str(name), entry["kind"], tuple(str(d).lower() for d in entry["domains"]))
    return outlets


def outlet(publisher: str) -> str:
    """The outlet a publisher label names: 'ABC News (AP)' → 'ABC News'."""
    return _PARENTHESIS.sub("", publisher).strip()


def _belongs(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


@cache
def _owners(path: Path = PUBLISHERS_FILE) -> dict[str, Publisher]:
    """Every listed domain → its outlet, for looking a host up by its suffixes."""
    return {domain: p for p in publishers(path).values() for domain in p.domains}


def host_publisher(host: str) -> Publisher | None:
    """The listed outlet whose domain the host is, or is under (the longest match)."""
    labels = host.split(".")
    owners = _owners()
    return next((owners[d] for i in range(len(labels) - 1) if (d := ".".join(labels[i:])) in owners), None)


def source_kind(source: Source) -> str | None:
    """The kind of the outlet whose site the source's URL is on; None for a host the table does not list."""
    found = host_publisher(_host(source.url))
    return found.kind if found else None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").lower()


@cache
def _brands(path: Path = PUBLISHERS_FILE) -> tuple[tuple[str, str], ...]:
    """A known outlet's name inside its domain ('zerkalo' of zerkalo.io) and the outlet, for spotting imitations."""
    brands = {}
    for p in publishers(path).values():
        for domain in p.domains:
            label = domain.split(".")[-2] if domain.count(".") >= 1 else domain
            if len(label) >= 5:
                brands[label] = p.name
    return tuple(brands.items())


def _malformed(url: str) -> str | None:
    """Why the URL's host is not a plain public host name, if it is not."""
    raw = (urlsplit(url).hostname or "").lower()
    if raw.endswith("."):
        return f"the host '{raw}' ends with a dot; remove it"
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        pass
    else:
        return f"'{raw}' is an IP address, not a publisher's site; link the outlet's own page"
    labels = raw.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"'{raw}' is not a valid host name; check the link"
    return None


def _host_findings(host: str) -> Iterator[str]:
    labels = host.split(".")
    if host in REDIRECTORS:
        yield f"'{host}' is a redirector; link the article itself"
    if BACKSTAGE_LABELS & set(labels[:-2]) or host.endswith(BACKSTAGE_DOMAINS):
        yield f"'{host}' is a staging, CMS or asset host, not the published page; link the outlet's own page"
    found = host_publisher(host)
    if found is None:
        squeezed = host.translate(_DIGIT_LETTERS)
        cheap = labels[-1] in CHEAP_TLDS
        for brand, name in _brands():
            # Digits for letters ('br0wse', '36'), or a known name on a throwaway domain ('zerkalo-….xyz').
            if (brand in squeezed and brand not in host) or (cheap and brand in host):
                domains = ", ".join(publishers()[name].domains)
                yield f"'{host}' looks like an imitation of {name} ({domains}); link the real site"
                return
        yield (
            f"'{host}' is not in the publisher table ({PUBLISHERS_FILE.name}); add its outlet with its kind and domains"
        )
    elif found.kind == "aggregator":
        yield (
            f"'{host}' is {found.name}, an aggregator or mirror; cite the original publisher's page (or a newspaper "
            "that runs the wire story under licence, with `via`)"
        )


def _path_findings(url: str) -> Iterator[str]:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if "/rd/" in parts.path or parts.path.startswith("/url") or "url=" in parts.query:
        yield "the link redirects to another address; link the article itself"
    elif not parts.query and all(s.lower() in SECTION_WORDS for s in segments):  # '?p=123' is an article
        yield "the link is a home or section page, not an article; link the article itself"


def _names(publisher: str | None) -> set[str]:
    """The words an id may use for an outlet: its name, initials and domains' labels ('rferl', 'svaboda', 'nn')."""
    if not publisher:
        return set()
    words = re.findall(r"[a-z0-9]+", outlet(publisher).lower())
    names = {"".join(words), "".join(w[0] for w in words), *(w for w in words if len(w) >= 3)}
    found = publishers().get(outlet(publisher))
    for domain in found.domains if found else ():
        names |= {domain.split(".")[0].replace("-", ""), *domain.split(".")[0].split("-"), domain.replace(".", "")}
    return {n for n in names if len(n) >= 2}


def _names_another_outlet(source_id: str, source: Source) -> str | None:
    """Whether the id's first word names neither the site the URL is on nor, for a copy, the original outlet."""
    match = _ID_OUTLET.match(source_id)
    if match is None:
        return None
    word = match.group(1)
    host = _host(source.url)
    found = host_publisher(host)
    names = _names(source.publisher) | _names(found.name if found else None) | _names(source.via)
    names |= {label for label in host.split(".")[:-1]} | {host.replace(".", "")}
    if any(name.startswith(word) or (len(name) >= 3 and word.startswith(name)) for name in names):
        return None
    return (
        f"the id names '{word}', but the URL is on '{host}' ({outlet(source.publisher)}); "
        "rename the id after its outlet"
    )


def _same_page(url: str) -> str:
    """A URL as the page it names: no scheme, 'www.', fragment or trailing slash; the host in lower case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def _archive_findings(source: Source) -> Iterator[str]:
    if source.archived and not _belongs(_host(source.archived), ARCHIVE_DOMAINS):
        yield (
            f"`archived` is on '{_host(source.archived)}'; give a capture on web.archive.org or archive.today "
            "(archive.ph, archive.is)"
        )


def source_findings(sources: Mapping[str, Source]) -> list[Finding]:
    """Warnings for sources whose link would not land on the publication named, by a publisher worth citing."""
    table = publishers()
    findings = []
    first_id: dict[str, str] = {}
    for source_id, source in sources.items():
        host = _host(source.url)
        malformed = _malformed(source.url)
        messages = [malformed] if malformed else []
        messages += _host_findings(host)
        messages += _path_findings(source.url)
        messages += _archive_findings(source)
        name = outlet(source.publisher)
        if name not in table:
            messages.append(
                f"publisher '{name}' is not in the publisher table ({PUBLISHERS_FILE.name}); add its kind and domains"
            )
        elif not _belongs(host, table[name].domains):
            messages.append(
                f"the URL is on '{host}', not {name}'s ({', '.join(table[name].domains)}); "
                "for a copy, name the site as "
                "publisher and the original outlet in `via`"
            )
        if _PARENTHESIS.search(source.publisher) and not source.via:
            messages.append("a copy of another outlet's story says so in `via`, not only in the publisher's name")
        if wrong_name := _names_another_outlet(source_id, source):
            messages.append(wrong_name)
        page = _same_page(source.url)
        if page in first_id:
            messages.append(f"the same page as source '{first_id[page]}'; cite one id and remove the other")
        first_id.setdefault(page, source_id)
        findings += [Finding(("sources", source_id), f"source '{source_id}': {m}", "warning", True) for m in messages]
    return findings


def _backing(sources: Iterable[str], kind_of: Mapping[str, str | None]) -> str | None:
    """What is wrong with the sources an entry cites as a whole: all state media, or none of a primary kind."""
    kinds = {kind_of[s] for s in sources if s in kind_of}
    if not kinds or kinds & PRIMARY_KINDS:
        return None
    if kinds == {"state-media"}:
        return "only state media back this; add an independent source (a rights group, newsroom or agency)"
    return f"no source of a primary kind ({', '.join(sorted(PRIMARY_KINDS))}); cite the original reporting"


def citation_findings(data: Dataset) -> list[Finding]:
    """Warnings for events and people whose sources are all state media, or include no primary publisher."""
    findings = []
    kind_of = {key: source_kind(source) for key, source in data.sources.items()}  # once per source, not per citation
    for index, event in enumerate(data.events):
        if problem := _backing(event.sources, kind_of):
            findings.append(Finding(("events", index, "sources"), problem, "warning"))
    for index, person in enumerate(data.people):
        if person.has_custody_facts and (problem := _backing(person.sources, kind_of)):
            findings.append(Finding(("people", index, "sources"), problem, "warning"))
    return findings
