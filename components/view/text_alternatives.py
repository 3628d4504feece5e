"""One or two sentences that say what each chart shows, from the data in view: the chart's caption and its text
for readers who cannot see it."""

from __future__ import annotations

import pandas as pd

from .frames import UNSPECIFIED_DESTINATION, count_label


def _on(label: str) -> str:
    """'on 9 August 2020' for a day, 'in June 2023' for a month or a year."""
    return f"on {label}" if label[:1].isdigit() and " " in label else f"in {label}"


def _where(destination: str) -> str:
    if destination == UNSPECIFIED_DESTINATION:
        return "with no destination reported"
    return "stayed in Belarus" if destination == "Belarus" else f"to {destination}"


def _people(number: int) -> str:
    return f"{number:,} {'person' if number == 1 else 'people'}"


def timeline_sentence(events: pd.DataFrame) -> str:
    """How many events, over which dates, in which lane most, and how many are key events."""
    if events.empty:
        return "No events match the filters."
    first, last = events.iloc[0], events.iloc[int(events["end"].to_numpy().argmax())]
    lanes = events["category_label"].value_counts()
    sentence = (
        f"{len(events):,} event{'s' * (len(events) != 1)} from {first['date_label'].split(' – ')[0]} to "
        f"{last['date_label'].split(' – ')[-1]}"
    )
    if len(lanes) > 1:
        sentence += f", most of them in “{lanes.index[0]}” ({lanes.iloc[0]:,})"
    milestones = int(events["milestone"].astype(bool).sum())
    if milestones:
        sentence += f"; {milestones:,} {'is a key event' if milestones == 1 else 'are key events'}"
    return sentence + "."


def detentions_sentence(people: pd.DataFrame, as_of: str) -> str:
    """Who is shown, over which dates, and how many were still held on the data's date."""
    detained = people[people["detained"].notna()]
    if detained.empty:
        return "No detentions match the filters."
    days = detained["detained"].to_numpy()
    first = detained["detained_label"].iloc[int(days.argmin())]
    last = detained["detained_label"].iloc[int(days.argmax())]
    held = int(detained["still_held"].sum())
    sentence = (
        f"{_people(len(detained))} detained between {first} and {last}"
        if first != last
        else (f"{_people(len(detained))} detained {_on(str(first))}")
    )
    freed = len(detained) - held
    return sentence + f": {freed:,} released, {held:,} still held as of {as_of}."


def prisoners_sentence(counts: pd.DataFrame) -> str:
    """Where Viasna's count started, its peak, and where it stood last, in the dates shown."""
    if counts.empty:
        return "No prisoner counts in the dates shown."

    first, last = counts.iloc[0], counts.iloc[-1]
    peak = counts.iloc[int(counts["count"].to_numpy().argmax())]
    if len(counts) == 1:
        return f"Viasna counted {count_label(first)} political prisoners {_on(first['date_label'])}."
    verb = "rose" if last["count"] > first["count"] else "fell" if last["count"] < first["count"] else "stood"
    sentence = f"Viasna's count of political prisoners {verb} from {count_label(first)} {_on(first['date_label'])}"
    if peak["count"] > max(first["count"], last["count"]):
        sentence += f" to a peak of {count_label(peak)} {_on(peak['date_label'])} and stood at"
    else:
        sentence += " to"
    return sentence + f" {count_label(last)} {_on(last['date_label'])}."


def releases_sentence(releases: pd.DataFrame) -> str:
    """How many releases freed how many people, and the largest with where its people went."""
    if releases.empty:
        return "No releases in the events shown."
    per_release = releases.groupby("id", sort=False).agg(
        released=("released", "sum"), start=("start", "first"), date_label=("date_label", "first")
    )
    total, count = int(per_release["released"].sum()), len(per_release)
    starts = per_release["start"].to_numpy()
    sentence = f"{count:,} release{'s' * (count != 1)} freed {_people(total)}"
    if count > 1:
        first, last = per_release.iloc[int(starts.argmin())], per_release.iloc[int(starts.argmax())]
        sentence += f" between {first['date_label']} and {last['date_label']}"
    position = int(per_release["released"].to_numpy().argmax())
    largest = per_release.iloc[position]
    places = releases[releases["id"] == per_release.index[position]]
    named = [
        f"{int(n):,} {_where(str(d))}" for d, n in zip(places["destination"], places["released"], strict=True) if n
    ]
    if count > 1:
        sentence += f"; the largest, {_on(str(largest['date_label']))}, freed {int(largest['released']):,}"
    if len(named) > 1 or (named and count > 1):
        sentence += f" ({', '.join(named)})"
    return sentence + "."
