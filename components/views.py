"""What the page draws: headline, charts, details, table, sources, problems (UI layer)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .export import counts_csv, events_csv, events_json
from .figures import RELEASE_DETAIL_LIMIT, detention_figure, prisoners_figure, releases_figure, timeline_figure
from .filters import Filters, filter_counts, filter_events, filter_people, filter_releases
from .page_data import PageData, PageLoad, file_version
from .sidebar import EVENT
from .text import escape_markdown, markdown_link, optional_text

TIMELINE_CHART = "timeline_chart"
EVENT_PICKER = "event_picker"


@dataclass(frozen=True)
class Shown:
    """The frames after the reader's filters."""

    events: pd.DataFrame
    people: pd.DataFrame
    counts: pd.DataFrame
    releases: pd.DataFrame


PICKER_LIMIT = 500  # events offered by name; the chart and the table reach the rest
TABLE_LIMIT = 5000  # rows drawn in the table; downloads always hold every event shown


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_shown(_page: PageData, version: str, filters: Filters) -> Shown:
    # Shared by every session: many readers of one link cost one filtering and one set of figures.
    return shown_frames(_page, filters)


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_figure(kind: str, _page: PageData, version: str, filters: Filters, selected: str | None) -> go.Figure:
    shown = _cached_shown(_page, version, filters)
    if kind == "timeline":
        return timeline_figure(shown.events, _page.categories, selected=selected)
    if kind == "detentions":
        return detention_figure(shown.people)
    if kind == "prisoners":
        return prisoners_figure(shown.counts, shown.events)
    return releases_figure(shown.releases)


def shown_for(page: PageData, filters: Filters) -> Shown:
    """The filtered frames, computed once per (file version, filters) for the whole server."""
    return _cached_shown(page, page.version, filters)


def figure_for(kind: str, page: PageData, filters: Filters, selected: str | None = None) -> go.Figure:
    """A figure, built once per (file version, filters, selection) for the whole server."""
    return _cached_figure(kind, page, page.version, filters, selected)


def shown_frames(page: PageData, filters: Filters) -> Shown:
    """Apply the filters to every frame the page draws."""
    events = filter_events(page.events, filters)
    return Shown(
        events=events,
        people=filter_people(page.people, filters),
        counts=filter_counts(page.counts, filters),
        releases=filter_releases(page.releases, events),
    )


def render_problems(loaded: PageLoad) -> None:
    """The data file's located problems (and, if any, that an older valid version is shown)."""
    if not loaded.problems:
        return
    st.error(f"**The data file has {len(loaded.problems)} problem(s).** Fix each line below and save the file.")
    st.code("\n".join(loaded.problems), language=None, wrap_lines=True)  # literal text, copyable
    if loaded.stale:
        st.warning("Showing the last valid version of the data loaded by this server until the file is fixed.")


def render_warnings(page: PageData) -> None:
    """Warnings `check` prints (e.g. an uncited source), folded away."""
    if page.warnings:
        with st.expander(f"{len(page.warnings)} warning(s) about the data file"):
            st.code("\n".join(str(w) for w in page.warnings), language=None, wrap_lines=True)


def render_header(page: PageData, shown: Shown) -> None:
    """Title, description and the headline figures."""
    data = page.meta
    st.title(data.title)
    st.caption(escape_markdown(f"{data.description} Data as of {data.as_of.label}."))
    held, freed, events = st.columns(3)
    if len(shown.counts):
        latest = shown.counts.iloc[-1]
        value = f"over {latest['count']:,}" if latest["approximate"] else f"{latest['count']:,}"
        held.metric("Political prisoners held", value, help=f"Viasna's count, {latest['date_label']}")
        held.caption(escape_markdown(f"{latest['date_label']} · {latest['source_label']}"))
    else:
        held.metric("Political prisoners held", "—", help="No count in the dates shown")
    total = int(shown.events["released"].sum()) if len(shown.events) else 0
    freed.metric("People freed in the releases shown", f"{total:,}")
    events.metric("Events shown", f"{len(shown.events)} of {len(page.events)}")


def render_empty_result() -> None:
    """Say that nothing matches and how to widen the view."""
    st.info(
        "No events match these filters. Widen the dates, remove a category, person or status, "
        "change the search, or press **Clear filters** in the sidebar."
    )


def _on_timeline_select() -> None:
    # customdata carries the event id, so a click selects the same event whatever the filters.
    state = st.session_state.get(TIMELINE_CHART)
    points = state["selection"]["points"] if state else []
    for point in points:
        value = point.get("customdata")
        event_id = value[0] if isinstance(value, list) else value
        if isinstance(event_id, str):
            st.session_state[EVENT] = event_id
            return


