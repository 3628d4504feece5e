"""Checks across entries that a per-field model cannot make: references, uniqueness, order, sums."""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from ..i18n import N_, _, ngettext, number_text
from .model import DEATH_IN_CUSTODY, INSTITUTIONS, TEXT_FIELDS, TRANSLATED_SUFFIX, Dataset, Event
from .problems import KeyPath


@dataclass(frozen=True)
class Finding:
    """A cross-check result before it is located in the file."""

    path: KeyPath
    message: str
    severity: str = "error"
    at_key: bool = False


def _close_match(value: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _duplicates(section: str, ids: list[str]) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in first:
            yield Finding(
                (section, index, "id"),
                _("id '{id}' is used twice (first by {first}); ids must be unique").format(
                    id=value, first=f"{section}[{first[value]}]"
                ),
            )
        else:
            first[value] = index


# A reference to an id that is not there, by the kind of id: the section to add it under, and the problem without and
# with a close match (whole sentences per kind: the word for a category, a person, a source takes its own grammar).
_UNKNOWN = {
    "category": (
        "categories",
        N_("unknown category '{value}' (add it under '{section}')"),
        N_("unknown category '{value}'; did you mean '{close}'? (add it under '{section}')"),
    ),
    "person": (
        "people",
        N_("unknown person '{value}' (add it under '{section}')"),
        N_("unknown person '{value}'; did you mean '{close}'? (add it under '{section}')"),
    ),
    "source": (
        "sources",
        N_("unknown source '{value}' (add it under '{section}')"),
        N_("unknown source '{value}'; did you mean '{close}'? (add it under '{section}')"),
    ),
    "place": (
        "places",
        N_("unknown place '{value}' (add it under '{section}')"),
        N_("unknown place '{value}'; did you mean '{close}'? (add it under '{section}')"),
    ),
}
# Belarus within its borders, with a margin: an institution of the story outside it is a mistyped coordinate.
BELARUS = (23.1, 51.2, 32.8, 56.2)  # west, south, east, north


class _References:
    """The ids entries may refer to, and the findings for those that are not there."""

    def __init__(self, data: Dataset) -> None:
        self.known = {
            "category": {c.id for c in data.categories},
            "person": {p.id for p in data.people},
            "source": set(data.sources),
            "place": {p.id for p in data.places},
        }
        self.findings: list[Finding] = []

    def check(self, path: KeyPath, kind: str, value: str) -> None:
        known = self.known[kind]
        if value not in known:
            section, unknown, unknown_close = _UNKNOWN[kind]
            close = _close_match(value, known)
            message = _(unknown) if close is None else _(unknown_close)
            self.findings.append(Finding(path, message.format(value=value, close=close, section=section)))


def _people_findings(data: Dataset, references: _References) -> Iterator[Finding]:
    for index, person in enumerate(data.people):
        for position, source in enumerate(person.sources):
            references.check(("people", index, "sources", position), "source", source)
        if person.has_custody_facts and not person.sources:
            yield Finding(("people", index), _("give `sources` for the detained/released dates and sentence"))
        if person.died_in_custody and person.released:
            yield Finding(
                ("people", index, "released"),
                _(
                    "a person who died in custody was not released; "
                    "remove `released` (died_in_custody ends the detention)"
                ),
            )
        if person.detained and person.died_in_custody and person.died_in_custody.end < person.detained.start:
            yield Finding(
                ("people", index, "died_in_custody"),
                _("died_in_custody {died} is before detained {detained}").format(
                    died=person.died_in_custody, detained=person.detained
                ),
            )
        if person.detained and person.released and person.released.end < person.detained.start:
            yield Finding(
                ("people", index, "released"),
                _("released {released} is before detained {detained}").format(
                    released=person.released, detained=person.detained
                ),
            )


def _place_findings(data: Dataset, references: _References) -> Iterator[Finding]:
    """Places: their sources, who refers to them, coordinates inside Belarus for its prisons and courts."""
    for index, person in enumerate(data.people):
        for position, held in enumerate(person.held_at):
            references.check(("people", index, "held_at", position, "place"), "place", held.place)
            if held.since and held.until and held.until.end < held.since.start:
                yield Finding(
                    ("people", index, "held_at", position, "until"),
                    _("until {until} is before since {since}").format(until=held.until, since=held.since),
                )
    for index, event in enumerate(data.events):
        for position, place_id in enumerate(event.places):
            references.check(("events", index, "places", position), "place", place_id)
    named = {h.place for p in data.people for h in p.held_at} | {p for e in data.events for p in e.places}
    west, south, east, north = BELARUS
    for index, place in enumerate(data.places):
        for position, source in enumerate(place.sources):
            references.check(("places", index, "sources", position), "source", source)
        outside = not (west <= place.longitude <= east and south <= place.latitude <= north)
        if place.kind in INSTITUTIONS and outside:
            yield Finding(
                ("places", index, "latitude"),
                _("{latitude}, {longitude} is outside Belarus; a Belarusian {kind} is inside it (check the order: "
                  "latitude first, north; then longitude, east)").format(
                    latitude=place.latitude, longitude=place.longitude, kind=place.kind
                ),
            )  # fmt: skip
        if place.id not in named:
            yield Finding(
                ("places", index),
                _("place '{id}' is named by no event and no person's held_at").format(id=place.id),
                "warning",
            )


def _release_findings(index: int, event: Event) -> Iterator[Finding]:
    if not event.released_to:
        return
    total = sum(event.released_to.values())
    if event.released is None:
        yield Finding(("events", index, "released_to"), _("give `released` too (at least {total})").format(total=total))
    elif total > event.released:
        yield Finding(
            ("events", index, "released_to"),
            _("destinations add up to {total}, more than released: {released}").format(
                total=total, released=event.released
            ),
        )


def _event_findings(data: Dataset, references: _References) -> Iterator[Finding]:
    for index, event in enumerate(data.events):
        references.check(("events", index, "category"), "category", event.category)
        for position, person_id in enumerate(event.people):
            references.check(("events", index, "people", position), "person", person_id)
        for position, category in enumerate(event.also):
            references.check(("events", index, "also", position), "category", category)
        for field in ("sources", "other_sources"):
            for position, source in enumerate(getattr(event, field)):
                references.check(("events", index, field, position), "source", source)
        if event.end is not None and event.end.end < event.date.start:
            yield Finding(
                ("events", index, "end"), _("end {end} is before date {date}").format(end=event.end, date=event.date)
            )
        yield from _release_findings(index, event)
        if event.date.start > data.as_of.end:
            yield Finding(
                ("events", index, "date"),
                _("{date} is after as_of {as_of}; update as_of").format(date=event.date, as_of=data.as_of),
                "warning",
            )


def _count_findings(data: Dataset, references: _References) -> Iterator[Finding]:
    for index, count in enumerate(data.prisoner_counts):
        references.check(("prisoner_counts", index, "source"), "source", count.source)
        for position, source in enumerate(count.other_sources):
            references.check(("prisoner_counts", index, "other_sources", position), "source", source)
    dates = Counter(str(count.date) for count in data.prisoner_counts)
    for index, count in enumerate(data.prisoner_counts):
        if dates[str(count.date)] > 1:
            yield Finding(
                ("prisoner_counts", index, "date"),
                _("two counts for {date}; keep one and put the other in its note").format(date=count.date),
                "warning",
            )


def _uncited_findings(data: Dataset) -> Iterator[Finding]:
    cited = {s for e in data.events for s in (*e.sources, *e.other_sources)}
    cited |= {s for c in data.prisoner_counts for s in (c.source, *c.other_sources)}
    cited |= {s for p in data.people for s in p.sources}
    cited |= {s for p in data.places for s in p.sources}
    for source_id in data.sources:
        if source_id not in cited:
            yield Finding(
                ("sources", source_id),
                _("source '{id}' is not cited by any entry").format(id=source_id),
                "warning",
                at_key=True,
            )


LARGE_RELEASE = 20  # freed at once: a count taken soon after should reflect it
COUNT_WINDOW_DAYS = 45  # how soon after a release the next count should show it


def _count_after_release_findings(data: Dataset) -> Iterator[Finding]:
    """A count that rises right after a large release, with no note to explain it."""
    counts = sorted(enumerate(data.prisoner_counts), key=lambda pair: pair[1].date.start)
    days = [count.date.start for _, count in counts]
    for event in data.events:
        if (event.released or 0) < LARGE_RELEASE:
            continue
        day = event.date.start
        at = bisect.bisect_right(days, day)  # counts up to `at` are on or before the release
        if at == 0 or at == len(counts) or days[at] > day + dt.timedelta(days=COUNT_WINDOW_DAYS):
            continue
        before, (index, after) = counts[at - 1][1], counts[at]
        if after.count > before.count and not after.note:
            message = _(
                "{count} on {date} is higher than {before} before the release of {released} on {release_date} "
                "({event}); say why in a note"
            )
            yield Finding(
                ("prisoner_counts", index, "count"),
                message.format(
                    count=number_text(after.count),
                    date=after.date,
                    before=number_text(before.count),
                    released=number_text(event.released or 0),
                    release_date=event.date,
                    event=event.id,
                ),
                "warning",
            )


def _release_days(data: Dataset) -> tuple[set[dt.date], list[tuple[dt.date, dt.date]]]:
    """The days release events cover: short spans as a set of days, long ones (over two months) as spans."""
    days: set[dt.date] = set()
    long_spans = []
    for event in data.events:
        if event.released is None:
            continue
        start, end = event.date.start, (event.end or event.date).end
        if (end - start).days > 62:
            long_spans.append((start, end))
        else:
            days.update(start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    return days, long_spans


def _freed_people_findings(data: Dataset) -> Iterator[Finding]:
    """`released` against the people an event names as freed, and people whose release no event records."""
    released_on = {p.id: p.released for p in data.people if p.released is not None}
    for index, event in enumerate(data.events):
        last = (event.end or event.date).end
        freed = [
            p
            for p in event.people
            if (day := released_on.get(p)) is not None
            and day.precision == "day"
            and event.date.start <= day.start <= last
        ]
        if freed and event.released is None:
            message = ngettext(
                "names {count} person released then ({people}) but gives no `released` number",
                "names {count} people released then ({people}) but gives no `released` number",
                len(freed),
            )
            yield Finding(
                ("events", index, "released"), message.format(count=len(freed), people=", ".join(freed)), "warning"
            )
        elif (
            event.released is not None
            and (days := {released_on[p].start for p in freed})
            and ((event.freed_on or event.date).precision != "day" or (event.freed_on or event.date).start not in days)
        ):
            on = ", ".join(f"{day:%Y-%m-%d}" for day in sorted(days))
            yield Finding(
                ("events", index, "freed_on" if event.freed_on else "date"),
                _("the people it names as freed were released on {days}, not on {date}; give `freed_on: {first}` "
                  "(the day they were freed) or correct their `released`").format(
                    days=on, date=event.freed_on or event.date, first=f"{min(days):%Y-%m-%d}"
                ),
                "warning",
            )  # fmt: skip
        if event.released is not None and len(freed) > event.released:
            message = ngettext(
                "released: {released} but it names {count} person released that day",
                "released: {released} but it names {count} people released that day",
                len(freed),
            )
            yield Finding(
                ("events", index, "released"),
                message.format(released=event.released, count=len(freed)),
                "warning",
            )
    days, long_spans = _release_days(data)
    for index, person in enumerate(data.people):
        released = person.released
        if released is None or released.precision != "day" or released.start in days:
            continue
        if not any(start <= released.start <= end for start, end in long_spans):
            yield Finding(
                ("people", index, "released"),
                _("no event with people freed on {date}; add the release or check the date").format(date=released),
                "warning",
            )


# What an editor leaves for themselves, or words about the file rather than the facts: every reader sees them.
_INSTRUCTION = re.compile(r"\b(?:TODO|FIXME|XXX|TBD)\b|\bADD [a-z_]+")
_TO_EDITORS = re.compile(
    r"(?i:\bsee events\.yaml\b|\bnot cited\b|\bmirror host\b|how freed or what became of them)|\b[a-z]+_[a-z_]+\b"
)
# A sentence that begins in lower case after a full stop: a fragment left by an edit ('…RBC). articles of the…').
_BROKEN = re.compile(r"(\S+)\. ([a-z]\w*)")
_ABBREVIATIONS = {"e.g", "i.e", "no", "vs", "approx", "st", "art", "arts", "para", "cf", "incl", "p", "pp", "ca"}


def _texts(value: object, path: KeyPath, prose: bool = False) -> Iterator[tuple[KeyPath, str]]:
    """Every free text in a model (prose fields and their translations), with its path; ids, dates and links are
    passed over."""
    if isinstance(value, str):
        if prose:
            yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            text = name in TEXT_FIELDS or name.endswith(TRANSLATED_SUFFIX)
            yield from _texts(getattr(value, name), (*path, name), text)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key), prose)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index), prose)


