"""Build the static edition: every page from the same frames, text and figures the dashboard uses, in English at
the site's root and in each other language under its own folder (/be/, /ru/, /uk/); the data files, the assets and
the feeds once, at the root, for every edition."""

from __future__ import annotations

import functools
import gzip
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from ..data.history import data_history
from ..data.model import json_schema
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language, ngettext, pgettext
from ..view.draw.citations import edition_folder
from ..view.draw.html import add_helpers
from ..view.files.data_tables import data_tables
from ..view.files.database import DATABASE_NAME, database_bytes
from ..view.files.export import data_version, events_json, package_files, research_files
from ..view.shape.frames import Frames
from .edition import Edition, Shared

CSS = Path(__file__).with_name("site.css")
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg")  # text: a .gz and a .br beside it
COMPRESS_FROM = 1024  # bytes: a smaller file gains less than its headers cost
# Brotli's quality 9 takes 0.14 s on the 1.5 MB plotly bundle (444 KB; gzip -9 496 KB); 11 would save 8% more for 3 s.
BROTLI_QUALITY = 9


def compressed_copies(content: bytes) -> dict[str, bytes]:
    """The file's compressed copies by suffix; the same content always gives the same bytes (gzip's mtime 0)."""
    return {
        ".gz": gzip.compress(content, compresslevel=9, mtime=0),
        ".br": brotli.compress(content, quality=BROTLI_QUALITY),
    }


CHARTS_JS = Path(__file__).with_name("charts.js")  # draws the charts once plotly.js has loaded
PLOTLY = Path(__file__).with_name("vendor") / "plotly-cartesian.min.js"  # the trace types the site draws, only
SITEMAP_LIMIT = 50_000  # addresses one sitemap file may list (sitemaps.org)


def _environment() -> Environment:
    # Autoescaping on for HTML and XML: every text from the data file stays text. The page's words through the
    # catalogs of the language being built (`language(code)`), with named placeholders: _("... %(name)s", name=...).
    env = Environment(
        # The site's pages, and the pieces the page shares with them (components/view/draw/templates).
        loader=ChoiceLoader(
            [PackageLoader("components.site", "templates"), PackageLoader("components.view.draw", "templates")]
        ),
        autoescape=select_autoescape(["html", "xml"]),
        keep_trailing_newline=True,
        auto_reload=False,  # the templates do not change during a build; checking costs a stat per page
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, pgettext=pgettext, newstyle=True
    )
    add_helpers(env)
    return env


def editions(wanted: Collection[str] | None) -> tuple[str, ...]:
    """The languages to build, in LANGUAGES' order: English always (it is the root), and those asked for."""
    return tuple(code for code in LANGUAGES if code == DEFAULT_LANGUAGE or wanted is None or code in wanted)


