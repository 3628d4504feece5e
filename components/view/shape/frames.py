"""Shape a validated dataset into pandas frames for filters, figures and tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...data.fields import written
from ...data.fuzzy_dates import FuzzyDate
from ...data.loader import Loaded
from ...data.model import DEATH_IN_CUSTODY, Dataset, DatasetInfo, Event, Person, Place, PrisonerCount
from ...data.problems import Problem
from ...i18n import DEFAULT_LANGUAGE, N_, _, number_text
from ..words.locale import date_label
from ..words.text import shortened
from .search import search_key

# Okabe–Ito: distinguishable with the common colour-vision deficiencies. A category without a colour takes the next;
# the charts draw their own series in the same colours.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

UNSPECIFIED_DESTINATION = N_("Destination not reported")
KIND_JOINER = " + "  # a release's kinds that applied together, as the charts and tables show them
UNSPECIFIED_KIND = N_("not recorded")  # a release whose kind (pardon, deportation, ...) the data does not give


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, as `to_dict("records")` gives them (missing integers as None), at half its cost:
    pandas iterates Arrow-backed text element by element there, while `tolist` converts whole columns."""
    names, columns = list(frame.columns), []
    for name in names:
        column = frame[name]
        values = column.tolist()
        if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) and column.dtype.kind in "iub":
            values = [None if v is pd.NA else v for v in values]
        columns.append(values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)] if names else []


def categories_frame(data: Dataset) -> pd.DataFrame:
    """Categories in declared order, each with a colour (its own or the palette's)."""
    rows = [
        {"id": c.id, "label": c.label, "color": c.color or PALETTE[i % len(PALETTE)], "order": i}
        for i, c in enumerate(data.categories)
    ]
    return pd.DataFrame(rows, columns=["id", "label", "color", "order"])


def _english(date: FuzzyDate | None) -> str | None:
    # The frames' own display text is the English, written by the one date writer every language uses.
    return None if date is None else date_label(date, DEFAULT_LANGUAGE)


def _timestamp(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def _span_end(date: FuzzyDate, end: FuzzyDate | None) -> pd.Timestamp:
    # The last moment an entry covers: through its `end`, or through the whole year/month it names.
    last = (end or date).end
    return pd.Timestamp(last) + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)


# Made here for every event beside the model's own fields (which the frame holds as the file writes them).
DERIVED_EVENT_COLUMNS = [
    "date_label",
    "precision",
    "start",
    "until",
    "freed_at",
    "has_end",
    "category_label",
    "lane",
    "list_label",
    "chart_label",
    "people_names",
    "milestone",
    "death_in_custody",
    "search_text",
]
EVENT_COLUMNS = [*Event.model_fields, *DERIVED_EVENT_COLUMNS]


def events_frame(data: Dataset) -> pd.DataFrame:
    """One row per event, in date order: every field of the model as the file writes it, and the columns the page
    derives from them (the span drawn, labels, the lane, the search key)."""
    categories = {c.id: (position, c.label) for position, c in enumerate(data.categories)}
    names = {p.id: p for p in data.people}
    places = {p.id: (p.name, p.town, *p.aliases, *p.name_i18n.values()) for p in data.places}
    rows = []
    for event in data.events:
        people = [names[p] for p in event.people if p in names]
        date_label = _english(event.date) if event.end is None else f"{_english(event.date)} – {_english(event.end)}"
        # Every spelling in every language: a search finds the same events whichever language the page speaks.
        search_words = [event.title, event.summary, *event.title_i18n.values(), *event.summary_i18n.values()]
        search_words += [n for p in people for n in (p.name, *p.aliases, *p.name_i18n.values())]
        search_words += [n for p in event.places for n in places.get(p, ())]  # 'Horki', 'Горкі', 'ИК-9'
        row = {name: written(getattr(event, name)) for name in Event.model_fields}
        row.update(
            {
                "date_label": date_label,
                "precision": event.date.precision,
                "start": _timestamp(event.date.start),
                "until": _span_end(event.date, event.end),
                "freed_at": _timestamp((event.freed_on or event.date).start),  # a release's day on the charts
                "has_end": event.end is not None,
                "category_label": categories[event.category][1],
                "lane": categories[event.category][0],
                "list_label": f"{date_label} — {event.title}",  # built once here: string columns are slow to join
                "chart_label": event.short or shortened(event.title),
                "people_names": ", ".join(p.name for p in people),
                "milestone": "milestone" in event.tags,
                "death_in_custody": DEATH_IN_CUSTODY in event.tags,
                "search_text": search_key(" ".join(search_words)),
            }
        )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame["released"] = frame["released"].astype("Int64")
    frame["start"] = pd.to_datetime(frame["start"])
    frame["until"] = pd.to_datetime(frame["until"])
    frame["freed_at"] = pd.to_datetime(frame["freed_at"])
    return frame.sort_values(["start", "until", "id"], kind="stable").reset_index(drop=True)


