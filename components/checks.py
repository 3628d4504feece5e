"""Checks across entries that a per-field model cannot make: references, uniqueness, order, sums."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import Dataset

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """A cross-check result before it is located in the file."""

    path: Path
    message: str
    severity: str = "error"
    at_key: bool = False


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _duplicates(section: str, ids: list[str]) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in first:
            yield Finding(
                (section, index, "id"),
                f"id '{value}' is used twice (first by {section}[{first[value]}]); ids must be unique",
            )
        else:
            first[value] = index


def cross_check(data: Dataset) -> list[Finding]:
    """Every reference, uniqueness, order and sum problem in a validated dataset."""
    findings: list[Finding] = []
    findings += _duplicates("categories", [c.id for c in data.categories])
    findings += _duplicates("people", [p.id for p in data.people])
    findings += _duplicates("events", [e.id for e in data.events])
    categories = {c.id for c in data.categories}
    people = {p.id for p in data.people}
    sources = set(data.sources)

    def missing(path: Path, kind: str, value: str, known: set[str], where: str) -> None:
        if value not in known:
            findings.append(
                Finding(path, f"unknown {kind} '{value}'{_did_you_mean(value, known)} (add it under '{where}')")
            )

    for index, person in enumerate(data.people):
        for position, source in enumerate(person.sources):
            missing(("people", index, "sources", position), "source", source, sources, "sources")
        if (person.detained or person.released or person.sentence) and not person.sources:
            findings.append(Finding(("people", index), "give `sources` for the detained/released dates and sentence"))
        if person.detained and person.released and person.released.end < person.detained.start:
            findings.append(
                Finding(
                    ("people", index, "released"), f"released {person.released} is before detained {person.detained}"
                )
            )
    for index, event in enumerate(data.events):
        missing(("events", index, "category"), "category", event.category, categories, "categories")
        for position, person_id in enumerate(event.people):
            missing(("events", index, "people", position), "person", person_id, people, "people")
        for field in ("sources", "other_sources"):
            for position, source in enumerate(getattr(event, field)):
                missing(("events", index, field, position), "source", source, sources, "sources")
        if event.end is not None and event.end.end < event.date.start:
            findings.append(Finding(("events", index, "end"), f"end {event.end} is before date {event.date}"))
        if event.released_to:
            total = sum(event.released_to.values())
            if event.released is None:
                findings.append(Finding(("events", index, "released_to"), f"give `released` too (at least {total})"))
            elif total > event.released:
                findings.append(
                    Finding(
                        ("events", index, "released_to"),
                        f"destinations add up to {total}, more than released: {event.released}",
                    )
                )
        if event.date.start > data.as_of.end:
            findings.append(
                Finding(("events", index, "date"), f"{event.date} is after as_of {data.as_of}; update as_of", "warning")
            )
    for index, count in enumerate(data.prisoner_counts):
        missing(("prisoner_counts", index, "source"), "source", count.source, sources, "sources")
        for position, source in enumerate(count.other_sources):
            missing(("prisoner_counts", index, "other_sources", position), "source", source, sources, "sources")
    dates = Counter(str(count.date) for count in data.prisoner_counts)
    for index, count in enumerate(data.prisoner_counts):
        if dates[str(count.date)] > 1:
            findings.append(
                Finding(
                    ("prisoner_counts", index, "date"),
                    f"two counts for {count.date}; keep one and put the other in its note",
                    "warning",
                )
            )
    cited = {s for e in data.events for s in (*e.sources, *e.other_sources)}
    cited |= {s for c in data.prisoner_counts for s in (c.source, *c.other_sources)}
    cited |= {s for p in data.people for s in p.sources}
    for source_id in data.sources:
        if source_id not in cited:
            findings.append(
                Finding(
                    ("sources", source_id), f"source '{source_id}' is not cited by any entry", "warning", at_key=True
                )
            )
    return findings