class Site:
    """The pages of one data version, an edition per language, and the files they share, rendered into a folder."""

    def __init__(self, frames: Frames, data_file: Path, origin: str, languages: Collection[str] | None = None) -> None:
        data = frames.meta
        self.frames, self.data, self.origin = frames, data, origin
        self.shared = Shared(
            frames=frames, env=_environment(), origin=origin, version=data_version(frames) or str(data.as_of),
            url=(data.site_url or "").rstrip("/") or None, history=data_history(data_file),
            languages=editions(languages),
        )  # fmt: skip

    def parts(self, shares: int = 1) -> list[Part]:
        """Every file of the site, in parts that can be made independently, each in its language: each edition in
        `shares` shares, then the files the editions share."""
        parts: list[Part] = []
        for code in self.shared.languages:
            with language(code):
                edition = Edition(self.shared, code)
            parts += [Part(code, functools.partial(edition.files, k, shares)) for k in range(shares)]
        parts.append(Part(DEFAULT_LANGUAGE, self.common_files))
        return parts

    def common_files(self) -> Iterator[tuple[str, bytes]]:
        """The files every edition shares: the feed, the data, the assets, robots.txt and the sitemap."""
        if self.shared.history is not None:
            yield "changes.xml", self.feed()
        tables = data_tables(self.frames)  # once, for the package and the JSON
        for path, content in package_files(self.frames, self.origin, language=DEFAULT_LANGUAGE, tables=tables).items():
            yield f"data/{path}", content
        yield "data/events.json", events_json(self.frames, self.origin, language=DEFAULT_LANGUAGE, tables=tables)
        yield f"data/{DATABASE_NAME}", database_bytes(self.frames, tables)
        for path, content in research_files(self.frames, self.origin, language=DEFAULT_LANGUAGE, tables=tables).items():
            yield f"data/{path}", content
        yield "data/events.schema.json", (json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n").encode()
        yield "assets/plotly-cartesian.min.js", PLOTLY.read_bytes()
        yield "assets/charts.js", CHARTS_JS.read_bytes()
        yield "assets/site.css", CSS.read_bytes()
        yield "robots.txt", self.robots()
        if self.shared.url:
            yield from self.sitemaps()

    def feed(self) -> bytes:
        """The Atom feed of the data's changes: one, in the data's own language, for every edition."""
        history = self.shared.history or []
        updated = history[0].date if history else f"{self.data.as_of.end.isoformat()}T00:00:00Z"
        feed_id = f"{self.shared.url}/changes.xml" if self.shared.url else "urn:belarus-timeline"
        template = self.shared.env.get_template("atom.xml")
        return template.render(site_title=self.data.title, site_url=self.shared.url, history=history,
                               updated=updated, feed_id=feed_id).encode("utf-8")  # fmt: skip

    def robots(self) -> bytes:
        lines = ["User-agent: *", "Allow: /"]
        if self.shared.url:
            lines.append(f"Sitemap: {self.shared.url}/sitemap.xml")
        return ("\n".join(lines) + "\n").encode()

    def sitemap(self, root: str, entry: str, urls: list[str]) -> bytes:
        """One sitemap file (sitemaps.org): a `urlset` of pages or a `sitemapindex` of sitemaps."""
        return self.shared.env.get_template("sitemap.xml").render(root=root, entry=entry, urls=urls).encode()

    def sitemaps(self) -> Iterator[tuple[str, bytes]]:
        """Every page of every edition (each page names its other languages itself, with hreflang): sitemap.xml,
        or, past the 50,000 addresses one sitemap may hold, an index of numbered sitemaps."""
        site = self.shared.url or ""
        paths = ["", "sources/", "changes/", "map/", "people/"] + [f"events/{e}/" for e in self.frames.events["id"]]
        paths += [f"people/{p.id}/" for p in self.data.people]
        paths += [f"places/{p.id}/" for p in self.data.places]
        paths += [f"years/{y}/" for y in sorted({d.year for d in self.frames.events["start"]})]
        urls = [f"{site}/{edition_folder(code)}{p}" for code in self.shared.languages for p in paths]
        if len(urls) <= SITEMAP_LIMIT:
            yield "sitemap.xml", self.sitemap("urlset", "url", urls)
            return
        parts = [urls[start : start + SITEMAP_LIMIT] for start in range(0, len(urls), SITEMAP_LIMIT)]
        for number, part in enumerate(parts, start=1):
            yield f"sitemap-{number}.xml", self.sitemap("urlset", "url", part)
        yield (
            "sitemap.xml",
            self.sitemap("sitemapindex", "sitemap", [f"{site}/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]),
        )


@dataclass(frozen=True)
class Part:
    """Some of the site's files, made in one language."""

    language: str
    make: Callable[[], Iterator[tuple[str, bytes]]]


def default_jobs() -> int:
    """The processes a build uses: one per core this process may run on (at most 4: past that the disk decides)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 4))


def _write(staging: str, part: Part) -> int:
    """Make a part's files, in its language, and write them under `staging`; returns how many."""
    count, folders = 0, set()
    with language(part.language):
        for relative, content in part.make():
            # os rather than pathlib, each folder made once: at 10,000 events the writes were a fifth of the build.
            target = os.path.join(staging, relative)
            parent = os.path.dirname(target)
            if parent not in folders:
                os.makedirs(parent, exist_ok=True)
                folders.add(parent)
            with open(target, "wb") as file:
                file.write(content)
            count += 1
            if target.endswith(COMPRESSED) and len(content) > COMPRESS_FROM:
                # Beside it, compressed: a server without compression of its own (nginx's gzip_static and
                # brotli_static, a bare bucket) sends these.
                for suffix, packed in compressed_copies(content).items():
                    with open(target + suffix, "wb") as file:
                        file.write(packed)
                    count += 1
    return count


_parts: list[Part] = []  # a forked worker's copy of the build's parts, set by its initializer


def _inherit(parts: list[Part]) -> None:
    # Runs in each forked worker: with fork, `parts` (frames, templates, rendered entries) is inherited, not pickled.
    _parts[:] = parts


def _write_inherited(staging: str, index: int) -> int:
    return _write(staging, _parts[index])


def _write_parts(staging: str, parts: list[Part], jobs: int) -> int:
    """Make and write every part: in this process, or on `jobs` forked processes on Linux (where forking a process
    that has loaded pandas is safe; macOS and Windows build on one). A worker that dies fails the build."""
    if jobs <= 1 or not sys.platform.startswith("linux"):
        return sum(_write(staging, part) for part in parts)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_inherit, initargs=(parts,)) as pool:
        return sum(pool.map(_write_inherited, [staging] * len(parts), range(len(parts))))


def build_site(
    out_dir: Path, frames: Frames, data_file: Path, languages: Collection[str] | None = None, jobs: int | None = None
) -> int:
    """Render every file into a fresh folder, then put it in place of out_dir in one step; returns the file count.
    `languages`: the editions besides English (which is always built, at the root); None: every language. `jobs`:
    processes (default: one per core, at most 4); the files are the same whatever the number."""
    origin = frames.meta.site_url or frames.meta.repository_url or data_file.name
    site = Site(frames, data_file, origin, languages)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        count = _write_parts(str(staging), site.parts(jobs), jobs)
        os.chmod(staging, 0o755)
        old = out_dir.with_name(f".{out_dir.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count
