"""The real page in Belarusian, Russian and Ukrainian: chosen by the link, the browser or the picker, kept by the
link, every tab drawn in every language, no English word of the page's own left, dates in the reader's language."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loader import load_file
from components.i18n import LANGUAGES, TRANSLATED_LANGUAGES, _, language, ngettext
from components.ui.tabs import TABS
from components.view.words.locale import date_label

from .samples import ROOT, TIMELINE, run_page
from .test_i18n import PLACEHOLDER, code_messages

DATA = load_file(TIMELINE).data  # its title, names, labels and event titles are in every language


def _page(monkeypatch: pytest.MonkeyPatch, locale: str | None = None, **params: str) -> AppTest:
    if locale is None:
        return run_page(monkeypatch, str(TIMELINE), **params)
    monkeypatch.setenv("EVENTS_FILE", str(TIMELINE))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.context = {"locale": locale}
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _figure_texts(spec: dict[str, Any]) -> list[str]:
    # Legend entries, hovers and axis titles; not the annotations (on the timeline they are the events' own titles)
    # nor the names of traces the reader never sees.
    layout = spec.get("layout", {})
    traces = spec.get("data", [])
    texts = [str(t.get("name", "")) for t in traces if t.get("showlegend") is not False]
    texts += [str(t.get("hovertemplate", "")) for t in traces]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title = axis.get("title")
            texts.append(str(title.get("text", "")) if isinstance(title, dict) else str(title or ""))
    return texts


def labels(app: AppTest) -> list[str]:
    """The words the page itself writes and nothing of the data's: headings, labels, help, tabs, chart legends."""
    texts: list[str] = [e.value for e in (*app.title[1:], *app.header, *app.subheader)]
    for widget in (*app.text_input, *app.multiselect, *app.selectbox, *app.radio, *app.date_input, *app.button):
        texts += [widget.label, str(getattr(widget, "help", "") or ""), str(getattr(widget, "placeholder", "") or "")]
    texts += [m.label for m in app.metric] + [str(m.help or "") for m in app.metric]
    texts += [t.label for t in app.tabs] + [e.label for e in app.expander]
    for chart in app.get("plotly_chart"):
        texts += _figure_texts(json.loads(chart.proto.spec))
    return [t for t in texts if t]


def chrome(app: AppTest) -> list[str]:
    """The labels and the page's sentences (captions, notices), which may quote the data."""
    texts = labels(app) + [e.value for kind in ("caption", "info", "warning", "error") for e in getattr(app, kind)]
    return [t for t in texts if t]


def every_pair(firsts: Sequence[str], seconds: Sequence[str]) -> list[Any]:
    """Every (first, second) pair; the inner loop (`-m "not slow"`) runs one diagonal, which takes each value of both
    at least once, and the full run every pair."""
    pairs = []
    for i, first in enumerate(firsts):
        for j, second in enumerate(seconds):
            diagonal = j == i % len(seconds) if len(firsts) >= len(seconds) else i == j % len(firsts)
            marks = () if diagonal else (pytest.mark.slow,)
            pairs.append(pytest.param(first, second, marks=marks, id=f"{first}-{second}"))
    return pairs


def english_fragments() -> set[str]:
    """Every stretch of two or more English words in the code's messages (placeholders cut out)."""
    fragments = set()
    for (_context, key), message in code_messages().items():
        for text in message if isinstance(message, tuple) else (key,):
            for piece in PLACEHOLDER.split(text):
                part = piece.strip(" .,:;()·—–'\"")
                if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2:
                    fragments.add(part)
    return fragments


def test_the_link_s_language_is_the_page_s_and_the_link_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _page(monkeypatch, lang="be", tab="prisoners")
    assert app.title[0].value == DATA.title_i18n["be"]
    assert date_label(DATA.as_of, "be") in app.caption[0].value.replace("\\", "")
    assert app.query_params["lang"] == "be" and app.query_params["tab"] == "prisoners"
    assert any("lang=be" in h.value for h in app.sidebar.html), "'Link to this view' carries the language"


def test_the_browser_s_language_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _page(monkeypatch, locale="uk-UA")
    assert app.title[0].value == DATA.title_i18n["uk"]
    english = _page(monkeypatch, locale="de-DE")  # a language the page does not speak: English, without a notice
    assert english.title[0].value == DATA.title and not english.warning