# Made here for every person beside the model's own fields (which the frame holds as the file writes them).
DERIVED_PEOPLE_COLUMNS = ["detained_at", "released_at", "held_until", "detained_label", "released_label", "died_label",
                          "still_held", "died"]  # fmt: skip
PEOPLE_COLUMNS = [*Person.model_fields, *DERIVED_PEOPLE_COLUMNS]


def people_frame(data: Dataset) -> pd.DataFrame:
    """One row per person: every field of the model as the file writes it, and the detention drawn from it
    (`held_until` is the release, the death in custody, or `as_of` for those still held)."""
    as_of = pd.Timestamp(data.as_of.end)
    rows = []
    for person in data.people:
        ended = person.released or person.died_in_custody
        row = {name: written(getattr(person, name)) for name in Person.model_fields}
        row.update(
            {
                "detained_at": _timestamp(person.detained.start) if person.detained else pd.NaT,
                "released_at": _timestamp(person.released.end) if person.released else pd.NaT,
                "held_until": _timestamp(ended.end) if ended else as_of,
                "detained_label": _english(person.detained),
                "released_label": _english(person.released),
                "died_label": _english(person.died_in_custody),
                "still_held": person.detained is not None and ended is None,
                "died": person.died_in_custody is not None,
            }
        )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=PEOPLE_COLUMNS)
    for column in ("detained_at", "released_at", "held_until"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


PLACES_COLUMNS = [*Place.model_fields, "people", "events", "search_text"]


def places_frame(data: Dataset) -> pd.DataFrame:
    """One row per place: every field of the model as the file writes it, the people held there and the events that
    name it (ids, in the data's order), and a search key over every spelling of its name and town."""
    held: dict[str, list[str]] = {}
    for person in data.people:
        for place_id in dict.fromkeys(h.place for h in person.held_at):
            held.setdefault(place_id, []).append(person.id)
    named: dict[str, list[str]] = {}
    for event in data.events:
        for place_id in dict.fromkeys(event.places):
            named.setdefault(place_id, []).append(event.id)
    rows = []
    for place in data.places:
        words = [place.name, place.town, *place.aliases, *place.name_i18n.values()]
        row = {name: written(getattr(place, name)) for name in Place.model_fields}
        row |= {"people": tuple(held.get(place.id, ())), "events": tuple(named.get(place.id, ())),
                "search_text": search_key(" ".join(words))}  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=PLACES_COLUMNS)