def render_timeline(page: PageData, filters: Filters) -> None:
    """The event timeline; clicking an event opens its details below."""
    st.header("Events by category")
    figure = figure_for("timeline", page, filters, st.session_state.get(EVENT))
    if figure.layout.meta and figure.layout.meta.get("density"):
        st.info(f"{figure.layout.meta['events']:,} events in view: each row shows how many fall in each month. "
                "Narrow the dates or filter to see single events.")  # fmt: skip
    st.plotly_chart(figure, key=TIMELINE_CHART, on_select=_on_timeline_select, selection_mode="points")
    st.caption(
        "Each row is a category. Circles are confirmed events, diamonds reported, crosses disputed; a pale bar shows "
        "the month or year an event is dated to, or how long it lasted. Click an event for its details and sources. "
        "The Table tab lists the same events."
    )


def render_event_picker(page: PageData, shown: Shown) -> str | None:
    """A list to pick an event by name (the keyboard's way to what a click on the chart does)."""
    selected = st.session_state.get(EVENT)
    offered = shown.events.head(PICKER_LIMIT)
    if selected is not None and selected not in set(offered["id"]):
        offered = pd.concat([offered, page.events[page.events["id"] == selected]])
    labels = dict(zip(offered["id"], offered["date_label"] + " — " + offered["title"], strict=True))
    if len(shown.events) > PICKER_LIMIT:
        st.caption(f"The list offers the first {PICKER_LIMIT} of {len(shown.events):,} events in view; "
                   "narrow the filters, or click an event on the chart.")  # fmt: skip
    if selected not in labels:
        st.session_state[EVENT] = None
    st.session_state[EVENT_PICKER] = st.session_state[EVENT]

    def picked() -> None:
        st.session_state[EVENT] = st.session_state[EVENT_PICKER]

    choice = st.selectbox(
        "Event details",
        [None, *labels],
        key=EVENT_PICKER,
        on_change=picked,
        format_func=lambda v: "Choose an event…" if v is None else labels[v],
        placeholder="Choose an event…",
    )
    return str(choice) if choice else None


def render_event_details(page: PageData, event_id: str) -> None:
    """Summary, people, status, every source as a link, people freed and where they went."""
    event = page.events[page.events["id"] == event_id].iloc[0].to_dict()
    data = page.meta
    people = {p.id: p for p in data.people}
    with st.container(border=True):
        st.markdown(f"### {escape_markdown(event['title'])}")
        st.markdown(
            f"**{escape_markdown(event['date_label'])}** · {escape_markdown(event['category_label'])} · "
            f"status: **{event['status']}**"
        )
        st.markdown(escape_markdown(event["summary"]))
        if event["people"]:
            st.markdown(
                "**People**\n\n"
                + "\n".join(
                    f"- **{escape_markdown(people[p].name)}**, {escape_markdown(people[p].role)}"
                    for p in event["people"]
                )
            )
        if not pd.isna(event["released"]):
            destinations = ", ".join(f"{escape_markdown(k)}: {v:,}" for k, v in event["released_to"].items())
            st.markdown(
                f"**People freed:** {int(event['released']):,}" + (f" ({destinations})" if destinations else "")
            )
        lines = []
        for source_id in event["sources"]:
            source = data.sources[source_id]
            link = markdown_link(f"{source.publisher}: {source.title}", source.url)
            lines.append(f"- {link}, {escape_markdown(source.published.label)}")
        st.markdown("**Sources**\n\n" + "\n".join(lines))
        note = optional_text(event["note"])
        if note:
            st.markdown(f"**Note:** {escape_markdown(note)}")


def render_detentions(page: PageData, filters: Filters, shown: Shown) -> None:
    """Who was held, from arrest to release or to the data's date."""
    st.header("Detentions of the people named")
    if shown.people.empty:
        st.info("No detentions in the dates, people or search chosen.")
        return
    st.plotly_chart(figure_for("detentions", page, filters))
    st.caption(
        "One row per person, ordered by arrest: a bar from arrest to release, or to the data's date if still held."
    )
    with st.expander("The same data as a table"):
        table = shown.people[["name", "role", "detained_label", "released_label", "still_held", "sentence"]]
        st.dataframe(
            table,
            hide_index=True,
            column_config={
                "name": "Name",
                "role": "Role",
                "detained_label": "Detained",
                "released_label": "Released",
                "still_held": "Still held",
                "sentence": "Sentence",
            },
        )


