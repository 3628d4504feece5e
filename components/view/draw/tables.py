"""The frames as the page's tables show them: chosen columns with readers' headings."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ...data.model import Source
from ...i18n import _, pgettext, speaks
from ..shape.frames import count_label, frame_records
from ..shape.translated import country_name
from .style import release_kind_text, status_word


@speaks
def events_table(events: pd.DataFrame, sources: dict[str, Source], *, language: str) -> pd.DataFrame:
    """The events as the Table tab lists them (the id last, for links)."""
    return pd.DataFrame(
        {
            _("Date"): events["date_label"],
            _("Title"): events["title"],
            _("Category"): events["category_label"],
            _("People"): events["people_names"],
            pgettext("event status", "Status"): events["status"].map(status_word),
            _("Freed"): events["released"],
            pgettext("link to the first source", "Source"): [sources[s[0]].url for s in events["sources"]],
            _("All sources"): [[f"{sources[i].publisher}: {sources[i].title}" for i in s] for s in events["sources"]],
            "id": events["id"],
        }
    )


def _shown(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The frame's columns a table shows, in order, under the reader's headings."""
    return frame[list(columns)].rename(columns=columns)


@speaks
def detentions_table(people: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """The detentions chart's data as a table."""
    columns = {
        "name": _("Name"),
        "role": _("Role"),
        "detained_label": _("Detained"),
        "released_label": pgettext("date of release", "Released"),
        "still_held": _("Still held"),
        "died_label": _("Died in custody"),
        "sentence": _("Sentence"),
    }
    return _shown(people, columns)


@speaks
def counts_table(counts: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """Viasna's counts as a table, with a link to each source."""
    columns = {
        "date_label": _("Date"),
        "count": _("Political prisoners"),
        "source_label": pgettext("who published the count", "Source"),
        "source_url": _("Link"),
        "note": _("Note"),
    }
    table = _shown(counts, columns)
    # The number as the page's text writes it ('over 1,100'), so that a quote from the table matches the headline.
    table[columns["count"]] = [count_label(row) for row in frame_records(counts)]
    return table


@speaks
def releases_table(releases: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """People freed per release and destination as a table."""
    columns = {
        "date_label": _("Date"),
        "title": _("Release"),
        "destination": pgettext("country people were sent to", "Destination"),
        "kind": _("How freed"),
        "released": _("People freed"),
    }
    table = _shown(releases, columns)
    # The frames keep the data's own values; the reader sees them in their language.
    table[columns["destination"]] = [country_name(place, language) for place in releases["destination"]]
    table[columns["kind"]] = [release_kind_text(kind) for kind in releases["kind"]]
    return table


@speaks
def sources_table(sources: pd.DataFrame, known: Mapping[str, Source], *, language: str) -> pd.DataFrame:
    """Every source, newest first, with its archive link (made here, not held for every source in the frames) and
    the events that cite it."""
    columns = {
        "publisher": _("Publisher"),
        "title": _("Title"),
        "published": _("Published"),
        "url": _("Link"),
        "archive": _("Archive"),
        "cited_by": _("Cited by events"),
        "note": _("Note"),
    }
    newest_first = sources.sort_values("published_sort", ascending=False, kind="stable")
    newest_first = newest_first.assign(archive=[known[key].archive for key in newest_first["id"]])
    return _shown(newest_first, columns)
