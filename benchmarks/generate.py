"""Write a valid, realistic, deterministic data file of N events: `python -m benchmarks.generate N [OUT]`."""

from __future__ import annotations

import argparse
import calendar
import random
import sys
from pathlib import Path

from components.edit.yaml_writer import entry_yaml, source_yaml

CATEGORIES = [
    ("elections", "Elections and power"),
    ("repression", "Crackdown and repression"),
    ("trials", "Arrests and trials"),
    ("releases", "Prisoner releases"),
    ("diplomacy", "Diplomacy and sanctions"),
    ("war", "War in Ukraine"),
]
WORDS = tuple(
    [
        "court",
        "sentenced",
        "activist",
        "journalist",
        "protest",
        "detained",
        "released",
        "pardon",
        "envoy",
        "talks",
        "sanctions",
        "embassy",
        "border",
        "colony",
        "appeal",
        "verdict",
        "strike",
        "election",
        "campaign",
        "Minsk",
        "Hrodna",
        "Brest",
        "Homiel",
        "Viciebsk",
        "Mahiliou",
        "opposition",
        "statement",
        "minister",
        "delegation",
        "prisoners",
        "families",
        "lawyers",
        "hearing",
        "rally",
        "march",
        "officials",
        "report",
    ]
)
FIRST = ["Ales", "Maria", "Siarhei", "Viktar", "Ihar", "Volha", "Palina", "Andrei", "Natallia", "Mikalai"]
LAST = ["Kavalenka", "Novik", "Shylko", "Babich", "Lukyanenka", "Hurski", "Zhuk", "Karpovich", "Sidarenka", "Marozau"]
DESTINATIONS = ["Lithuania", "Ukraine", "Poland", "Latvia", "Belarus"]
START_YEAR, END_YEAR = 2000, 2026


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random) -> tuple[str, int, int, int]:
    year = rng.randint(START_YEAR, END_YEAR - 1)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    roll = rng.random()
    if roll < 0.1:
        return f"{year}", year, 12, 31
    if roll < 0.3:
        return f"{year}-{month:02d}", year, month, calendar.monthrange(year, month)[1]
    return f"{year}-{month:02d}-{day:02d}", year, month, day


def _person(rng: random.Random, index: int, n_sources: int) -> dict[str, object]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}"
    person: dict[str, object] = {
        "id": f"person-{index}",
        "name": name,
        "aliases": [name.upper()],
        "role": _sentence(rng, 3),
    }
    if rng.random() < 0.3:
        year = rng.randint(2020, 2024)
        person["detained"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.6:
            person["released"] = f"{year + rng.randint(1, 2)}-{rng.randint(1, 12):02d}"
        person["sentence"] = f"{rng.randint(1, 15)} years"
        person["sources"] = [f"source-{rng.randrange(n_sources)}"]
    return person


def _event(rng: random.Random, index: int, people: list[str], n_sources: int) -> dict[str, object]:
    date, year, month, _ = _date(rng)
    event: dict[str, object] = {
        "id": f"event-{index}",
        "date": date,
        "title": _sentence(rng, rng.randint(5, 9)).rstrip("."),
        "category": CATEGORIES[index % len(CATEGORIES)][0],
        "summary": _sentence(rng, rng.randint(20, 40)),
        # Every source cited by at least one event (an uncited source is a warning, as in a real file).
        "sources": sorted(
            {f"source-{index % n_sources}", *(f"source-{rng.randrange(n_sources)}" for _ in range(rng.randint(0, 2)))}
        ),
    }
    if rng.random() < 0.1 and len(date) == 10:
        end_year = min(year + rng.randint(0, 1), END_YEAR - 1)
        last_day = calendar.monthrange(year, month)[1]
        event["end"] = f"{end_year}-12-31" if end_year > year else f"{year}-{month:02d}-{last_day:02d}"
    if rng.random() < 0.4:
        event["people"] = sorted({rng.choice(people) for _ in range(rng.randint(1, 3))})
    if event["category"] == "releases":
        released = rng.randint(1, 250)
        event["released"] = released
        if rng.random() < 0.6:
            event["released_to"] = {rng.choice(DESTINATIONS): rng.randint(0, released)}
    roll = rng.random()
    event["status"] = "reported" if roll < 0.1 else "disputed" if roll < 0.13 else "confirmed"
    if rng.random() < 0.02:
        event["tags"] = ["milestone"]
    if rng.random() < 0.1:
        event["note"] = _sentence(rng, 15)
    return event


OUTLETS = (
    lambda n: ("Human Rights Center Viasna", f"https://spring96.org/en/news/{n}"),
    lambda n: ("Reuters", f"https://www.reuters.com/world/europe/story-{n}/"),
    lambda n: ("Associated Press", f"https://apnews.com/article/story-{n}"),
    lambda n: ("RFE/RL", f"https://www.rferl.org/a/{n}.html"),
)


def generate(events: int, seed: int = 2020) -> str:
    """The file's text: N events with people, sources, spans, fuzzy dates, releases and counts."""
    rng = random.Random(seed)
    n_people = max(5, min(events // 20, 5000))
    n_sources = max(10, events // 2)
    lines = [
        "# yaml-language-server: $schema=../../events.schema.json",
        f'title: "Generated timeline of {events:,} events"',
        'description: "Synthetic data for benchmarks (benchmarks/generate.py)."',
        f"as_of: {END_YEAR}-03-19",
        "categories:",
    ]
    lines += [f'  - id: {cid}\n    label: "{label}"' for cid, label in CATEGORIES]
    lines.append("people:")
    people = []
    for index in range(n_people):
        person = _person(rng, index, n_sources)
        people.append(str(person["id"]))
        lines.append(entry_yaml(person, 2).rstrip("\n"))
    lines.append("events:")
    for index in range(events):
        lines.append(entry_yaml(_event(rng, index, people, n_sources), 2).rstrip("\n"))
    lines.append("prisoner_counts:")
    for year in range(START_YEAR, END_YEAR):
        for month in range(1, 13):
            count = {
                "date": f"{year}-{month:02d}",
                "count": rng.randint(20, 1500),
                "source": f"source-{rng.randrange(n_sources)}",
                "note": "Synthetic count.",  # the consistency check asks a rising count after a release for a note
            }
            lines.append(entry_yaml(count, 2).rstrip("\n"))
    lines.append("sources:")
    for index in range(n_sources):
        source = {
            "title": _sentence(rng, 8),
            # Each on its publisher's own site, as `check` expects of a real file.
            **dict(zip(("publisher", "url"), rng.choice(OUTLETS)(index), strict=True)),
            "published": f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}",
        }
        lines.append(source_yaml(f"source-{index}", source, 2).rstrip("\n"))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("events", type=int)
    parser.add_argument("out", nargs="?", help="file to write (default: benchmarks/data/events-N.yaml)")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    out = Path(args.out or Path(__file__).parent / "data" / f"events-{args.events}.yaml")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(generate(args.events, args.seed), encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