def counts_frame(data: Dataset) -> pd.DataFrame:
    """Viasna's counts in date order, each with its source's publisher and title, and the id of the same day's event
    it was counted before."""
    rows = []
    for count in data.prisoner_counts:
        source = data.sources.get(count.source)
        row = {name: written(getattr(count, name)) for name in PrisonerCount.model_fields}
        rows.append(
            {
                **row,
                "date": _timestamp(count.date.start),
                "date_text": row["date"],
                "date_label": _english(count.date),
                "source_label": f"{source.publisher}: {source.title}" if source else count.source,
                "source_url": source.url if source else None,
            }
        )
    # The model's fields (the date as the day drawn, and as written in `date_text`), then what is made from them.
    columns = [*PrisonerCount.model_fields, "date_text", "date_label", "source_label", "source_url"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["count"] = frame["count"].astype("int64")
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def count_label(row: Mapping[str, Any] | pd.Series) -> str:
    """A count as readers see it: '1,153', or 'over 1,100' when Viasna gave it as a lower bound."""
    number = number_text(int(row["count"]))
    return _("over {count}").format(count=number) if row["approximate"] else number


def releases_frame(data: Dataset) -> pd.DataFrame:
    """One row per (release event, destination), with the release's kind; what no destination accounts for is 'not
    reported'."""
    rows = []
    for event in data.events:
        if event.released is None:
            continue
        freed = event.freed_on or event.date  # the day the people were freed
        label = _english(freed)
        kind = KIND_JOINER.join(event.release_kind) or UNSPECIFIED_KIND
        for destination, number in event.released_to.items():
            rows.append((event.id, _timestamp(freed.start), label, event.title, destination, kind, number))
        remainder = event.released - sum(event.released_to.values())
        if remainder > 0 or event.released == 0:
            rows.append(
                (event.id, _timestamp(freed.start), label, event.title, UNSPECIFIED_DESTINATION, kind, remainder)
            )
    frame = pd.DataFrame(rows, columns=["id", "start", "date_label", "title", "destination", "kind", "released"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["released"] = frame["released"].astype("int64")
    return frame.sort_values(["start", "id"], kind="stable").reset_index(drop=True)


def sources_frame(data: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """Every source with the ids of the events that cite it."""
    cited: dict[str, list[str]] = {source_id: [] for source_id in data.sources}
    for event_id, sources in zip(events["id"], events["sources"], strict=True):
        for source_id in sources:
            cited.setdefault(source_id, []).append(event_id)
    rows = [
        {
            "id": source_id,
            "publisher": source.publisher,
            "title": source.title,
            "url": source.url,
            "published": _english(source.published),
            "published_sort": _timestamp(source.published.start),
            "archived": source.archived,
            "note": source.note,
            "cited_by": tuple(cited.get(source_id, ())),
        }
        for source_id, source in data.sources.items()
    ]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Frames:
    """Everything the page draws from one version of the file; events live only in `events`."""

    meta: DatasetInfo  # the file but its events (title, as_of, categories, people, sources, counts)
    categories: pd.DataFrame
    events: pd.DataFrame
    people: pd.DataFrame
    counts: pd.DataFrame
    releases: pd.DataFrame
    sources: pd.DataFrame
    places: pd.DataFrame
    warnings: tuple[Problem, ...] = ()
    version: str = ""  # the content hash the parse cache gives; keys caches of filtered views and figures
    data_hash: str = ""  # SHA-256 of the data file's bytes: the data's version, with as_of
    english: Frames | None = None  # the data's own (English) frames, when these are a translation of them
    language: str = DEFAULT_LANGUAGE  # the language of the display columns; the builders' `language=` for them

    @property
    def in_english(self) -> Frames:
        """The data's own frames: what the downloads carry, whatever language the page speaks."""
        return self.english or self


def build_frames(loaded: Loaded) -> Frames:
    """All frames of a loaded file; the pydantic events are dropped once the frames hold them."""
    data = loaded.data
    events = events_frame(data)
    return Frames(
        meta=data.info,
        categories=categories_frame(data),
        events=events,
        people=people_frame(data),
        counts=counts_frame(data),
        releases=releases_frame(data),
        sources=sources_frame(data, events),
        places=places_frame(data),
        warnings=loaded.warnings,
    )
