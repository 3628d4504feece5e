"""The static edition: every link resolves, the same data gives the same bytes, text without JavaScript, nothing
fetched from another host, untrusted text stays text, a broken file leaves the old site alone, and the changes."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from components.data.loader import load_file

from .samples import BUNDLED, ROOT, VALID

DATA = load_file(BUNDLED).data


def build(out: Path, data: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "components", "site", str(out), *([str(data)] if data else [])]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    result = build(out)
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
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.attributes += [name for name, _ in attrs]
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


def test_the_site_has_a_page_for_every_event_person_and_year(site: Path) -> None:
    assert (site / "index.html").exists() and (site / "sources" / "index.html").exists()
    assert {p.name for p in (site / "events").iterdir()} == {e.id for e in DATA.events}
    assert {p.name for p in (site / "people").iterdir()} == {p.id for p in DATA.people}
    assert {p.name for p in (site / "years").iterdir()} == {str(e.date.start.year) for e in DATA.events}
    for name in (
        "datapackage.json",
        "data/events.csv",
        "data/prisoner_counts.csv",
        "events.json",
        "events.schema.json",
    ):
        assert (site / "data" / name).exists(), name


def test_every_internal_link_and_asset_resolves(site: Path) -> None:
    missing = []
    for path in pages(site):
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


def test_nothing_is_fetched_from_another_host(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        assert [a for a in page.assets if urlsplit(a).scheme or a.startswith("//")] == [], path
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000  # plotly.js, shipped once


def test_the_story_and_the_chart_texts_are_there_without_javascript(site: Path) -> None:
    text = " ".join(parse(site / "index.html").text)
    assert all(event.title in text for event in DATA.events)
    assert "Viasna's count of political prisoners rose from 25 on 9 August 2020" in text
    assert "The same data as a table" in text and "19 March 2026" in text


def test_every_page_says_the_data_version_and_how_to_cite(site: Path) -> None:
    version = (site / "data" / "datapackage.json").read_text(encoding="utf-8").split('"version": "')[1].split('"')[0]
    for path in pages(site):
        text = " ".join(parse(path).text)
        assert f"Data version {version}" in text and "cff-version: 1.2.0" in text, path


def test_an_event_page_stays_small(site: Path) -> None:
    largest = max((site / "events").rglob("index.html"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size <= 20_000, largest


def test_the_same_data_and_code_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(again).returncode == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys() and [k for k in first if first[k] != second[k]] == []


def test_untrusted_text_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "hostile"
    assert build(out, ROOT / "tests" / "data" / "hostile.yaml").returncode == 0
    for path in pages(out):
        page = parse(path)
        assert not [a for a in page.attributes if a.startswith("on")], path
        assert not [link for link in page.links if link.lower().startswith(("javascript:", "data:"))], path
        for script in page.scripts:
            assert script.get("src") in (None, "assets/plotly.min.js") or str(script["src"]).endswith("plotly.min.js")
        html = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html and "<img src=x" not in html


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
    feed = ET.parse(out / "changes.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == ["Rename e1, add e2", "First version"]


def test_without_git_history_the_changes_page_says_so(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    out = tmp_path / "out"
    assert build(out, data, cwd=tmp_path).returncode == 0
    assert "built outside a git checkout" in (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert not (out / "changes.xml").exists()


def test_with_a_site_address_there_is_a_sitemap_and_canonical_links(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://timeline.example.org"))
    out = tmp_path / "out"
    assert build(out, data, cwd=tmp_path).returncode == 0
    locations = [
        e.text for e in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert "https://timeline.example.org/events/e1/" in locations
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


def test_the_link_preview_card_is_a_1200_by_630_png_named_only_where_the_site_address_is_known(
    site: Path, tmp_path: Path
) -> None:
    from PIL import Image

    with Image.open(site / "assets" / "preview.png") as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
        assert len(card.getcolors(1_000_000) or []) > 50  # drawn text and a line, not a blank card
    # The bundled file has no site address, and a preview image needs an absolute one.
    assert meta(site / "index.html", "og:image") == [] and meta(site / "index.html", "twitter:card") == ["summary"]
    data = tmp_path / "events.yaml"
    data.write_text(VALID.replace("as_of: 2026-03-19", "as_of: 2026-03-19\nsite_url: https://timeline.example.org/"))
    out = tmp_path / "out"
    assert build(out, data, cwd=tmp_path).returncode == 0
    event = out / "events" / "e1" / "index.html"
    assert meta(event, "og:image") == ["https://timeline.example.org/assets/preview.png"]
    assert meta(event, "twitter:card") == ["summary_large_image"]


def test_the_preview_card_draws_belarusian_letters_not_empty_boxes() -> None:
    from components.data.loader import load_text
    from components.site.preview import preview_png
    from components.view.frames import build_frames

    def card(title: str) -> bytes:
        loaded = load_text(VALID.replace("title: Test timeline", f"title: {title}", 1), "events.yaml")
        assert loaded.data.title == title
        return preview_png(build_frames(loaded), "v")

    # A font without Cyrillic draws every missing letter as the same box, so these two would be identical.
    assert card("Беларусь") != card("Бббббббб")