def _sentence_end(word: str) -> bool:
    """Whether a word before a full stop ends a sentence: not an abbreviation (Art., e.g.) or initials (U.S.)."""
    bare = word.strip("()[]\"'«»“”").lower()
    return "." not in bare and len(bare) > 1 and bare not in _ABBREVIATIONS


def _instruction_findings(data: Dataset) -> Iterator[Finding]:
    for path, text in _texts(data, ()):
        # Notes and summaries are the file's own prose (a source's title is its publisher's headline, as written).
        broken = [m for m in _BROKEN.finditer(text) if _sentence_end(m.group(1))]
        if broken and path[-1] in ("note", "summary"):
            yield Finding(
                path,
                _("a sentence starts in lower case ('{found}'): make the sentence whole").format(
                    found=broken[0].group(0)
                ),
                "warning",
            )  # fmt: skip
        if found := _TO_EDITORS.search(text):
            yield Finding(
                path,
                _("speaks to editors ('{found}'), which every reader sees: say what the sources say, not how the file "
                  "is kept").format(found=found.group(0)),
                "warning",
            )  # fmt: skip
        if found := _INSTRUCTION.search(text):
            yield Finding(
                path,
                _("holds an editing instruction ('{found}'), which every reader sees; do it, or remove it").format(
                    found=found.group(0)
                ),
                "warning",
            )


