"""Checks that a reader who clicks a source lands on the real publication: the URL's host belongs to the publisher
named, is not a lookalike, staging or redirector host, and points at an article rather than a home or section page.

The publisher → hosts table is `publishers.yaml` beside this module; add an outlet there with its own domains.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .checks import Finding
from .model import Source

PUBLISHERS_FILE = Path(__file__).with_name("publishers.yaml")
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


@cache
def publisher_hosts(path: Path = PUBLISHERS_FILE) -> dict[str, tuple[str, ...]]:
    """Outlet name → the domains that are its own (any subdomain of one belongs too)."""
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(name): tuple(str(host).lower() for host in hosts) for name, hosts in table.items()}


def outlet(publisher: str) -> str:
    """The outlet a publisher label names: 'ABC News (AP)' → 'ABC News'."""
    return _PARENTHESIS.sub("", publisher).strip()


def _belongs(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


@cache
def _owners(path: Path = PUBLISHERS_FILE) -> dict[str, str]:
    """Every listed domain → its outlet, for looking a host up by its suffixes."""
    return {domain: name for name, domains in publisher_hosts(path).items() for domain in domains}


def _listed(host: str) -> bool:
    """Whether the host, or a domain it is under, is one of the table's."""
    labels = host.split(".")
    owners = _owners()
    return any(".".join(labels[i:]) in owners for i in range(len(labels) - 1))


@cache
def _brands(path: Path = PUBLISHERS_FILE) -> tuple[tuple[str, str], ...]:
    """A known outlet's name inside its domain ('zerkalo' of zerkalo.io) and the outlet, for spotting imitations."""
    brands = {}
    for name, domains in publisher_hosts(path).items():
        for domain in domains:
            label = domain.split(".")[-2] if domain.count(".") >= 1 else domain
            if len(label) >= 5:
                brands[label] = name
    return tuple(brands.items())


def _host_findings(source_id: str, host: str, table: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    labels = host.split(".")
    if host in REDIRECTORS:
        yield f"'{host}' is a redirector; link the article itself"
    if BACKSTAGE_LABELS & set(labels[:-2]) or host.endswith(BACKSTAGE_DOMAINS):
        yield f"'{host}' is a staging, CMS or asset host, not the published page; link the outlet's own page"
    if not _listed(host):
        squeezed = host.translate(_DIGIT_LETTERS)
        cheap = labels[-1] in CHEAP_TLDS
        for brand, name in _brands():
            # Digits for letters ('br0wse', '36'), or a known name on a throwaway domain ('zerkalo-….xyz').
            if (brand in squeezed and brand not in host) or (cheap and brand in host):
                yield f"'{host}' looks like an imitation of {name} ({', '.join(table[name])}); link the real site"
                break


def _path_findings(url: str) -> Iterator[str]:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if "/rd/" in parts.path or parts.path.startswith("/url") or "url=" in parts.query:
        yield "the link redirects to another address; link the article itself"
    elif not parts.query and all(s.lower() in SECTION_WORDS for s in segments):  # '?p=123' is an article
        yield "the link is a home or section page, not an article; link the article itself"


def source_findings(sources: Mapping[str, Source]) -> list[Finding]:
    """Warnings for sources whose link would not land on the publication named."""
    table = publisher_hosts()
    findings = []
    for source_id, source in sources.items():
        host = (urlsplit(source.url).hostname or "").rstrip(".").lower()
        messages = list(_host_findings(source_id, host, table))
        messages += _path_findings(source.url)
        name = outlet(source.publisher)
        if name not in table:
            messages.append(
                f"publisher '{name}' is not in the publisher table ({PUBLISHERS_FILE.name}); add its domains"
            )
        elif not _belongs(host, table[name]):
            messages.append(
                f"the URL is on '{host}', not {name}'s ({', '.join(table[name])}); for a copy, name the site as "
                "publisher and the original outlet in `via`"
            )
        if _PARENTHESIS.search(source.publisher) and not source.via:
            messages.append("a copy of another outlet's story says so in `via`, not only in the publisher's name")
        findings += [Finding(("sources", source_id), f"source '{source_id}': {m}", "warning", True) for m in messages]
    return findings
