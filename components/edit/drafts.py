"""A new entry typed into the form: built into plain entries and judged by the same model as `check`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd
from anyascii import anyascii
from pydantic import BaseModel, ValidationError

from ..data.checks import cross_check
from ..data.fields import FieldSpec, model_fields
from ..data.model import Dataset, DatasetInfo, Event, Person, Source
from ..i18n import LANGUAGE_NAMES, N_, TRANSLATED_LANGUAGES, _
from .yaml_writer import entry_yaml, source_yaml

Entry = dict[str, Any]
_NON_SLUG = re.compile(r"[^a-z0-9]+")
REQUIRED = N_("required")  # a field left empty; the form shows it only once the reader tries to save


@dataclass(frozen=True)
class Draft:
    """An event and, optionally, a new person and a new source it refers to."""

    event: Entry
    person: Entry | None = None
    source_id: str | None = None
    source: Entry | None = None


@dataclass(frozen=True)
class DraftCheck:
    """Problems by form field ('event.title', 'person.name', 'source.url', ...); empty when it can be saved."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    dataset: Dataset | None = None  # the data with the draft added, when the draft is valid

    @property
    def ok(self) -> bool:
        return not self.problems


def slugify(text: str, fallback: str = "entry") -> str:
    """'Coale meets Lukashenko!' -> 'coale-meets-lukashenko'."""
    return _NON_SLUG.sub("-", anyascii(text).lower()).strip("-")[:60].strip("-") or fallback


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... when taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def compose_date(precision: str, year: int | None, month: int | None, day: int | None) -> str:
    """The date text at the chosen precision ('' when the year is missing)."""
    if year is None:
        return ""
    text = f"{year:04d}"
    if precision in ("month", "day") and month:
        text += f"-{month:02d}"
        if precision == "day" and day:
            text += f"-{day:02d}"
    return text


def parse_list(text: str) -> list[str]:
    """Comma- or line-separated values, trimmed, empty ones dropped."""
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def whole_number(text: str) -> int | str:
    """'12' as 12, so that a saved entry holds a number as the file's schema wants; anything else stays text for the
    model to judge and name ('1,153' is not a whole number)."""
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped


