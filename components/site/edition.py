"""One language's edition of the static site: every page, rendered from the frames as that language's readers see
them (the data's own translations, dates and numbers written the language's way, the page's words from the
catalogs). English lives at the site's root, every other language in a folder of its own (/be/, /ru/, /uk/)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup

from ..data.fuzzy_dates import FuzzyDate, parse_fuzzy_date
from ..data.history import Commit, EntryChange, entry_histories, version_link
from ..data.model import Source
from ..i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, _, number_text
from ..view.draw.citations import Cited, citation_formats, edition_folder, entry_link, entry_path
from ..view.draw.html import macro
from ..view.draw.map_figure import KIND_NAMES, map_figure, map_sentence, place_counts
from ..view.draw.prisoner_figures import prisoners_figure, releases_figure
from ..view.draw.story import STORY_PAGE_SIZE, StoryLinks, story_items, story_page
from ..view.draw.style import archive_label, fuzzy_date_text, release_kind_text, status_word
from ..view.draw.tables import counts_table, releases_table
from ..view.draw.text_alternatives import prisoners_sentence, releases_sentence, timeline_sentence
from ..view.draw.timeline_figures import timeline_figure
from ..view.files.export import citation, data_version
from ..view.shape.frames import Frames, count_label, frame_records
from ..view.shape.translated import country_name, translated, translated_frames
from .charts import chart_html
from .preview import preview_png


def preview_name(code: str) -> str:
    """The file name of an edition's link-preview card under assets/."""
    return "preview.png" if code == DEFAULT_LANGUAGE else f"preview-{code}.png"


@dataclass(frozen=True)
class Shared:
    """What every edition of one build has in common: the English frames and the site's own facts."""

    frames: Frames  # the data's own (English)
    env: Environment
    origin: str
    version: str
    url: str | None  # the site's address without a trailing slash, when the data names one
    history: list[Commit] | None
    languages: tuple[str, ...]  # the editions built, English first

    @functools.cached_property
    def histories(self) -> dict[tuple[str, str], list[EntryChange]]:
        """Each entry's own changes, newest first (empty without a git history)."""
        return entry_histories(self.history or [])


def link(label: str, url: str) -> Markup:
    """A link when the URL is http(s), else the label as text."""
    return Markup(macro("html.html", "link")(label, url))


def table(frame: pd.DataFrame) -> Markup:
    """A data frame as an HTML table, every cell escaped."""
    rows = [["" if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)]
    return Markup(macro("html.html", "table")(list(frame.columns), rows))


def source_entry(source: Source, date: str) -> str:
    """A source's list entry in the current language: rendered once per edition, cited by thousands of pages."""
    copy = _("{source} ({date}), a copy of {via}")
    return str(macro("html.html", "source_item")(source, date, copy, archive_label(source)))


