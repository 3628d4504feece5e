"""Downloads carry the rows shown and a citation line."""

from __future__ import annotations

import io
import json

import pandas as pd

from components.data.loader import load_file
from components.view.export import counts_csv, events_csv, events_json
from components.view.frames import counts_frame, events_frame

from .samples import BUNDLED


def test_csv_and_json_have_the_same_rows_and_a_citation() -> None:
    data = load_file(BUNDLED).data
    events = events_frame(data).iloc[:7]
    csv_text = events_csv(events, data, "https://example.org/view").decode()
    first, rest = csv_text.split("\n", 1)
    assert first.startswith(f"# {data.title}. Data as of {data.as_of.label}. Source: https://example.org/view")
    frame = pd.read_csv(io.StringIO(rest))
    assert list(frame["id"]) == list(events["id"])
    document = json.loads(events_json(events, data, "x"))
    assert [e["id"] for e in document["events"]] == list(events["id"]) and document["as_of"] == str(data.as_of)
    assert all(e["source_urls"] for e in document["events"])


def test_counts_csv_keeps_fuzzy_dates_as_written() -> None:
    data = load_file(BUNDLED).data
    text = counts_csv(counts_frame(data), data, "x").decode()
    frame = pd.read_csv(io.StringIO(text.split("\n", 1)[1]), dtype={"date": str})
    assert len(frame) == len(data.prisoner_counts)
    assert set(frame["date"]) == {str(c.date) for c in data.prisoner_counts}
