"""Downloads: the events shown as CSV or JSON and the prisoner counts as CSV, each with a citation."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from ..data.model import Dataset
from .text import optional_text

EVENT_COLUMNS = [
    "id",
    "date",
    "date_label",
    "title",
    "category_label",
    "status",
    "summary",
    "people_names",
    "released",
    "released_to",
    "sources",
    "source_urls",
    "note",
]


def citation(data: Dataset, origin: str) -> str:
    """One line saying what the data is, how current, and where it came from."""
    return f"{data.title}. Data as of {data.as_of.label}. Source: {origin}."


def _event_records(events: pd.DataFrame, data: Dataset) -> list[dict[str, Any]]:
    records = []
    for row in events.to_dict("records"):
        records.append(
            {
                "id": row["id"],
                "date": row["date"],
                "date_label": row["date_label"],
                "title": row["title"],
                "category_label": row["category_label"],
                "status": row["status"],
                "summary": row["summary"],
                "people_names": row["people_names"],
                "released": None if pd.isna(row["released"]) else int(row["released"]),
                "released_to": dict(row["released_to"]),
                "sources": list(row["sources"]),
                "source_urls": [data.sources[s].url for s in row["sources"] if s in data.sources],
                "note": optional_text(row["note"]),
            }
        )
    return records


def events_csv(events: pd.DataFrame, data: Dataset, origin: str) -> bytes:
    """The events shown, one per row, after a '# citation' line."""
    frame = pd.DataFrame(_event_records(events, data), columns=EVENT_COLUMNS)
    for column in ("sources", "source_urls"):
        frame[column] = frame[column].map(" ".join)
    frame["released_to"] = frame["released_to"].map(lambda d: "; ".join(f"{k}: {v}" for k, v in d.items()))
    frame["released"] = frame["released"].astype("Int64")
    buffer = io.StringIO()
    buffer.write(f"# {citation(data, origin)}\n")
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def events_json(events: pd.DataFrame, data: Dataset, origin: str) -> bytes:
    """The events shown with the citation and the date the data is current to."""
    document = {
        "citation": citation(data, origin),
        "as_of": str(data.as_of),
        "events": _event_records(events, data),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def counts_csv(counts: pd.DataFrame, data: Dataset, origin: str) -> bytes:
    """The prisoner counts shown, with their sources, after a '# citation' line."""
    frame = counts[["date_text", "count", "approximate", "source", "source_label", "source_url", "note"]]
    frame = frame.rename(columns={"date_text": "date"})
    buffer = io.StringIO()
    buffer.write(f"# {citation(data, origin)} Political prisoners as counted by Viasna.\n")
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")