def render_prisoners(page: PageData, filters: Filters, shown: Shown) -> None:
    """Viasna's count over time with releases and key events, then people freed per release."""
    st.header("Political prisoners held (Viasna)")
    if shown.counts.empty and shown.releases.empty:
        st.info("No prisoner counts or releases in the dates chosen.")
        return
    figure = figure_for("prisoners", page, filters)
    st.plotly_chart(figure)
    meta = figure.layout.meta or {}
    if meta.get("milestones", 0) > meta.get("milestones_shown", 0):
        st.caption(f"{meta['milestones_shown']} of {meta['milestones']:,} key events are drawn, evenly over time.")
    if meta.get("releases", 0) > RELEASE_DETAIL_LIMIT:
        st.caption(f"{meta['releases']:,} releases are summed per month.")
    st.caption(
        "Political prisoners held on each date as counted by Viasna (open markers: the source says 'over' or "
        "'about'); bars: people freed per release, right axis; dotted lines: key events."
    )
    with st.expander("The same data as a table"):
        st.dataframe(
            shown.counts[["date_label", "count", "approximate", "source_label", "source_url"]],
            hide_index=True,
            column_config={
                "date_label": "Date",
                "count": "Political prisoners",
                "approximate": "Over/about",
                "source_label": "Source",
                "source_url": st.column_config.LinkColumn("Link"),
            },
        )
    st.header("People freed per release")
    if shown.releases.empty:
        st.info("No releases in the events shown.")
        return
    st.plotly_chart(figure_for("releases", page, filters))
    st.caption(
        "Bars: people freed in each release, stacked by where they went; "
        "line: running total since the first release shown."
    )
    with st.expander("The same data as a table"):
        st.dataframe(
            shown.releases[["date_label", "title", "destination", "released"]],
            hide_index=True,
            column_config={
                "date_label": "Date",
                "title": "Release",
                "destination": "Destination",
                "released": "People freed",
            },
        )


def events_table(page: PageData, events: pd.DataFrame) -> pd.DataFrame:
    """The events shown as the table tab lists them."""
    sources = page.meta.sources
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


def render_table(page: PageData, shown: Shown, origin: str) -> None:
    """The filtered events as a table, and downloads that cite their origin."""
    st.header(f"{len(shown.events)} events")
    st.dataframe(
        events_table(page, shown.events),
        hide_index=True,
        column_config={
            "Source": st.column_config.LinkColumn("Source", display_text="open"),
            "All sources": st.column_config.ListColumn("All sources"),
            "Freed": st.column_config.NumberColumn("Freed", format="%d"),
        },
    )
    csv_column, json_column, counts_column = st.columns(3)
    csv_column.download_button("Events (CSV)", events_csv(shown.events, page.meta, origin), "events.csv", "text/csv")
    json_column.download_button(
        "Events (JSON)", events_json(shown.events, page.meta, origin), "events.json", "application/json"
    )
    counts_column.download_button(
        "Prisoner counts (CSV)", counts_csv(shown.counts, page.meta, origin), "prisoner-counts.csv", "text/csv"
    )


def render_sources(page: PageData) -> None:
    """Every source with the events that cite it."""
    st.header(f"{len(page.sources)} sources")
    table = page.sources.sort_values("published_sort", ascending=False)
    st.dataframe(
        table[["publisher", "title", "published", "url", "cited_by", "note"]],
        hide_index=True,
        column_config={
            "publisher": "Publisher",
            "title": "Title",
            "published": "Published",
            "url": st.column_config.LinkColumn("Link"),
            "cited_by": st.column_config.ListColumn("Cited by events"),
            "note": "Note",
        },
    )


def share_link(params: dict[str, str]) -> str:
    """A link to this exact view."""
    base = (st.context.url or "").split("?", 1)[0] or "http://localhost:8501/"
    return base + ("?" + urlencode(params) if params else "")


def render_share(params: dict[str, str]) -> None:
    """The link to the current view, with a copy button."""
    with st.sidebar:
        st.markdown("**Link to this view**")
        st.code(share_link(params), language=None, wrap_lines=True)
        st.caption("Use the copy button to share exactly these filters, tab and event.")


def watch_file(path: Path) -> None:
    """Rerun the page when the data file is saved (a light poll of its modification time and size)."""
    version = file_version(path)

    @st.fragment(run_every=2)
    def poll() -> None:
        if file_version(path) != version:
            time.sleep(0.2)  # let an editor finish writing before reading
            st.rerun()

    poll()
