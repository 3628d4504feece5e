"""A view (filters, selected event, tab) to and from a link's query parameters, dropping what is stale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from ...data.fuzzy_dates import FuzzyDateError, parse_fuzzy_date
from ...i18n import DEFAULT_LANGUAGE, N_, _, ngettext, number_text
from .filters import Filters

MAX_QUERY_LENGTH = 200
# The notice for values a link names that the data does not have, per query parameter.
UNKNOWN_VALUES = {
    "category": N_("Ignored unknown category in the link: {values}."),
    "person": N_("Ignored unknown person in the link: {values}."),
    "status": N_("Ignored unknown status in the link: {values}."),
}


@dataclass(frozen=True)
class View:
    """Everything a link reproduces."""

    filters: Filters = field(default_factory=Filters)
    event: str | None = None
    tab: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Choices:
    """The values a link may name, from the data currently loaded."""

    categories: Collection[str]
    people: Collection[str]
    statuses: Collection[str]
    events: Collection[str]
    tabs: Sequence[str]
    places: Collection[str] = ()


def _values(raw: str | list[str] | None) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _single(raw: str | list[str] | None) -> str | None:
    if isinstance(raw, list):
        return raw[-1] if raw else None
    return raw


def _one_known(value: str | None, allowed: Collection[str], message: str, notices: list[str]) -> str | None:
    """The entry a link names when the data has it; else a notice (the value repeated) and None."""
    if value is not None and value not in allowed:
        notices.append(message.format(value=value))
        return None
    return value


def _known(name: str, raw: str | list[str] | None, allowed: Collection[str], notices: list[str]) -> tuple[str, ...]:
    values = _values(raw)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notices.append(_(UNKNOWN_VALUES[name]).format(values=", ".join(unknown)))
    return tuple(dict.fromkeys(v for v in values if v in allowed))


def _date(name: str, raw: str | None, *, last: bool, notices: list[str]) -> dt.date | None:
    if raw is None or raw == "":
        return None
    try:
        date = parse_fuzzy_date(raw)
    except FuzzyDateError:
        notices.append(
            _("Ignored '{param}={value}' in the link: not a date (use YYYY-MM-DD).").format(param=name, value=raw)
        )
        return None
    return date.end if last else date.start


def view_from_params(params: Mapping[str, str | list[str]], choices: Choices) -> tuple[View, list[str]]:
    """The view a link describes, and a notice for each part that was dropped."""
    notices: list[str] = []
    start = _date("from", _single(params.get("from")), last=False, notices=notices)
    end = _date("to", _single(params.get("to")), last=True, notices=notices)
    if start and end and start > end:
        notices.append(
            _("Ignored the link's dates: 'from' ({start}) is after 'to' ({end}).").format(start=start, end=end)
        )
        start = end = None
    query = _single(params.get("q")) or ""
    if len(query) > MAX_QUERY_LENGTH:
        notices.append(
            ngettext(
                "Shortened the link's search to {count} character.",
                "Shortened the link's search to {count} characters.",
                MAX_QUERY_LENGTH,
            ).format(count=number_text(MAX_QUERY_LENGTH))
        )
        query = query[:MAX_QUERY_LENGTH]
    filters = Filters(
        start=start,
        end=end,
        categories=_known("category", params.get("category"), choices.categories, notices),
        people=_known("person", params.get("person"), choices.people, notices),
        statuses=_known("status", params.get("status"), choices.statuses, notices),
        query=query,
    )
    missing = {
        "event": N_("The event '{value}' in the link is not in the data (it may have been renamed or removed)."),
        "place": N_("The place '{value}' in the link is not in the data (it may have been renamed or removed)."),
    }
    event, place = (
        _one_known(_single(params.get(name)) or None, known, _(missing[name]), notices)
        for name, known in (("event", choices.events), ("place", choices.places))
    )
    tab = _single(params.get("tab")) or None
    if tab is not None and tab not in choices.tabs:
        notices.append(
            _("Ignored unknown tab '{tab}' in the link; showing '{default}'.").format(tab=tab, default=choices.tabs[0])
        )
        tab = None
    known = {"from", "to", "q", "category", "person", "status", "event", "place", "tab", "embed"}
    unknown = sorted(set(params) - known)
    unknown = [name for name in unknown if not name.startswith("embed_")]
    if unknown:
        notices.append(
            ngettext(
                "Ignored an unknown link parameter: {names}.", "Ignored unknown link parameters: {names}.", len(unknown)
            ).format(names=", ".join(unknown))
        )
    return View(filters, event, tab, place), notices


def params_from_view(view: View, *, default_tab: str) -> dict[str, str]:
    """The shortest query parameters that reproduce the view (defaults left out)."""
    filters = view.filters
    params: dict[str, str] = {}
    if filters.start:
        params["from"] = filters.start.isoformat()
    if filters.end:
        params["to"] = filters.end.isoformat()
    for name, values in (("category", filters.categories), ("person", filters.people), ("status", filters.statuses)):
        if values:
            params[name] = ",".join(values)
    if filters.query.strip():
        params["q"] = filters.query.strip()
    if view.event:
        params["event"] = view.event
    if view.place:
        params["place"] = view.place
    if view.tab and view.tab != default_tab:
        params["tab"] = view.tab
    return params


def view_link(params: Mapping[str, str], language: str) -> str:
    """A link relative to the page's own address ('?event=…&lang=be'): the view, in the language it was read in,
    whichever address the reader opened the page on (the browser resolves it when the link is copied)."""
    shown = dict(params) | ({"lang": language} if language != DEFAULT_LANGUAGE else {})
    return "?" + urlencode(shown)