def _before_findings(data: Dataset) -> Iterator[Finding]:
    """A count marked as taken before an event names an event of the same day."""
    days = {event.id: event.date for event in data.events}
    for index, count in enumerate(data.prisoner_counts):
        if count.before is None:
            continue
        day = days.get(count.before)
        if day is None:
            yield Finding(("prisoner_counts", index, "before"), _("unknown event '{id}'").format(id=count.before))
        elif str(day) != str(count.date):
            yield Finding(
                ("prisoner_counts", index, "before"),
                _("event '{id}' is on {day}, not on the count's date {date}").format(
                    id=count.before, day=day, date=count.date
                ),
            )


def _death_findings(data: Dataset) -> Iterator[Finding]:
    """A death in custody the timeline does not show: no event tagged death-in-custody names the person."""
    marked = {person for event in data.events if DEATH_IN_CUSTODY in event.tags for person in event.people}
    for index, person in enumerate(data.people):
        if person.died_in_custody and person.id not in marked:
            yield Finding(
                ("people", index, "died_in_custody"),
                _("no event tagged '{tag}' names {id}; add the death to the timeline").format(
                    tag=DEATH_IN_CUSTODY, id=person.id
                ),
                "warning",
            )


def _named_findings(data: Dataset) -> Iterator[Finding]:
    """A person the data has, named in an event's title or summary, is in its `people` (their page and filter lead
    to it)."""
    for index, event in enumerate(data.events):
        text = f"{event.title} {event.summary}"
        missing = [p.id for p in data.people if p.id not in event.people and p.name in text]
        if missing:
            yield Finding(
                ("events", index, "people"),
                _("names {people} in its title or summary; add them to its people").format(people=", ".join(missing)),
                "warning",
            )


def consistency_findings(data: Dataset) -> list[Finding]:
    """Warnings where the file's numbers and people do not agree with each other, or a text holds a to-do."""
    return [
        *_count_after_release_findings(data),
        *_freed_people_findings(data),
        *_death_findings(data),
        *_instruction_findings(data),
        *_named_findings(data),
    ]


def cross_check(data: Dataset) -> list[Finding]:
    """Every reference, uniqueness, order and sum problem in a validated dataset."""
    findings: list[Finding] = []
    findings += _duplicates("categories", [c.id for c in data.categories])
    findings += _duplicates("people", [p.id for p in data.people])
    findings += _duplicates("events", [e.id for e in data.events])
    findings += _duplicates("places", [p.id for p in data.places])
    references = _References(data)
    findings += _people_findings(data, references)
    findings += _event_findings(data, references)
    findings += _count_findings(data, references)
    findings += _place_findings(data, references)
    findings += _before_findings(data)
    findings += _uncited_findings(data)
    return findings + references.findings
