"""The static edition: every link resolves, the same data gives the same bytes, text without JavaScript, nothing
fetched from another host, untrusted text stays text, a broken file leaves the old site alone, the changes, and an
edition per language (English at the root, /be/, /ru/, /uk/) with hreflang links between them."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markupsafe import Markup

from components.data.loader import load_file
from components.i18n import LANGUAGE_NAMES, TRANSLATED_LANGUAGES
from components.view.words.locale import date_label

from .samples import ROOT, TIMELINE, VALID

DATA = load_file(TIMELINE).data
EVENT = "coale-visit-250-freed-2026-03-19"  # an event of tests/data/timeline.yaml, dated 19 March 2026
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
UP = "../"  # a page's link one folder up


def build(
    out: Path, data: Path | None = None, cwd: Path = ROOT, options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "components", "site", str(out), *([str(data)] if data else []), *options]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of tests/data/timeline.yaml, in every language."""
    out = tmp_path_factory.mktemp("site") / "out"
    result = build(out, TIMELINE)
    assert result.returncode == 0, result.stderr
    return out


class Page(HTMLParser):
    """Links, assets, scripts, attributes and the text outside scripts of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.alternates: dict[str, str] = {}  # hreflang -> href of <link rel="alternate">
        self.lang: str | None = None  # <html lang>
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.attributes += [name for name, _ in attrs]
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            self.alternates[str(values["hreflang"])] = str(values["href"])
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag in ("script", "img", "iframe") and values.get("src"):
            self.assets.append(str(values["src"]))
        if tag == "link" and values.get("href"):
            self.assets.append(str(values["href"]))
        if tag == "script":
            self.scripts.append(values)
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.slow
def test_the_site_has_a_page_for_every_event_person_and_year(site: Path) -> None:
    assert (site / "index.html").exists() and (site / "sources" / "index.html").exists()
    assert {p.name for p in (site / "events").iterdir()} == {e.id for e in DATA.events}
    assert {p.name for p in (site / "people").iterdir() if p.is_dir()} == {p.id for p in DATA.people}
    assert {p.name for p in (site / "years").iterdir()} == {str(e.date.start.year) for e in DATA.events}
    for name in (
        "datapackage.json",
        "data/events.csv",
        "data/prisoner_counts.csv",
        "events.json",
        "events.schema.json",
    ):
        assert (site / "data" / name).exists(), name


@pytest.mark.slow
def test_every_internal_link_and_asset_resolves(site: Path) -> None:
    walked = pages(site)
    # Every edition's every kind of page: the language folders' links to the pages and the shared files too.
    names = {p.relative_to(site).as_posix() for p in walked}
    kinds = ["index.html", f"events/{EVENT}/index.html", "people/ales-bialiatski/index.html", "years/2020/index.html",
             "sources/index.html", "changes/index.html"]  # fmt: skip
    for folder in ("", *(f"{code}/" for code in TRANSLATED_LANGUAGES)):
        assert {folder + kind for kind in kinds} <= names, folder
    missing = []
    for path in walked:
        page = parse(path)
        for target in page.links + page.assets:
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto") or not parts.path:
                continue
            resolved = (path.parent / parts.path).resolve()
            if resolved.is_dir():
                resolved /= "index.html"
            if not resolved.exists():
                missing.append(f"{path.relative_to(site)} -> {target}")
    assert missing == []


@pytest.mark.slow
def test_nothing_is_fetched_from_another_host(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        assert [a for a in page.assets if urlsplit(a).scheme or a.startswith("//")] == [], path
    assert (site / "assets" / "plotly-cartesian.min.js").stat().st_size > 1_000_000  # plotly.js, shipped once


@pytest.mark.slow
def test_the_story_and_the_chart_texts_are_there_without_javascript(site: Path) -> None:
    text = " ".join(parse(site / "index.html").text)
    assert all(event.title in text for event in DATA.events)
    assert "Viasna's count of political prisoners rose from 25 on 9 August 2020" in text
    assert "The same data as a table" in text and "19 March 2026" in text


@pytest.mark.slow
def test_every_page_says_the_data_version_and_how_to_cite(site: Path) -> None:
    version = (site / "data" / "datapackage.json").read_text(encoding="utf-8").split('"version": "')[1].split('"')[0]
    for path in pages(site):
        text = " ".join(parse(path).text)
        assert version in text and "cff-version: 1.2.0" in text, path
        # The English words on English pages; the other editions' words are their catalogs'.
        assert f"Data version {version}" in text or path.relative_to(site).parts[0] in TRANSLATED_LANGUAGES, path


@pytest.mark.slow
def test_an_event_page_stays_small(site: Path) -> None:
    largest = max((site / "events").rglob("index.html"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size <= 20_000, largest


@pytest.mark.slow
def test_the_same_data_and_code_give_the_same_bytes_on_one_process_or_several(site: Path, tmp_path: Path) -> None:
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for jobs in ("1", "3"):
        again = tmp_path / f"again-{jobs}"
        assert build(again, TIMELINE, options=("--jobs", jobs)).returncode == 0
        second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
        assert first.keys() == second.keys() and [k for k in first if first[k] != second[k]] == [], jobs


def hostile_translations(tmp_path: Path) -> Path:
    """The hostile file, with hostile translations too (a translated title is as untrusted as the English)."""
    text = (ROOT / "tests" / "data" / "hostile.yaml").read_text(encoding="utf-8")
    translation = "\n    title_i18n: {be: \"<script>window.__pwned='be'</script>Падзея <img src=x onerror=alert(1)>\"}"
    text = text.replace("    category: war\n    summary:", translation + "\n    category: war\n    summary:", 1)
    assert "title_i18n" in text
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.slow
def test_untrusted_text_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "hostile"
    assert build(out, hostile_translations(tmp_path)).returncode == 0
    assert "Падзея" in (out / "be" / "events" / "e1" / "index.html").read_text(encoding="utf-8")
    for path in pages(out):
        page = parse(path)
        assert not [a for a in page.attributes if a.startswith("on")], path
        assert not [link for link in page.links if link.lower().startswith(("javascript:", "data:"))], path
        for script in page.scripts:
            source = str(script.get("src") or "")
            assert not source or source.endswith(("assets/plotly-cartesian.min.js", "assets/charts.js")), source
        html = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html and "<img src=x" not in html


@pytest.mark.slow
def test_a_broken_file_leaves_the_site_as_it_was(tmp_path: Path, write_data) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the old site", encoding="utf-8")
    broken = write_data(VALID.replace("date: 2022-02-28\n    title", "date: 2022-13-28\n    title"))
    result = build(out, broken)
    assert result.returncode == 1
    assert f"{broken}:20:11: events[0].date: '2022-13-28' is not a date" in result.stdout
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["index.html"] and (out / "index.html").read_text() == "the old site"


def git(where: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=where, check=True,
                   capture_output=True)  # fmt: skip


@pytest.mark.slow
def test_changes_lists_what_each_commit_added_changed_and_removed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    data = repo / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "First version")
    added = "  - id: e2\n    date: 2022-03\n    title: Second\n    category: war\n    summary: S.\n    sources: [s1]\n"
    data.write_text(VALID.replace("title: An event", "title: A renamed event").replace(
        "prisoner_counts:", added + "prisoner_counts:"), encoding="utf-8")  # fmt: skip
    git(repo, "commit", "-qam", "Rename e1, add e2")
    out = tmp_path / "out"
    assert build(out, data, cwd=repo).returncode == 0
    text = " ".join("".join(parse(out / "changes" / "index.html").text).split())
    assert "Rename e1, add e2" in text and "First version" in text
    assert "changed: events e1 (title)" in text and "added: events e2" in text
    event = (out / "events" / "e1" / "index.html").read_text(encoding="utf-8")
    assert "History of this entry" in event
    assert '<del lang="en">An event</del> → <ins lang="en">A renamed event</ins>' in event
    feed = ET.parse(out / "changes.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == ["Rename e1, add e2", "First version"]


@pytest.mark.slow
def test_without_git_history_the_changes_page_says_so(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    out = tmp_path / "out"
    assert build(out, data, cwd=tmp_path).returncode == 0
    assert "built outside a git checkout" in (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "has no git history" in (out / "events" / "e1" / "index.html").read_text(encoding="utf-8")
    assert not (out / "changes.xml").exists()


@pytest.mark.slow
def test_with_a_site_address_there_is_a_sitemap_and_canonical_links(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://timeline.example.org"))
    out = tmp_path / "out"
    assert build(out, data, cwd=tmp_path).returncode == 0
    locations = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(f"{{{SITEMAP}}}loc")]
    assert "https://timeline.example.org/events/e1/" in locations
    assert {f"https://timeline.example.org/{code}/events/e1/" for code in TRANSLATED_LANGUAGES} <= set(locations)
    assert "Sitemap: https://timeline.example.org/sitemap.xml" in (out / "robots.txt").read_text()
    assert '<link rel="canonical" href="https://timeline.example.org/events/e1/">' in (
        out / "events" / "e1" / "index.html"
    ).read_text(encoding="utf-8")


def meta(path: Path, key: str) -> list[str]:
    """The content of every <meta property|name=key> on a page."""
    found: list[str] = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "meta" and key in (values.get("property"), values.get("name")):
                found.append(str(values.get("content")))

    Meta().feed(path.read_text(encoding="utf-8"))
    return found


@pytest.mark.slow
def test_the_link_preview_card_is_a_1200_by_630_png_named_only_where_the_site_address_is_known(
    site: Path, tmp_path: Path
) -> None:
    from PIL import Image

    with Image.open(site / "assets" / "preview.png") as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
        assert len(card.getcolors(1_000_000) or []) > 50  # drawn text and a line, not a blank card
    # The data has no site address, and a preview image needs an absolute one.
    assert meta(site / "index.html", "og:image") == [] and meta(site / "index.html", "twitter:card") == ["summary"]
    data = tmp_path / "events.yaml"
    data.write_text(VALID.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://timeline.example.org/"))
    out = tmp_path / "out"
    assert build(out, data, cwd=tmp_path).returncode == 0
    event = out / "events" / "e1" / "index.html"
    assert meta(event, "og:image") == ["https://timeline.example.org/assets/preview.png"]
    assert meta(event, "twitter:card") == ["summary_large_image"]
    # Each edition's card, in its language.
    for code in TRANSLATED_LANGUAGES:
        card = f"https://timeline.example.org/assets/preview-{code}.png"
        assert meta(out / code / "events" / "e1" / "index.html", "og:image") == [card]
        assert (out / "assets" / f"preview-{code}.png").read_bytes() != (out / "assets" / "preview.png").read_bytes()


def test_the_preview_card_draws_belarusian_letters_not_empty_boxes() -> None:
    from components.data.loader import load_text
    from components.site.preview import preview_png
    from components.view.shape.frames import build_frames

    def card(title: str) -> bytes:
        loaded = load_text(VALID.replace("title: Test timeline", f"title: {title}", 1), "events.yaml")
        assert loaded.data.title == title
        return preview_png(build_frames(loaded), "v", language="en")

    # A font without Cyrillic draws every missing letter as the same box, so these two would be identical.
    assert card("Беларусь") != card("Бббббббб")


@pytest.mark.slow
def test_each_language_has_its_own_folder_with_every_page_in_its_language(site: Path) -> None:
    english = {p.relative_to(site) for p in pages(site) if p.relative_to(site).parts[0] not in TRANSLATED_LANGUAGES}
    assert {parse(site / p).lang for p in english} == {"en"}
    for code in TRANSLATED_LANGUAGES:
        edition = {p.relative_to(site / code) for p in pages(site / code)}
        assert edition == english, code
        assert {parse(site / code / p).lang for p in edition} == {code}
        # The shared files exist once, at the root.
        assert not (site / code / "assets").exists() and not (site / code / "data").exists()


@pytest.mark.slow
def test_an_event_page_names_the_same_page_in_every_language(site: Path) -> None:
    for folder in ("", "be/"):
        page = site / f"{folder}events/{EVENT}/index.html"
        alternates = parse(page).alternates
        assert set(alternates) == {"en", "be", "ru", "uk", "x-default"}
        for code, href in alternates.items():
            target = (page.parent / href).resolve()
            assert target.exists() and parse(target).lang == ("en" if code == "x-default" else code), (page, code)
            assert target == (site / ("" if code in ("en", "x-default") else code) / "events" / EVENT / "index.html")
        # The visible switch: each language named in itself, linking to the same page.
        html = page.read_text(encoding="utf-8")
        for code, name in LANGUAGE_NAMES.items():
            assert f'hreflang="{code}" lang="{code}"' in html and f">{name}</a>" in html


@pytest.mark.slow
def test_a_belarusian_page_writes_its_dates_in_belarusian(site: Path) -> None:
    event = next(e for e in DATA.events if e.id == EVENT)
    label = date_label(event.date, "be")
    assert label == "19 сакавіка 2026"
    assert f'<p class="when">{label} · ' in (site / "be" / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    assert f'<p class="when">{date_label(event.date, "en")} · ' in (site / "events" / EVENT / "index.html").read_text(
        "utf-8"
    )


@pytest.mark.slow
def test_a_translated_page_marks_the_data_texts_still_in_english(site: Path) -> None:
    # An event whose title is translated and whose summary is not.
    event = next(e for e in DATA.events if "be" in e.title_i18n and "be" not in e.summary_i18n)
    html = (site / "be" / "events" / event.id / "index.html").read_text(encoding="utf-8")
    title = html.split("<h1>")[1].split("</h1>")[0]
    assert title.strip().startswith(str(Markup.escape(event.title_i18n["be"]))) and "in-english" not in title
    marked = f'<span lang="en">{Markup.escape(event.summary)}</span>'
    assert marked in html and 'class="in-english"' in html.split(marked)[1][:200]
    assert 'class="in-english"' not in (site / "events" / event.id / "index.html").read_text(encoding="utf-8")


TRANSLATED_TITLE = VALID.replace("title: An event\n", "title: An event\n    title_i18n: {be: Падзея, ru: Событие}\n")


@pytest.mark.slow
def test_a_publisher_can_build_fewer_languages_and_english_is_always_there(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(TRANSLATED_TITLE.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://t.example.org"))
    out = tmp_path / "out"
    result = build(out, data, cwd=tmp_path, options=("--language", "be"))
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").exists() and (out / "be" / "index.html").exists()
    assert not (out / "ru").exists() and not (out / "uk").exists()
    page = parse(out / "be" / "events" / "e1" / "index.html")
    assert page.alternates == {"en": "https://t.example.org/events/e1/", "be": "https://t.example.org/be/events/e1/",
                               "x-default": "https://t.example.org/events/e1/"}  # fmt: skip
    html = (out / "be" / "events" / "e1" / "index.html").read_text(encoding="utf-8")
    # A translated title is shown as it is; the summary, still English, is marked so.
    assert "<h1>Падзея</h1>" in html
    assert '<p><span lang="en">Something happened.</span> <span class="in-english">' in html
    assert '<link rel="canonical" href="https://t.example.org/be/events/e1/">' in html
    locations = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(f"{{{SITEMAP}}}loc")]
    assert "https://t.example.org/be/events/e1/" in locations and not [u for u in locations if "/ru/" in str(u)]
    assert build(tmp_path / "unknown", data, cwd=tmp_path, options=("--language", "xx")).returncode == 2


def test_past_the_sitemap_limit_the_sitemap_is_an_index_of_parts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from components.data.loader import load_text
    from components.site import build as site_build
    from components.view.shape.frames import build_frames

    text = VALID.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://t.example.org")
    site = site_build.Site(build_frames(load_text(text, "events.yaml")), tmp_path / "events.yaml", "events.yaml")
    whole = dict(site.sitemaps())
    assert list(whole) == ["sitemap.xml"]
    listed = [e.text for e in ET.fromstring(whole["sitemap.xml"]).iter(f"{{{SITEMAP}}}loc")]
    assert len(listed) == 8 * 4  # story, sources, changes, map, people, one event, one person, one year; 4 languages
    monkeypatch.setattr(site_build, "SITEMAP_LIMIT", 10)
    parts = dict(site.sitemaps())
    assert sorted(parts) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap-4.xml", "sitemap.xml"]
    index = ET.fromstring(parts["sitemap.xml"])
    assert index.tag == f"{{{SITEMAP}}}sitemapindex"
    assert [e.text for e in index.iter(f"{{{SITEMAP}}}loc")] == [
        f"https://t.example.org/sitemap-{n}.xml" for n in (1, 2, 3, 4)
    ]
    found = [e.text for name in sorted(parts)[:-1] for e in ET.fromstring(parts[name]).iter(f"{{{SITEMAP}}}loc")]
    assert found == listed


def test_a_number_of_processes_below_one_is_refused(tmp_path: Path) -> None:
    result = build(tmp_path / "out", TIMELINE, options=("--jobs", "0"))
    assert result.returncode == 2 and "--jobs" in result.stderr and not (tmp_path / "out").exists()


def _between(text: str, start: str, end: str) -> str:
    head = text.index(start) + len(start)
    return text[head : text.index(end, head)]


def test_event_and_person_pages_say_how_to_cite_them(site: Path) -> None:
    import html

    import bibtexparser

    event = (site / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    block = _between(event, '<section class="cite" aria-label="Cite this"><h2>Cite this</h2>', "</section>")
    sentence = html.unescape(_between(block, "<p>", "</p>"))
    assert sentence.startswith(
        "“Coale meets Lukashenko; 250 freed” (19 March 2026). In: Belarus test timeline, version"
    )
    assert sentence.endswith(f" events/{EVENT}/.") and "accessed" not in sentence, (
        "a static page knows no reader's date"
    )
    bibtex = html.unescape(_between(block, '<summary>BibTeX</summary><pre lang="en">', "</pre>"))
    (entry,) = bibtexparser.parse_string(bibtex).entries
    assert entry.fields_dict["title"].value == "Coale meets Lukashenko; 250 freed"
    person = (site / "be" / "people" / "ales-bialiatski" / "index.html").read_text(encoding="utf-8")
    assert html.unescape(_between(person, '<section class="cite"', "</section>")).count("«Алесь Бяляцкі» // ") == 1
    footer = _between((site / "index.html").read_text(encoding="utf-8"), "<footer>", "</footer>")
    assert [part.split("</summary>")[0] for part in footer.split("<summary>")[1:]] == ["BibTeX", "RIS", "CSL-JSON"]


def test_the_map_page_lists_every_place_without_javascript_and_each_place_has_a_page(site: Path) -> None:
    text = (site / "map" / "index.html").read_text(encoding="utf-8")
    for place in ("colony-9-horki", "colony-17-shklou", "homiel-regional-court", "vilnius"):
        assert f'href="{UP}places/{place}/index.html"' in text
        assert (site / "places" / place / "index.html").exists() and (
            site / "be" / "places" / place / "index.html"
        ).exists()
    assert f'"{UP}places/ID/index.html"' in text, "a click on a marker opens the place's page"
    horki = (site / "places" / "colony-9-horki" / "index.html").read_text(encoding="utf-8")
    assert (
        f'href="{UP}{UP}people/ales-bialiatski/index.html">Ales Bialiatski</a> (May 2023 – 13 December 2025)' in horki
    )
    person = (site / "people" / "ales-bialiatski" / "index.html").read_text(encoding="utf-8")
    event = (site / "events" / "marozau-dies" / "index.html").read_text(encoding="utf-8")
    assert f'href="{UP}{UP}places/colony-9-horki/index.html"' in person
    assert f'href="{UP}{UP}places/colony-17-shklou/index.html"' in event
    belarusian = (site / "be" / "map" / "index.html").read_text(encoding="utf-8")
    assert "Папраўчая калонія №\u00a09, Горкі" in belarusian and "папраўчая калонія" in belarusian


def test_the_text_comes_before_any_chart_code_and_every_text_file_has_compressed_copies(site: Path) -> None:
    import gzip
    import re

    import brotli
    from plotly.offline import get_plotlyjs_version

    index = (site / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", index)
    assert scripts and all('type="application/json"' in s or " defer " in s for s in scripts), scripts
    assert index.index('<h2 id="story">') < index.index("plotly-cartesian.min.js"), "the story is parsed first"
    bundle = (site / "assets" / "plotly-cartesian.min.js").read_text(encoding="utf-8")[:200]
    assert f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}" in bundle, "the Python package's plotly.js"
    assert not (site / "assets" / "plotly.min.js").exists()
    for path in [site / "index.html", site / "assets" / "plotly-cartesian.min.js", site / "be" / "map" / "index.html",
                 site / "data" / "events.json"]:  # fmt: skip
        assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == path.read_bytes(), path
        packed = (path.parent / (path.name + ".br")).read_bytes()
        assert brotli.decompress(packed) == path.read_bytes() and len(packed) < len(path.read_bytes()) / 2, path


def test_the_site_draws_only_trace_types_its_plotly_bundle_has() -> None:
    from components.data.loader import load_file
    from components.view.draw.map_figure import map_figure
    from components.view.draw.prisoner_figures import prisoners_figure, releases_figure
    from components.view.draw.timeline_figures import timeline_figure
    from components.view.shape.frames import build_frames

    frames = build_frames(load_file(TIMELINE))
    figures = [
        timeline_figure(frames.events, frames.categories, language="en"),
        timeline_figure(frames.events, frames.categories, language="en", max_markers=0),  # the density: a heatmap
        prisoners_figure(frames.counts, frames.events, language="en"),
        releases_figure(frames.releases, language="en"),
        map_figure(frames.places, frames.people, frames.events, language="en"),
    ]
    assert {trace.type for figure in figures for trace in figure.data} <= {"scatter", "bar", "heatmap"}


def test_chart_points_open_their_event_pages_and_the_timeline_points_to_the_story(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for chart in ("timeline", "prisoners", "releases"):
        assert f'<div class="chart" id="{chart}" data-link="events/ID/index.html">' in index
    assert "the story below tells every event in it" in index


def test_every_page_reaches_each_year_and_the_people(site: Path) -> None:
    from components.view.shape.frames import build_frames

    page = (site / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    years = sorted({d.year for d in build_frames(load_file(TIMELINE)).events["start"]})
    for year in years:
        assert f'href="{UP}{UP}years/{year}/index.html">{year}</a>' in page
    assert f'href="{UP}{UP}people/index.html">People</a>' in page
    people = (site / "people" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{UP}people/{p.id}/index.html"' in people for p in DATA.people)
    assert "died in custody, 21 May 2021" in people and "still held" in people