def test_the_link_wins_over_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _page(monkeypatch, locale="ru-RU", lang="en")
    assert app.title[0].value == DATA.title
    assert app.query_params["lang"] == "en", "a language the link named stays in the link"


def test_an_unknown_language_falls_back_to_english_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _page(monkeypatch, lang="xx")
    assert app.title[0].value == DATA.title
    assert any("lang=xx" in w.value and "be" in w.value for w in app.warning)
    assert "lang" not in app.query_params
    app.radio(key="language").set_value("ru").run()
    assert not any("lang=xx" in w.value for w in app.warning), "the reader chose: the notice is past"
    assert app.query_params["lang"] == "ru"


def test_the_picker_switches_language_and_keeps_the_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _page(monkeypatch, tab="prisoners")
    app.session_state["language"] = "ru"
    app.run()
    assert not app.exception
    assert app.title[0].value == DATA.title_i18n["ru"]
    assert app.query_params["lang"] == "ru" and app.query_params["tab"] == "prisoners"
    with language("ru"):
        assert any(t.label == _("Political prisoners") for t in app.tabs)


@pytest.mark.parametrize(("tab", "code"), every_pair(list(TABS), LANGUAGES))
def test_every_tab_draws_in_every_language(monkeypatch: pytest.MonkeyPatch, code: str, tab: str) -> None:
    app = _page(monkeypatch, lang=code, tab=tab)
    assert app.tabs, "the tabs are drawn"
    if code != "en":
        with language(code):
            assert any(t.label == _(TABS[tab].label) for t in app.tabs)


@pytest.mark.parametrize(("tab", "code"), every_pair(list(TABS), TRANSLATED_LANGUAGES))
def test_no_english_message_is_left_on_a_translated_page(monkeypatch: pytest.MonkeyPatch, code: str, tab: str) -> None:
    app = _page(monkeypatch, lang=code, tab=tab, event="release-123-2025-12-13")
    texts = chrome(app)
    left = {f for f in english_fragments() for t in texts if f in t}
    # Markdown also carries the data's own texts (English where not translated): there, whole phrases only.
    left |= {f for f in english_fragments() for m in app.markdown if len(f.split()) >= 3 and f in m.value}
    left = sorted(left)
    assert not left, f"English messages on the {code} page's {tab} tab: {left[:8]}"
    # The page's own labels: no English word at all, but names of file formats and the search's example spelling.
    words = {w for t in labels(app) for w in re.findall(r"\b[A-Za-z]{3,}\b", PLACEHOLDER.sub(" ", t))}
    # Names of file formats, the search's example spelling, and the publishers the data cites (names, not words).
    publishers = {w for s in DATA.sources.values() for w in re.findall(r"\b[A-Za-z]{3,}\b", s.publisher)}
    assert words <= {"CSV", "JSON", "ZIP", "Excel", "Tikhanovsky", "BibTeX", "RIS", "CSL"} | publishers, words


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_counts_and_dates_are_written_the_language_s_way(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    app = _page(monkeypatch, lang=code, tab="table")
    total = len(DATA.events)
    with language(code):
        heading = ngettext("{count} event", "{count} events", total).format(count=total)
    assert any(h.value == heading for h in app.header)
    latest = max(DATA.prisoner_counts, key=lambda c: c.date.start)
    held = next(m for m in app.metric if str(latest.count)[-3:] in m.value.replace("\xa0", ""))
    assert date_label(latest.date, code) in (held.help or "")


def timeline_ids(app: AppTest) -> set[str]:
    chart = json.loads(app.get("plotly_chart")[0].proto.spec)
    ids = [c[0] if isinstance(c, list) else c for t in chart["data"] for c in (t.get("customdata") or [])]
    return {i for i in ids if isinstance(i, str)}


@pytest.mark.parametrize(
    ("code", "query"),
    every_pair(LANGUAGES, ["Ціханоўскі", "Тихановский", "Тихановський", "Tsikhanouski", "Cichanoŭski"]),
)
def test_search_finds_people_by_any_spelling_in_any_language(
    monkeypatch: pytest.MonkeyPatch, code: str, query: str
) -> None:
    app = _page(monkeypatch, lang=code, q=query)
    assert timeline_ids(app) == {"tsikhanouski-detained", "tsikhanouski-sentenced", "release-14-2025-06-21"}
