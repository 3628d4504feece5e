"""Build the static edition: every page from the same frames, text and figures the dashboard uses."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from ..data.model import json_schema
from ..view.data_tables import data_tables
from ..view.export import citation, data_version, events_json, package_files
from ..view.frames import Frames, count_label, frame_records
from ..view.prisoner_figures import prisoners_figure, releases_figure
from ..view.story import STORY_PAGE_SIZE, StoryLinks, story_items, story_page
from ..view.tables import counts_table, releases_table
from ..view.text import safe_url
from ..view.text_alternatives import prisoners_sentence, releases_sentence, timeline_sentence
from ..view.timeline_figures import timeline_figure
from .changes import Commit, data_history
from .charts import chart_html
from .preview import preview_png

CSS = Path(__file__).with_name("site.css")


def _environment() -> Environment:
    # Autoescaping on for HTML and XML: every text from the data file stays text.
    return Environment(
        loader=PackageLoader("components.site", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        keep_trailing_newline=True,
        auto_reload=False,  # the templates do not change during a build; checking costs a stat per page
    )


def _link(label: str, url: str) -> Markup:
    target = safe_url(url)
    text = Markup.escape(label)
    return Markup(f'<a href="{Markup.escape(target)}" rel="noopener">{text}</a>') if target else text


def _table(frame: pd.DataFrame) -> Markup:
    head = "".join(f'<th scope="col">{Markup.escape(c)}</th>' for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{Markup.escape('' if pd.isna(v) else v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


class Site:
    """The pages of one data version, rendered into a folder."""

    def __init__(self, frames: Frames, data_file: Path, origin: str) -> None:
        self.frames, self.data = frames, frames.meta
        self.env = _environment()
        self.version = data_version(frames) or str(self.data.as_of)
        self.citation = citation(self.data, origin, data_version(frames))
        self.people = {p.id: p for p in self.data.people}
        self.history: list[Commit] | None = data_history(data_file)
        self._items: dict[str, str] | None = None
        data = self.data
        self.constant: dict[str, Any] = {
            "site_title": data.title, "site_url": (data.site_url or "").rstrip("/") or None, "version": self.version,
            "as_of": data.as_of.label, "as_of_iso": data.as_of.end.isoformat(), "citation": self.citation,
            "license": data.license, "license_url": data.license_url,
        }  # fmt: skip
        # The same on every page: rendered once.
        self.constant["footer"] = Markup(self.env.get_template("_footer.html").render(**self.constant).rstrip("\n"))
        self.tables: dict[str, pd.DataFrame] | None = None
        # Each source's list entry, built once: thousands of pages cite the same sources.
        self.cited = {
            key: {"link": _link(f"{s.publisher}: {s.title}", s.url), "published": s.published.label, "via": s.via,
                  "archive": safe_url(s.archive_url or "")}
            for key, s in self.data.sources.items()
        }  # fmt: skip

    def items(self) -> dict[str, str]:
        """Every event's story entry for pages two folders deep (story pages and years), rendered once."""
        if self._items is None:
            self._items = story_items(self.frames.events, self.people, self.data.sources, self.links("../../"))
        return self._items

    def common(self, root: str, title: str, description: str, path: str) -> dict[str, Any]:
        site = self.constant["site_url"] or ""
        return {
            **self.constant,
            "lang": "en", "root": root, "page_title": title, "description": description, "og_type": "website",
            "canonical": f"{site}/{path}" if site else None,
            "changes_feed": self.history is not None, "dashboard_link": None,
            # Link previews need an absolute address for the image, so only a site with a known address has one.
            "preview": f"{site}/assets/preview.png" if site else None,
        }  # fmt: skip

    def dashboard(self, query: str = "") -> str | None:
        return f"{self.data.dashboard_url.rstrip('/')}/{query}" if self.data.dashboard_url else None

    def render(self, template: str, **context: Any) -> bytes:
        return self.env.get_template(template).render(**context).encode("utf-8")

    def links(self, root: str) -> StoryLinks:
        return StoryLinks(
            person=lambda p: f"{root}people/{p}/index.html", event=lambda e: f"{root}events/{e}/index.html"
        )

    def charts(self) -> list[dict[str, Any]]:
        frames = self.frames
        return [
            {"id": "timeline", "title": "Events by category", "sentence": timeline_sentence(frames.events),
             "html": chart_html(timeline_figure(frames.events, frames.categories), "timeline"), "table": None},
            {"id": "prisoners", "title": "Political prisoners held (Viasna)",
             "sentence": prisoners_sentence(frames.counts),
             "html": chart_html(prisoners_figure(frames.counts, frames.events), "prisoners"),
             "table": _table(counts_table(frames.counts))},
            {"id": "releases", "title": "People freed per release", "sentence": releases_sentence(frames.releases),
             "html": chart_html(releases_figure(frames.releases), "releases"),
             "table": _table(releases_table(frames.releases))},
        ]  # fmt: skip

    def story_pages(self) -> Iterator[tuple[str, bytes]]:
        events = self.frames.events
        pages = max(1, -(-len(events) // STORY_PAGE_SIZE))
        charts = self.charts()
        latest = self.frames.counts.iloc[-1] if len(self.frames.counts) else None
        for number in range(1, pages + 1):
            root = "" if number == 1 else "../../"
            story = story_page(events, self.people, self.data.sources, page=number, links=self.links(root),
                               rendered=None if number == 1 else self.items())  # fmt: skip
            base = self.common(root, self.data.title, self.data.description,
                               "" if number == 1 else f"story/{number}/")  # fmt: skip
            base["dashboard_link"] = self.dashboard()
            context = {**base, "story": Markup(story.html), "page": number, "pages": story.pages,
                       "first": story.first, "last": story.last, "total": story.total}  # fmt: skip
            if number == 1:
                held = "—" if latest is None else count_label(latest)
                held_date = latest["date_label"] if latest is not None else ""
                years = sorted({d.year for d in events["start"]})
                yield "index.html", self.render(
                    "index.html", **context, charts=charts, held=held, held_date=held_date,
                    event_count=f"{len(events):,}", freed=f"{int(events['released'].sum()):,}", years=years,
                )  # fmt: skip
            else:
                heading = f"The story, page {number}"
                yield f"story/{number}/index.html", self.render("story.html", **context, heading=heading)

    def event_pages(self) -> Iterator[tuple[str, bytes]]:
        for row in frame_records(self.frames.events):
            root = "../../"
            context = self.common(root, f"{row['title']} ({row['date_label']})", str(row["summary"]),
                                  f"events/{row['id']}/")  # fmt: skip
            context.update(og_type="article", dashboard_link=self.dashboard(f"?event={row['id']}"))
            freed = None if pd.isna(row["released"]) else f"{int(row['released']):,}"
            yield f"events/{row['id']}/index.html", self.render(
                "event.html", **context, event=row, year=row["start"].year, freed=freed,
                destinations=", ".join(f"{k}: {v:,}" for k, v in row["released_to"].items()),
                kinds=", ".join(row["release_kind"]),
                people=[self.people[p] for p in row["people"] if p in self.people],
                sources=[self.cited[s] for s in row["sources"] if s in self.cited],
            )  # fmt: skip

    def person_pages(self) -> Iterator[tuple[str, bytes]]:
        # Who each event names, gathered in one pass (filtering all events per person is quadratic).
        naming: dict[str, list[dict[Any, Any]]] = {}
        for event in frame_records(self.frames.events[["id", "date_label", "title", "people"]]):
            for person_id in event["people"]:
                naming.setdefault(person_id, []).append(event)
        for person in self.data.people:
            context = self.common("../../", person.name, person.role, f"people/{person.id}/")
            context.update(og_type="profile", dashboard_link=self.dashboard(f"?person={person.id}"))
            yield f"people/{person.id}/index.html", self.render(
                "person.html", **context, person=person, aliases=", ".join(person.aliases),
                detained=person.detained.label if person.detained else None,
                released=person.released.label if person.released else None,
                events=naming.get(person.id, []),
                sources=[self.cited[s] for s in person.sources if s in self.cited],
            )  # fmt: skip

    def year_pages(self) -> Iterator[tuple[str, bytes]]:
        events = self.frames.events
        for year in sorted({d.year for d in events["start"]}):
            chosen = events[events["start"].dt.year == year]
            story = story_page(chosen, self.people, self.data.sources, size=max(1, len(chosen)),
                               links=self.links("../../"), rendered=self.items())  # fmt: skip
            context = self.common("../../", f"{year}: {self.data.title}", f"The events of {year}.", f"years/{year}/")
            context["dashboard_link"] = self.dashboard(f"?from={year}-01-01&to={year}-12-31")
            yield f"years/{year}/index.html", self.render("story.html", **context, heading=str(year),
                                                          story=Markup(story.html), pages=None)  # fmt: skip

    def sources_page(self) -> tuple[str, bytes]:
        table = self.frames.sources.sort_values("published_sort", ascending=False, kind="stable")
        rows = [{"id": r["id"], "published": r["published"], "publisher": r["publisher"],
                 "via": self.data.sources[r["id"]].via, "link": _link(str(r["title"]), str(r["url"])),
                 "events": list(r["cited_by"])} for r in table.to_dict("records")]  # fmt: skip
        context = self.common("../", f"Sources: {self.data.title}", "Every publication the data cites.", "sources/")
        return "sources/index.html", self.render("sources.html", **context, sources=rows, count=f"{len(rows):,}")

    def changes(self) -> Iterator[tuple[str, bytes]]:
        context = self.common("../", f"Changes: {self.data.title}", "What changed in the data, commit by commit.",
                              "changes/")  # fmt: skip
        yield "changes/index.html", self.render("changes.html", **context, history=self.history)
        if self.history is not None:
            updated = self.history[0].date if self.history else f"{self.data.as_of.end.isoformat()}T00:00:00Z"
            feed_id = f"{self.data.site_url.rstrip('/')}/changes.xml" if self.data.site_url else "urn:belarus-timeline"
            yield "changes.xml", self.render("atom.xml", **context, history=self.history, updated=updated,
                                             feed_id=feed_id)  # fmt: skip

    def files(self, origin: str) -> Iterator[tuple[str, bytes]]:
        yield from self.story_pages()
        yield from self.event_pages()
        yield from self.person_pages()
        yield from self.year_pages()
        yield self.sources_page()
        yield from self.changes()
        self.tables = data_tables(self.frames)  # once, for the package and the JSON
        for path, content in package_files(self.frames, origin, tables=self.tables).items():
            yield f"data/{path}", content
        yield "data/events.json", events_json(self.frames, origin, tables=self.tables)
        yield "data/events.schema.json", (json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n").encode()
        yield "assets/plotly.min.js", get_plotlyjs().encode("utf-8")
        yield "assets/site.css", CSS.read_bytes()
        yield "assets/preview.png", preview_png(self.frames, self.version)
        yield "robots.txt", self.robots()
        if self.data.site_url:
            yield "sitemap.xml", self.sitemap()

    def robots(self) -> bytes:
        lines = ["User-agent: *", "Allow: /"]
        if self.data.site_url:
            lines.append(f"Sitemap: {self.data.site_url.rstrip('/')}/sitemap.xml")
        return ("\n".join(lines) + "\n").encode()

    def sitemap(self) -> bytes:
        site = (self.data.site_url or "").rstrip("/")
        paths = ["", "sources/", "changes/"] + [f"events/{e}/" for e in self.frames.events["id"]]
        paths += [f"people/{p.id}/" for p in self.data.people]
        paths += [f"years/{y}/" for y in sorted({d.year for d in self.frames.events["start"]})]
        urls = "".join(f"<url><loc>{Markup.escape(site + '/' + p)}</loc></url>" for p in paths)
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>\n").encode()  # fmt: skip


def build_site(out_dir: Path, frames: Frames, data_file: Path) -> int:
    """Render every file into a fresh folder, then put it in place of out_dir in one step; returns the file count."""
    origin = frames.meta.site_url or frames.meta.repository_url or data_file.name
    site = Site(frames, data_file, origin)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    count, folders = 0, set()
    try:
        for relative, content in site.files(origin):
            # os rather than pathlib, each folder made once: at 10,000 events the writes were a fifth of the build.
            target = os.path.join(staging, relative)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            with open(target, "wb") as file:
                file.write(content)
            count += 1
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
