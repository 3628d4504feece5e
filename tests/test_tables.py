"""The page's tables: readers' headings, the rows shown, links where readers click."""

from __future__ import annotations

from components.data.loader import load_file
from components.view.draw.tables import counts_table, detentions_table, events_table, releases_table, sources_table
from components.view.shape.frames import build_frames

from .samples import TIMELINE

FRAMES = build_frames(load_file(TIMELINE))


def test_events_table_lists_each_event_with_its_first_source_link() -> None:
    table = events_table(FRAMES.events, FRAMES.meta.sources, language="en")
    assert list(table.columns) == [
        "Date",
        "Title",
        "Category",
        "People",
        "Status",
        "Freed",
        "Source",
        "All sources",
        "id",
    ]
    assert list(table["id"]) == list(FRAMES.events["id"])
    row = table.set_index("id").loc["release-123-2025-12-13"]  # an event with two sources
    assert row["Source"] == "https://www.reuters.com/world/europe/belarus-frees-123-2025-12-13/"
    assert len(row["All sources"]) == 2


def test_other_tables_keep_their_rows_and_rename_columns() -> None:
    assert list(detentions_table(FRAMES.people, language="en").columns) == [
        "Name", "Role", "Detained", "Released", "Still held", "Died in custody", "Sentence"
    ]  # fmt: skip
    assert len(counts_table(FRAMES.counts, language="en")) == len(FRAMES.counts)
    assert list(releases_table(FRAMES.releases, language="en").columns) == [
        "Date",
        "Release",
        "Destination",
        "How freed",
        "People freed",
    ]


def test_sources_table_is_newest_first() -> None:
    table = sources_table(FRAMES.sources, FRAMES.meta.sources, language="en")
    dates = FRAMES.sources.loc[table.index, "published_sort"]
    assert len(dates) == len(FRAMES.sources)
    assert list(dates) == sorted(dates, reverse=True)


def test_the_count_table_writes_each_count_as_the_text_does_with_its_note_and_link() -> None:
    from components.data.loader import load_file
    from components.view.draw.tables import counts_table
    from components.view.shape.frames import build_frames

    from .samples import TIMELINE

    counts = build_frames(load_file(TIMELINE)).counts
    table = counts_table(counts, language="en")
    assert list(table.columns) == ["Date", "Political prisoners", "Source", "Link", "Note"]
    last = table.iloc[-1]
    assert (
        last["Political prisoners"] == "over 1,140"
        and last["Note"] == "Counted before the release of 250 the same day."
    )
    assert last["Link"].startswith("https://")