def parse_destinations(text: str) -> tuple[dict[str, int | str], list[str]]:
    """'Lithuania: 9' lines to a mapping, numbers as numbers (other text stays for the model to judge)."""
    destinations: dict[str, int | str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, count = line.rpartition(":")
        if not colon or not name.strip():
            problems.append(_("line {line}: write 'Destination: number', e.g. 'Lithuania: 9'").format(line=number))
            continue
        destinations[name.strip()] = whole_number(count)
    return destinations, problems


def _model_problems(model: type[BaseModel], entry: Mapping[str, Any], prefix: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    try:
        model.model_validate(entry)
    except ValidationError as error:
        for item in error.errors():
            loc = [str(part) for part in item["loc"] if part != "[key]"]
            name = loc[0] if loc else ""
            if item["type"] == "missing":
                message = _(REQUIRED)
            elif item["type"] == "too_short":
                message = _("choose at least one")
            else:
                message = item["msg"]  # the model's own words (components/data/model.py)
            problems.setdefault(f"{prefix}.{name}", []).append(message)
    return problems


def check_draft(data: DatasetInfo, draft: Draft, event_ids: Collection[str] = ()) -> DraftCheck:
    """Judge the draft with the model and the cross-checks `check` uses, as if it were in the file: against what is
    loaded already (the file but its events, and the events' ids), without reading the file again."""
    problems = _model_problems(Event, draft.event, "event")
    if draft.person is not None:
        problems.update(_model_problems(Person, draft.person, "person"))
    if draft.source is not None:
        problems.update(_model_problems(Source, draft.source, "source"))
        if not draft.source_id:
            problems.setdefault("source.title", []).append(_(REQUIRED))
        elif draft.source_id in data.sources:
            exists = _("a source with id '{id}' exists; pick it").format(id=draft.source_id)
            problems.setdefault("source.title", []).append(exists)
    if problems:
        return DraftCheck(problems)
    if draft.event.get("id") in set(event_ids):
        used = _("id '{id}' is used twice (first by {first}); ids must be unique")
        problems.setdefault("event.id", []).append(used.format(id=draft.event["id"], first="events"))
    people = [*data.people, Person.model_validate(draft.person)] if draft.person else list(data.people)
    sources = dict(data.sources)
    if draft.source is not None and draft.source_id:
        sources[draft.source_id] = Source.model_validate(draft.source)
    # The new event alone beside the loaded people and sources: the cross-checks of one event need no other event.
    fields = {name: getattr(data, name) for name in DatasetInfo.model_fields}
    candidate = Dataset.model_construct(
        **{**fields, "people": people, "sources": sources}, events=[Event.model_validate(draft.event)]
    )
    index = 0
    for finding in cross_check(candidate):
        if finding.severity != "error":
            continue
        path = finding.path
        if path[:2] == ("events", index):
            problems.setdefault(f"event.{path[2] if len(path) > 2 else 'id'}", []).append(finding.message)
        elif path[:2] == ("people", len(data.people)) and draft.person:
            problems.setdefault(f"person.{path[2] if len(path) > 2 else 'name'}", []).append(finding.message)
    return DraftCheck(problems, None if problems else candidate)


def event_prefill(row: Mapping[str, Any]) -> Entry:
    """An existing event's values, from its row of the (English) events frame, as a starting point for a new one
    ('Duplicate as new')."""
    values = {
        name: list(value) if isinstance(value, tuple) else value  # the frame's tuples, the form's lists
        for name in Event.model_fields
        if name not in NOT_COPIED and (value := row.get(name)) is not None and not _missing(value)
    }
    values["title"] = f"{row['title']} (copy)"
    return values


# What 'Duplicate as new' leaves behind: the event's own id, and the words made for its title (a copy, retitled,
# makes its own chart label and translations); the frame holds every other field as the data wrote it.
NOT_COPIED = frozenset({"id", "title_i18n", "short", "short_i18n", "summary_i18n", "other_sources"})


def _missing(value: object) -> bool:
    return value is pd.NA or (isinstance(value, float) and value != value)  # noqa: PLR0124 - NaN is not itself


PRECISIONS = ("day", "month", "year")
TRANSLATED_FIELDS = ("title", "short", "summary", "person_name")  # the form's fields with a translation per language
# The event's fields the form has its own widgets for; any other field of the model gets a plain text field of its
# own (`EventForm.extra`), read as the model reads the file, so a field added to the model reaches the form.
FORM_WIDGETS = frozenset({"id", "date", "end", "title", "title_i18n", "short", "short_i18n", "category", "summary",
                          "summary_i18n", "sources", "people", "released", "released_to", "release_kind", "status",
                          "also", "tags", "note", "other_sources", "places", "freed_on"})  # fmt: skip


def extra_fields() -> tuple[FieldSpec, ...]:
    """The event's fields without a widget of their own, each shown as a text field."""
    return tuple(spec for spec in model_fields(Event) if spec.name not in FORM_WIDGETS)


@dataclass
class EventForm:
    """The add-event form's values as its widgets hold them (text as typed; the model judges it on the way in)."""

    precision: str = "day"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end: str = ""
    title: str = ""
    short: str = ""
    category: str | None = None
    summary: str = ""
    people: list[str] = field(default_factory=list)
    new_person: bool = False
    person_name: str = ""
    person_aliases: str = ""
    person_role: str = ""
    sources: list[str] = field(default_factory=list)
    new_source: bool = False
    source_title: str = ""
    source_publisher: str = ""
    source_url: str = ""
    source_published: str = ""
    status: str = "confirmed"
    released: str = ""
    freed_on: str = ""
    released_to: str = ""
    release_kind: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    tags: str = ""
    note: str = ""
    other_sources: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)  # 'title_be' -> text
    extra: dict[str, str] = field(default_factory=dict)  # a field of `extra_fields()` -> text

    def widget_values(self) -> dict[str, Any]:
        """One value per widget, by the widget's name ('title', 'title_be', 'extra_witness')."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("translations", "extra")}
        values |= {f"{name}_{code}": "" for name in TRANSLATED_FIELDS for code in TRANSLATED_LANGUAGES}
        values |= self.translations
        values |= {f"extra_{spec.name}": "" for spec in extra_fields()}
        return values | {f"extra_{name}": text for name, text in self.extra.items()}

    @classmethod
    def from_widgets(cls, value: Callable[[str, Any], Any], today: dt.date) -> EventForm:
        """The form as its widgets hold it; `value(name, default)` reads one widget."""
        blank = blank_values(today).widget_values()
        read = {name: value(name, default) for name, default in blank.items()}
        own = {f.name for f in fields(cls)} - {"translations", "extra"}
        return cls(
            **{name: read[name] for name in own},
            translations={n: read[n] for n in blank if n not in own and not n.startswith("extra_")},
            extra={n.removeprefix("extra_"): read[n] for n in blank if n.startswith("extra_")},
        )


def blank_values(today: dt.date) -> EventForm:
    """An empty form, dated today (computed when the form opens, not when the server started)."""
    return EventForm(year=today.year, month=today.month, day=today.day)


def translation_label(label: str, code: str) -> str:
    """A translation field's label: 'Title — Беларуская'."""
    return f"{label} — {LANGUAGE_NAMES[code]}"


def _translations(form: EventForm, name: str) -> dict[str, str]:
    # Only the languages filled in; an empty mapping is left out of the entry altogether.
    found = {code: str(form.translations.get(f"{name}_{code}", "")).strip() for code in TRANSLATED_LANGUAGES}
    return {code: text for code, text in found.items() if text}


def prefilled_values(prefill: Mapping[str, Any], today: dt.date) -> EventForm:
    """The form filled from an existing event's values ('Duplicate as new')."""
    form = blank_values(today)
    parts = [int(p) for p in str(prefill.get("date", "")).split("-") if p.isdigit()]
    form.precision = PRECISIONS[3 - len(parts)] if parts else "day"
    dated: list[int | None] = [*parts, *(form.year, form.month, form.day)[len(parts) :]]
    form.year, form.month, form.day = dated
    for name in ("title", "short", "category", "summary", "status", "note"):
        if prefill.get(name) is not None:
            setattr(form, name, prefill[name])
    form.end = str(prefill.get("end") or "")
    form.freed_on = str(prefill.get("freed_on") or "")
    for name in ("people", "sources", "release_kind", "also", "other_sources", "places"):
        setattr(form, name, list(prefill.get(name, [])))
    form.released = "" if prefill.get("released") is None else str(prefill["released"])
    form.released_to = "\n".join(f"{k}: {v}" for k, v in (prefill.get("released_to") or {}).items())
    form.tags = ", ".join(prefill.get("tags", []))
    form.extra = {spec.name: str(prefill[spec.name]) for spec in extra_fields() if prefill.get(spec.name) is not None}
    return form


def _new_person(form: EventForm, data: DatasetInfo) -> Entry | None:
    if not form.new_person:
        return None
    name = form.person_name.strip()
    return {
        "id": unique_id(slugify(name, "person"), {p.id for p in data.people}),
        "name": name,
        "aliases": parse_list(form.person_aliases),
        "role": form.person_role.strip(),
        **({"name_i18n": names} if (names := _translations(form, "person_name")) else {}),
    }


def _new_source(form: EventForm, data: DatasetInfo) -> tuple[str | None, Entry | None]:
    if not form.new_source:
        return None, None
    published = form.source_published.strip()
    source_id = unique_id(f"{slugify(form.source_publisher, 'source')}-{published}", set(data.sources))
    source = {
        "title": form.source_title.strip(),
        "publisher": form.source_publisher.strip(),
        "url": form.source_url.strip(),
        "published": published,
    }
    return source_id, source


def draft_from_values(form: EventForm, data: DatasetInfo, event_ids: set[str]) -> tuple[Draft, dict[str, list[str]]]:
    """The draft that the form describes, and problems found in reading the form itself."""
    form_problems: dict[str, list[str]] = {}
    date = compose_date(form.precision, form.year, form.month, form.day)
    title = form.title.strip()
    person = _new_person(form, data)
    source_id, source = _new_source(form, data)
    released_to, destination_problems = parse_destinations(form.released_to)
    if destination_problems:
        form_problems["event.released_to"] = destination_problems
    event: Entry = {
        "id": unique_id(f"{slugify(title, 'event')}-{date}", event_ids),
        "date": date,
        "end": form.end.strip() or None,
        "title": title,
        "title_i18n": _translations(form, "title"),
        "short": form.short.strip() or None,
        "short_i18n": _translations(form, "short"),
        "category": form.category,
        "summary": form.summary.strip(),
        "summary_i18n": _translations(form, "summary"),
        "sources": [*form.sources, *([source_id] if source_id else [])],
        "people": [*form.people, *([person["id"]] if person else [])],
        "released": whole_number(form.released) if form.released.strip() else None,
        "freed_on": form.freed_on.strip() or None,
        "released_to": released_to,
        "release_kind": list(form.release_kind),
        "status": form.status,
        "also": list(form.also),
        "tags": [slugify(t) for t in parse_list(form.tags)],
        "note": form.note.strip() or None,
        "other_sources": list(form.other_sources),
        "places": list(form.places),
        **{name: text.strip() or None for name, text in form.extra.items()},
    }
    event = {k: v for k, v in event.items() if v not in (None, [], {}, "")}
    return Draft(event, person, source_id, source), form_problems


def draft_yaml(draft: Draft) -> str:
    """The entries as YAML to paste into events.yaml by hand."""
    text = "events:\n" + entry_yaml(draft.event, 2)
    if draft.person:
        text += "\npeople:\n" + entry_yaml(draft.person, 2)
    if draft.source and draft.source_id:
        text += "\nsources:\n" + source_yaml(draft.source_id, draft.source, 2)
    return text
