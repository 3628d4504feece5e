"""The frames in the reader's language: the data's own translations where it has them (English otherwise, and the
page says so), dates written the language's way, country names from CLDR and the fixed values from the catalogs."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd
from babel import Locale

from ...data.fuzzy_dates import parse_fuzzy_date
from ...data.model import DatasetInfo, Person
from ...i18n import DEFAULT_LANGUAGE, _, language
from ..words.locale import date_label
from ..words.text import shortened
from .frames import UNSPECIFIED_DESTINATION, Frames


def translated(text: str, translations: dict[str, str], lang: str) -> tuple[str, bool]:
    """A data text in `lang` when the data has it: (text, True); else the English: (text, False)."""
    if lang == DEFAULT_LANGUAGE:
        return text, True
    value = translations.get(lang)
    return (value, True) if value else (text, False)


@functools.lru_cache(maxsize=4096)
def date_text(written: str, lang: str) -> str:
    """A date as the file writes it ('2020-08', '2020-08-09') as `lang` writes it at the same precision."""
    return date_label(parse_fuzzy_date(written), lang)


def _span(start: str, end: object, lang: str) -> str:
    label = date_text(start, lang)
    return label if not isinstance(end, str) else f"{label} – {date_text(end, lang)}"


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    # English country name -> its name in `lang`, from CLDR (released_to keys are written in English).
    codes = {name: code for code, name in Locale("en").territories.items()}
    names = Locale.parse(lang).territories
    return {name: names[code] for name, code in codes.items() if code in names}


def country_name(name: str, lang: str) -> str:
    """'Lithuania' as `lang` writes it ('Літва'), the 'not reported' placeholder through the catalog, and a name
    CLDR does not know as the data writes it (a data value is not a message)."""
    if name == UNSPECIFIED_DESTINATION:
        return _(name)
    return _territories(lang).get(name) or name


def _names(people: Iterable[Person], lang: str) -> dict[str, str]:
    return {p.id: translated(p.name, p.name_i18n, lang)[0] for p in people}


def _meta(meta: DatasetInfo, lang: str) -> DatasetInfo:
    people = [p.model_copy(update={"name": translated(p.name, p.name_i18n, lang)[0]}) for p in meta.people]
    categories = [c.model_copy(update={"label": translated(c.label, c.label_i18n, lang)[0]}) for c in meta.categories]
    return meta.model_copy(
        update={
            "title": translated(meta.title, meta.title_i18n, lang)[0],
            "description": translated(meta.description, meta.description_i18n, lang)[0],
            "people": people,
            "categories": categories,
        }
    )


def _events(events: pd.DataFrame, meta: DatasetInfo, lang: str) -> pd.DataFrame:
    frame = events.copy()
    titles = [translated(t, i18n, lang) for t, i18n in zip(frame["title"], frame["title_i18n"], strict=True)]
    summaries = [translated(s, i18n, lang) for s, i18n in zip(frame["summary"], frame["summary_i18n"], strict=True)]
    frame["title"] = [text for text, _shown in titles]
    frame["summary"] = [text for text, _shown in summaries]
    # Which texts are still the English, so that the page can say so next to them.
    frame["title_in_english"] = [not found for _text, found in titles]
    frame["summary_in_english"] = [not found for _text, found in summaries]
    # The chart's label: the data's own in the language, else the translated title shortened, else the English.
    frame["chart_label"] = [
        shorts.get(lang) or (shortened(t) if found else s)
        for s, shorts, (t, found) in zip(frame["chart_label"], frame["short_i18n"], titles, strict=True)
    ]
    frame["date_label"] = [_span(d, e, lang) for d, e in zip(frame["date"], frame["end"], strict=True)]
    labels = {c.id: c.label for c in meta.categories}
    frame["category_label"] = frame["category"].map(labels)
    names = _names(meta.people, lang)
    frame["people_names"] = [", ".join(names[p] for p in ids if p in names) for ids in frame["people"]]
    frame["list_label"] = [f"{d} — {t}" for d, t in zip(frame["date_label"], frame["title"], strict=True)]
    return frame


def _releases(frames: Frames, lang: str) -> pd.DataFrame:
    releases = frames.releases.copy()
    events = frames.events
    # The day the people were freed: `freed_on` where the data gives it, else the event's date.
    dates = {
        i: f if isinstance(f, str) else d
        for i, f, d in zip(events["id"], events["freed_on"], events["date"], strict=True)
    }
    titles: dict[str, dict[str, str]] = dict(zip(events["id"], events["title_i18n"], strict=True))
    releases["date_label"] = [date_text(dates[i], lang) for i in releases["id"]]
    releases["title"] = [
        translated(title, titles[i], lang)[0] for title, i in zip(releases["title"], releases["id"], strict=True)
    ]
    return releases


def _people(frames: Frames, meta: DatasetInfo, lang: str) -> pd.DataFrame:
    people = frames.people.copy()
    people["name"] = [p.name for p in meta.people]
    for field, column in (
        ("detained", "detained_label"),
        ("released", "released_label"),
        ("died_in_custody", "died_label"),
    ):
        written = [getattr(p, field) for p in frames.meta.people]
        people[column] = [None if d is None else date_label(d, lang) for d in written]
    return people


def translated_frames(frames: Frames, lang: str) -> Frames:
    """The frames as a reader of `lang` sees them; the English frames themselves for English. Their `version`
    names the language, so every cache keyed on it keeps one copy per language."""
    if lang == DEFAULT_LANGUAGE:
        return frames
    with language(lang):
        meta = _meta(frames.meta, lang)
        categories = frames.categories.copy()
        categories["label"] = [c.label for c in meta.categories]
        counts = frames.counts.copy()
        counts["date_label"] = [date_text(d, lang) for d in counts["date_text"]]
        sources = frames.sources.copy()
        published = {key: s.published for key, s in frames.meta.sources.items()}
        sources["published"] = [date_label(published[i], lang) for i in sources["id"]]
        places = frames.places.copy()
        places["name"] = [
            translated(n, i18n, lang)[0] for n, i18n in zip(places["name"], places["name_i18n"], strict=True)
        ]
        return replace(
            frames, meta=meta, categories=categories, events=_events(frames.events, meta, lang),
            people=_people(frames, meta, lang), counts=counts, releases=_releases(frames, lang), sources=sources,
            places=places,
            version=f"{frames.version}/{lang}", english=frames, language=lang,
        )  # fmt: skip
