"""One or two sentences that say what each chart shows, from the data in view: the chart's caption and its text
for readers who cannot see it."""

from __future__ import annotations

import re

import pandas as pd

from ...i18n import N_, _, ngettext, number_text, speaks
from ..shape.frames import UNSPECIFIED_DESTINATION, count_label
from ..shape.translated import country_name

_DAY = re.compile(r"\d{1,2} ")  # '9 August 2020': a day; '2022', 'June 2023' (and '2022 г.') are not
# Viasna's count over the dates shown: (how it moved, whether it peaked in between) -> the sentence.
_COUNT_SENTENCES = {
    ("rose", False): N_("Viasna's count of political prisoners rose from {first} {first_when} to {last} {last_when}."),
    ("fell", False): N_("Viasna's count of political prisoners fell from {first} {first_when} to {last} {last_when}."),
    ("stood", False): N_(
        "Viasna's count of political prisoners stood from {first} {first_when} to {last} {last_when}."
    ),
    ("rose", True): N_(
        "Viasna's count of political prisoners rose from {first} {first_when} to a peak of {peak} {peak_when} and "
        "stood at {last} {last_when}."
    ),
    ("fell", True): N_(
        "Viasna's count of political prisoners fell from {first} {first_when} to a peak of {peak} {peak_when} and "
        "stood at {last} {last_when}."
    ),
    ("stood", True): N_(
        "Viasna's count of political prisoners stood from {first} {first_when} to a peak of {peak} {peak_when} and "
        "stood at {last} {last_when}."
    ),
}


def _on(label: str) -> str:
    """'on 9 August 2020' for a day, 'in June 2023' for a month or a year."""
    return (_("on {date}") if _DAY.match(label) else _("in {date}")).format(date=label)


def _where(destination: str, number: int, language: str) -> str:
    """'15 to Lithuania', '235 stayed in Belarus', '4 with no destination reported'."""
    count = number_text(number)
    if destination == UNSPECIFIED_DESTINATION:
        return ngettext("{count} with no destination reported", "{count} with no destination reported", number).format(
            count=count
        )
    if destination == "Belarus":
        return ngettext("{count} stayed in Belarus", "{count} stayed in Belarus", number).format(count=count)
    place = country_name(destination, language)
    return ngettext("{count} to {place}", "{count} to {place}", number).format(count=count, place=place)


def _people(number: int) -> str:
    return ngettext("{count} person", "{count} people", number).format(count=number_text(number))


@speaks
def timeline_sentence(events: pd.DataFrame, *, language: str) -> str:
    """How many events, over which dates, in which lane most, and how many are key events."""
    if events.empty:
        return _("No events match the filters.")
    first, last = events.iloc[0], events.iloc[int(events["until"].to_numpy().argmax())]
    lanes = events["category_label"].value_counts()
    sentence = ngettext("{count} event from {first} to {last}", "{count} events from {first} to {last}", len(events))
    sentence = sentence.format(
        count=number_text(len(events)),
        first=first["date_label"].split(" – ")[0],
        last=last["date_label"].split(" – ")[-1],
    )
    if len(lanes) > 1:
        sentence = _("{events}, most of them in “{lane}” ({count})").format(
            events=sentence, lane=lanes.index[0], count=number_text(int(lanes.iloc[0]))
        )
    milestones = int(events["milestone"].astype(bool).sum())
    if milestones:
        sentence = ngettext("{events}; {count} is a key event", "{events}; {count} are key events", milestones).format(
            events=sentence, count=number_text(milestones)
        )
    return sentence + "."


@speaks
def detentions_sentence(people: pd.DataFrame, as_of: str, *, language: str) -> str:
    """Who is shown, over which dates, how many were freed or died in custody, and how many were still held on the
    data's date."""
    detained = people[people["detained_at"].notna()]
    if detained.empty:
        return _("No detentions match the filters.")
    days = detained["detained_at"].to_numpy()
    first = detained["detained_label"].iloc[int(days.argmin())]
    last = detained["detained_label"].iloc[int(days.argmax())]
    held, count = int(detained["still_held"].sum()), len(detained)
    if first != last:
        sentence = ngettext(
            "{count} person detained between {first} and {last}",
            "{count} people detained between {first} and {last}",
            count,
        ).format(count=number_text(count), first=first, last=last)
    else:
        sentence = ngettext("{count} person detained {when}", "{count} people detained {when}", count).format(
            count=number_text(count), when=_on(str(first))
        )
    died = int(detained["died"].sum())
    freed = count - held - died
    released = ngettext("{count} released", "{count} released", freed).format(count=number_text(freed))
    if died:
        released += ", " + ngettext("{count} died in custody", "{count} died in custody", died).format(
            count=number_text(died)
        )
    return ngettext(
        "{detained}: {released}, {count} still held as of {date}.",
        "{detained}: {released}, {count} still held as of {date}.",
        held,
    ).format(detained=sentence, released=released, count=number_text(held), date=as_of)


@speaks
def prisoners_sentence(counts: pd.DataFrame, *, language: str) -> str:
    """Where Viasna's count started, its peak, and where it stood last, in the dates shown."""
    if counts.empty:
        return _("No prisoner counts in the dates shown.")

    first, last = counts.iloc[0], counts.iloc[-1]
    peak = counts.iloc[int(counts["count"].to_numpy().argmax())]
    if len(counts) == 1:
        return ngettext(
            "Viasna counted {count} political prisoner {when}.",
            "Viasna counted {count} political prisoners {when}.",
            int(first["count"]),
        ).format(count=count_label(first), when=_on(first["date_label"]))
    verb = "rose" if last["count"] > first["count"] else "fell" if last["count"] < first["count"] else "stood"
    peaked = bool(peak["count"] > max(first["count"], last["count"]))
    return _(_COUNT_SENTENCES[(verb, peaked)]).format(
        first=count_label(first),
        first_when=_on(first["date_label"]),
        peak=count_label(peak),
        peak_when=_on(peak["date_label"]),
        last=count_label(last),
        last_when=_on(last["date_label"]),
    )


@speaks
def releases_sentence(releases: pd.DataFrame, *, language: str) -> str:
    """How many releases freed how many people, and the largest with where its people went."""
    if releases.empty:
        return _("No releases in the events shown.")
    per_release = releases.groupby("id", sort=False).agg(
        released=("released", "sum"), start=("start", "first"), date_label=("date_label", "first")
    )
    total, count = int(per_release["released"].sum()), len(per_release)
    starts = per_release["start"].to_numpy()
    if count > 1:
        first, last = per_release.iloc[int(starts.argmin())], per_release.iloc[int(starts.argmax())]
        sentence = ngettext(
            "{count} release freed {people} between {first} and {last}",
            "{count} releases freed {people} between {first} and {last}",
            count,
        ).format(count=number_text(count), people=_people(total), first=first["date_label"], last=last["date_label"])
    else:
        sentence = ngettext("{count} release freed {people}", "{count} releases freed {people}", count).format(
            count=number_text(count), people=_people(total)
        )
    position = int(per_release["released"].to_numpy().argmax())
    largest = per_release.iloc[position]
    places = releases[releases["id"] == per_release.index[position]]
    named = [
        _where(str(d), int(n), language) for d, n in zip(places["destination"], places["released"], strict=True) if n
    ]
    if count > 1:
        sentence = _("{releases}; the largest, {when}, freed {count}").format(
            releases=sentence, when=_on(str(largest["date_label"])), count=number_text(int(largest["released"]))
        )
    if len(named) > 1 or (named and count > 1):
        sentence += f" ({', '.join(named)})"
    return sentence + "."
