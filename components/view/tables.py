"""The frames as the page's tables show them: chosen columns with readers' headings."""

from __future__ import annotations

import pandas as pd

from ..data.model import Source


def events_table(events: pd.DataFrame, sources: dict[str, Source]) -> pd.DataFrame:
    """The events as the Table tab lists them (the id last, for links)."""
    return pd.DataFrame(
        {
            "Date": events["date_label"],
            "Title": events["title"],
            "Category": events["category_label"],
            "People": events["people_names"],
            "Status": events["status"],
            "Freed": events["released"],
            "Source": [sources[s[0]].url for s in events["sources"]],
            "All sources": [[f"{sources[i].publisher}: {sources[i].title}" for i in s] for s in events["sources"]],
            "id": events["id"],
        }
    )


def detentions_table(people: pd.DataFrame) -> pd.DataFrame:
    """The detentions chart's data as a table."""
    columns = {
        "name": "Name",
        "role": "Role",
        "detained_label": "Detained",
        "released_label": "Released",
        "still_held": "Still held",
        "sentence": "Sentence",
    }
    return people[list(columns)].rename(columns=columns)


def counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Viasna's counts as a table, with a link to each source."""
    columns = {
        "date_label": "Date",
        "count": "Political prisoners",
        "approximate": "Over/about",
        "source_label": "Source",
        "source_url": "Link",
    }
    return counts[list(columns)].rename(columns=columns)


def releases_table(releases: pd.DataFrame) -> pd.DataFrame:
    """People freed per release and destination as a table."""
    columns = {
        "date_label": "Date",
        "title": "Release",
        "destination": "Destination",
        "kind": "How freed",
        "released": "People freed",
    }
    return releases[list(columns)].rename(columns=columns)


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Every source, newest first, with the events that cite it."""
    columns = {
        "publisher": "Publisher",
        "title": "Title",
        "published": "Published",
        "url": "Link",
        "cited_by": "Cited by events",
        "note": "Note",
    }
    newest_first = sources.sort_values("published_sort", ascending=False, kind="stable")
    return newest_first[list(columns)].rename(columns=columns)