class Edition:
    """The pages of one language; made, and its files produced, inside `language(lang)`."""

    def __init__(self, shared: Shared, lang: str) -> None:
        self.shared, self.lang, self.folder = shared, lang, edition_folder(lang)
        self.translated = lang != DEFAULT_LANGUAGE
        self.frames = translated_frames(shared.frames, lang)
        self.data = data = self.frames.meta
        self.people = {p.id: p for p in data.people}
        self._items: dict[str, str] | None = None
        english = shared.frames.meta
        self.constant: dict[str, Any] = {
            "lang": lang, "site_title": data.title, "site_url": shared.url, "version": shared.version,
            "as_of": fuzzy_date_text(data.as_of, lang), "as_of_iso": data.as_of.end.isoformat(),
            "citation": citation(data, shared.origin, data_version(shared.frames), language=lang),
            "cff_title": english.title,  # the citation file is for software: the data's own title
            "license": data.license, "license_url": data.license_url, "changes_feed": shared.history is not None,
            # On a data text that has no translation, for screen readers: the English is read as English.
            "english": self.translated,
            "lead_english": self.translated and not translated(english.description, english.description_i18n, lang)[1],
            "preview": f"{shared.url}/assets/{preview_name(lang)}" if shared.url else None,
        }  # fmt: skip
        # Every page's navigation reaches each year and the people (a reader on a phone need not scroll to them).
        self.constant["nav_years"] = sorted({d.year for d in self.frames.events["start"]})
        # The same on every page: rendered once.
        link = shared.url or data.dashboard_url or data.repository_url or shared.origin
        formats = citation_formats(Cited("", "dataset", data.title, link), data, shared.version, language=lang)
        parts = shared.env.get_template("_parts.html").module
        self.constant["dataset_formats"] = Markup(parts.cite_formats(formats))  # type: ignore[attr-defined]
        self.constant["words"] = shared.env.get_template("_words.html").make_module()
        footer = shared.env.get_template("_footer.html").render(**self.constant)
        self.constant["footer"] = Markup(footer.rstrip("\n"))
        self._numbers: dict[int, str] = {}
        self._dates: dict[FuzzyDate, str] = {}
        self.cited = {key: source_entry(s, self.date(s.published)) for key, s in data.sources.items()}
        self.place_names = {p["id"]: {"id": p["id"], "name": p["name"]} for p in frame_records(self.frames.places)}

    def number(self, value: int) -> str:
        """A number as the language writes it, each written once (Babel's formatting is slow beside f"{n:,}")."""
        text = self._numbers.get(value)
        if text is None:
            text = self._numbers[value] = number_text(value)
        return text

    def span(self, since: FuzzyDate | None, until: FuzzyDate | None) -> str:
        """'May 2023 – 13 December 2025', '… – 2024' or '' when neither end is known."""
        if since is None and until is None:
            return ""
        return f"{self.date(since) if since else '…'} – {self.date(until) if until else '…'}"

    def date(self, value: FuzzyDate) -> str:
        """A date at its precision as the language writes it, each written once."""
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = fuzzy_date_text(value, self.lang)
        return text

    def files(self, share: int = 0, shares: int = 1) -> Iterator[tuple[str, bytes]]:
        """The edition's files, or share `share` of `shares` of them (for building on several processes: each share
        renders only its own pages; together they are the whole edition)."""
        groups = (self.stories, self.person_pages, self.single_pages)
        for index, group in enumerate(groups):
            if index % shares == share:
                for path, content in group():
                    yield self.folder + path, content
        for path, content in self.event_pages(share, shares):
            yield self.folder + path, content
        if share == shares - 1:
            yield f"assets/{preview_name(self.lang)}", preview_png(self.frames, self.shared.version, language=self.lang)

    def stories(self) -> Iterator[tuple[str, bytes]]:
        # Together: both use the story entries, rendered once per process.
        yield from self.story_pages()
        yield from self.year_pages()

    def single_pages(self) -> Iterator[tuple[str, bytes]]:
        yield self.sources_page()
        yield self.changes_page()
        yield self.map_page()
        yield self.people_page()
        yield from self.place_pages()

    def people_page(self) -> tuple[str, bytes]:
        """Every person the data names, with what happened to them, each linked to their page."""
        people = [
            {"id": p.id, "name": p.name, "role": p.role, "detained": self.date(p.detained) if p.detained else "",
             "outcome": _("died in custody, {date}").format(date=self.date(p.died_in_custody)) if p.died_in_custody
             else _("released, {date}").format(date=self.date(p.released)) if p.released
             else _("still held") if p.detained else ""}
            for p in sorted(self.data.people, key=lambda person: person.name)
        ]  # fmt: skip
        heading = _("People")
        context = self.common("people/", f"{heading}: {self.data.title}", _("Everyone the events name."))
        return "people/index.html", self.render("people.html", **context, people=people, heading=heading)

    def map_page(self) -> tuple[str, bytes]:
        """The map of every place the data names, and the same places as a list for readers without JavaScript."""
        frames, lang = self.frames, self.lang
        figure = map_figure(frames.places, frames.people, frames.events, language=lang)
        counted = place_counts(frames.places, frames.people, frames.events)
        counted = counted.sort_values(["held", "happened", "name"], ascending=[False, False, True], kind="stable")
        places = [{"id": r["id"], "name": r["name"], "town": r["town"], "kind": _(KIND_NAMES[r["kind"]]),
                   "held": self.number(int(r["held"])), "happened": self.number(int(r["happened"]))}
                  for r in frame_records(counted)]  # fmt: skip
        heading = _("Where: prisons, colonies, courts and places of the story")
        context = self.common("map/", f"{heading}: {self.data.title}", heading)
        return "map/index.html", self.render(
            "map.html", **context, heading=heading, places=places,
            sentence=map_sentence(frames.places, frames.people, frames.events, language=lang),
            chart=chart_html(figure, "map", self.shared.env, link=context["root"] + "places/ID/index.html"),
            charts=True,
        )  # fmt: skip

    def place_pages(self) -> Iterator[tuple[str, bytes]]:
        people = {p.id: p for p in self.data.people}
        events = self.frames.events.set_index("id", drop=False)
        for place, info in zip(frame_records(self.frames.places), self.data.places, strict=True):
            held = []
            for person_id in place["people"]:
                spans = [h for h in people[person_id].held_at if h.place == place["id"]]
                dates = "; ".join(filter(None, (self.span(h.since, h.until) for h in spans)))
                held.append({"id": person_id, "name": people[person_id].name, "dates": dates})
            named = [events.loc[e] for e in place["events"] if e in events.index]
            context = self.common(f"places/{place['id']}/", str(place["name"]), str(place["town"]))
            yield f"places/{place['id']}/index.html", self.render(
                "place.html", **context, place=place, kind=_(KIND_NAMES[place["kind"]]),
                town_only=place["precision"] == "town", people=held, events=named, note=info.note,
                sources=self.sources(list(info.sources)),
            )  # fmt: skip

    def render(self, template: str, **context: Any) -> bytes:
        return self.shared.env.get_template(template).render(**context).encode("utf-8")

    def items(self) -> dict[str, str]:
        """Every event's story entry for pages two folders deep (story pages and years), rendered once."""
        if self._items is None:
            self._items = story_items(
                self.frames.events, self.people, self.data.sources, links("../../"), language=self.lang
            )
        return self._items

    def common(self, path: str, title: str, description: str) -> dict[str, Any]:
        """What every page says: `path` is the page's folder in the edition ('' or 'events/e1/')."""
        root = "../" * path.count("/")  # to the edition's root: its pages
        up = root + ("../" if self.translated else "")  # to the site's root: the files every edition shares
        site = self.shared.url
        head, switch = alternates(self.shared, self.lang, path, up)
        return {
            **self.constant, "root": root, "site_root": up, "page_title": title, "description": description,
            "og_type": "website", "canonical": f"{site}/{self.folder}{path}" if site else None,
            "dashboard_link": None, "alternates": head, "switch": switch,
        }  # fmt: skip

    def dashboard(self, query: str = "") -> str | None:
        """The dashboard's address showing the same, in the same language."""
        if not self.data.dashboard_url:
            return None
        if self.translated:
            query += f"{'&' if query else '?'}lang={self.lang}"
        return f"{self.data.dashboard_url.rstrip('/')}/{query}"

    def charts(self) -> list[dict[str, Any]]:
        frames, env, lang = self.frames, self.shared.env, self.lang
        return [
            {"id": "timeline", "title": _("Events by category"),
             "sentence": timeline_sentence(frames.events, language=lang),
             "html": chart_html(timeline_figure(frames.events, frames.categories, language=lang), "timeline", env,
                                link="events/ID/index.html"),
             "table": None},
            {"id": "prisoners", "title": _("Political prisoners held (Viasna)"),
             "sentence": prisoners_sentence(frames.counts, language=lang),
             "html": chart_html(prisoners_figure(frames.counts, frames.events, language=lang), "prisoners", env,
                                link="events/ID/index.html"),
             "table": table(counts_table(frames.counts, language=lang))},
            {"id": "releases", "title": _("People freed per release"),
             "sentence": releases_sentence(frames.releases, language=lang),
             "html": chart_html(releases_figure(frames.releases, language=lang), "releases", env,
                                link="events/ID/index.html"),
             "table": table(releases_table(frames.releases, language=lang))},
        ]  # fmt: skip

    def story_pages(self) -> Iterator[tuple[str, bytes]]:
        events = self.frames.events
        pages = max(1, -(-len(events) // STORY_PAGE_SIZE))
        for number in range(1, pages + 1):
            path = "" if number == 1 else f"story/{number}/"
            root = "../" * path.count("/")
            story = story_page(events, self.people, self.data.sources, language=self.lang, page=number,
                               links=links(root), rendered=None if number == 1 else self.items())  # fmt: skip
            context = self.common(path, self.data.title, self.data.description)
            context.update(dashboard_link=self.dashboard(), story=Markup(story.html), page=number, pages=story.pages,
                           first=number_text(story.first), last=number_text(story.last),
                           total=number_text(story.total))  # fmt: skip
            if number == 1:
                yield "index.html", self.render("index.html", **context, **self.figures())
            else:
                heading = _("The story, page {number}").format(number=number)
                yield f"story/{number}/index.html", self.render("story.html", **context, heading=heading)

    def figures(self) -> dict[str, Any]:
        """The front page's figures and charts."""
        events, counts = self.frames.events, self.frames.counts
        latest = counts.iloc[-1] if len(counts) else None
        return {
            "charts": self.charts(), "held": "—" if latest is None else count_label(latest),
            "held_count": 0 if latest is None else int(latest["count"]),
            "held_date": latest["date_label"] if latest is not None else "",
            "event_count": number_text(len(events)), "events_number": len(events),
            "freed": number_text(int(events["released"].sum())), "freed_number": int(events["released"].sum()),
            "years": sorted({d.year for d in events["start"]}),
        }  # fmt: skip

    def event_pages(self, share: int = 0, shares: int = 1) -> Iterator[tuple[str, bytes]]:
        for row in frame_records(self.frames.events.iloc[share::shares]):
            context = self.common(f"events/{row['id']}/", f"{row['title']} ({row['date_label']})", str(row["summary"]))
            context.update(og_type="article", dashboard_link=self.dashboard(f"?event={row['id']}"))
            released = row["released"]
            freed = None if pd.isna(released) else _("People freed: {count}").format(count=self.number(int(released)))
            yield f"events/{row['id']}/index.html", self.render(
                "event.html", **context, event=row, year=row["start"].year, freed=freed,
                status=None if row["status"] == "confirmed" else status_word(row["status"]),
                destinations=", ".join(f"{country_name(k, self.lang)}: {self.number(v)}"
                                       for k, v in row["released_to"].items()),
                kinds=", ".join(release_kind_text(k) for k in row["release_kind"]),
                title_english=self.translated and row["title_in_english"],
                summary_english=self.translated and row["summary_in_english"],
                people=[self.people[p] for p in row["people"] if p in self.people],
                sources=self.sources(row["sources"]),
                cite=self.cite("event", row["id"], row["title"], parse_fuzzy_date(row["date"])),
                places=[self.place_names[p] for p in row["places"] if p in self.place_names],
                history=self.history("events", row["id"]),
            )  # fmt: skip

    def cite(self, kind: str, key: str, title: str, date: FuzzyDate | None = None) -> Markup:
        """An entry's 'Cite this' block, linking its page (the site's address when it has one)."""
        # The page's own address; a site built without one (no `site_url`) can only name the page's path.
        here = f"{self.shared.url}/{entry_path(kind, key)}" if self.shared.url else entry_path(kind, key)
        cited = Cited(key, kind, title, entry_link(self.data, kind, key, here), date)
        formats = citation_formats(cited, self.data, self.shared.version, language=self.lang)
        return Markup(self.shared.env.get_template("_parts.html").module.cite(formats, _("Cite this")))  # type: ignore[attr-defined]

    def history(self, section: str, key: str) -> Markup:
        """An entry's history: when it was added and changed, field by field, each version linked where the data
        names its repository; or why there is none."""
        changes = [
            {
                "date": self.date(parse_fuzzy_date(item.commit.date[:10])), "kind": item.change.kind,
                "diff": item.change.values, "sha": item.commit.sha[:12],
                "link": version_link(self.data.repository_url, item.commit.sha, item.commit.path),
            }
            for item in self.shared.histories.get((section, key), [])
        ]  # fmt: skip
        parts = self.shared.env.get_template("_parts.html").module
        return Markup(parts.entry_history(changes, self.shared.history is not None))  # type: ignore[attr-defined]

    def sources(self, keys: list[str]) -> Markup:
        """The list of the sources cited, from the entries rendered once."""
        return Markup(macro("html.html", "items")([Markup(self.cited[s]) for s in keys if s in self.cited]))

    def person_pages(self) -> Iterator[tuple[str, bytes]]:
        # Who each event names, gathered in one pass (filtering all events per person is quadratic).
        columns = ["id", "date_label", "title", "people"] + (["title_in_english"] if self.translated else [])
        naming: dict[str, list[dict[Any, Any]]] = {}
        for event in frame_records(self.frames.events[columns]):
            for person_id in event["people"]:
                naming.setdefault(person_id, []).append(event)
        for person in self.data.people:
            context = self.common(f"people/{person.id}/", person.name, person.role)
            context.update(og_type="profile", dashboard_link=self.dashboard(f"?person={person.id}"))
            yield f"people/{person.id}/index.html", self.render(
                "person.html", **context, person=person, aliases=", ".join(person.aliases),
                detained=self.date(person.detained) if person.detained else None,
                released=self.date(person.released) if person.released else None,
                died=self.date(person.died_in_custody) if person.died_in_custody else None,
                events=naming.get(person.id, []),
                sources=self.sources(person.sources) if any(s in self.cited for s in person.sources) else None,
                cite=self.cite("person", person.id, person.name),
                held=[{**self.place_names[h.place], "dates": self.span(h.since, h.until)}
                      for h in person.held_at if h.place in self.place_names],
                history=self.history("people", person.id),
            )  # fmt: skip

    def year_pages(self) -> Iterator[tuple[str, bytes]]:
        events = self.frames.events
        years = events["start"].dt.year.to_numpy()
        for year in sorted(set(years.tolist())):
            chosen = years == year
            story = story_page(events[chosen], self.people, self.data.sources, language=self.lang,
                               size=max(1, int(chosen.sum())), links=links("../../"),
                               rendered=self.items())  # fmt: skip
            context = self.common(f"years/{year}/", f"{year}: {self.data.title}",
                                  _("The events of {year}.").format(year=year))  # fmt: skip
            context["dashboard_link"] = self.dashboard(f"?from={year}-01-01&to={year}-12-31")
            yield (
                f"years/{year}/index.html",
                self.render("story.html", **context, heading=str(year), story=Markup(story.html), pages=None),
            )

    def sources_page(self) -> tuple[str, bytes]:
        ordered = self.frames.sources.sort_values("published_sort", ascending=False, kind="stable")
        rows = [{"id": r["id"], "published": r["published"], "publisher": r["publisher"],
                 "via": self.data.sources[r["id"]].via, "link": link(str(r["title"]), str(r["url"])),
                 "archive": link(archive_label(self.data.sources[r["id"]]), self.data.sources[r["id"]].archive),
                 "events": list(r["cited_by"])} for r in ordered.to_dict("records")]  # fmt: skip
        context = self.common("sources/", _("Sources: {title}").format(title=self.data.title),
                              _("Every publication the data cites."))  # fmt: skip
        return "sources/index.html", self.render(
            "sources.html", **context, sources=rows, count=number_text(len(rows)), number=len(rows)
        )

    def changes_page(self) -> tuple[str, bytes]:
        context = self.common("changes/", _("Changes: {title}").format(title=self.data.title),
                              _("What changed in the data, commit by commit."))  # fmt: skip
        return "changes/index.html", self.render("changes.html", **context, history=self.shared.history)


def links(root: str) -> StoryLinks:
    """Where the story's names and titles link to, from a page `root` below the edition's root."""
    return StoryLinks(person=lambda p: f"{root}people/{p}/index.html", event=lambda e: f"{root}events/{e}/index.html")


def alternates(shared: Shared, lang: str, path: str, up: str) -> tuple[Markup, Markup]:
    """The same page in every edition built: `<link rel="alternate" hreflang>` for the head (absolute when the
    site's address is known) and the visible switch, each language named in itself (relative: it works from disk)."""
    if len(shared.languages) < 2:
        return Markup(""), Markup("")
    local = {code: f"{up}{edition_folder(code)}{path}index.html" for code in shared.languages}
    href: Mapping[str, str] = (
        {code: f"{shared.url}/{edition_folder(code)}{path}" for code in shared.languages} if shared.url else local
    )
    parts = shared.env.get_template("_parts.html").module
    head = parts.alternates_head(href, shared.languages, DEFAULT_LANGUAGE)  # type: ignore[attr-defined]
    switch = parts.language_switch(local, shared.languages, lang, LANGUAGE_NAMES)  # type: ignore[attr-defined]
    return Markup(head), Markup(switch)
