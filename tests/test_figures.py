"""Figures are checked by structure: traces, axes, order, ids and escaped hover text."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from components.data.loader import load_file, load_text
from components.data.model import Dataset, Event
from components.view.draw.detail import PrisonersDetail, prisoners_detail, timeline_detail
from components.view.draw.detention_figure import detention_figure
from components.view.draw.labels import overlapping
from components.view.draw.prisoner_figures import key_event_list, milestone_placement, prisoners_figure, releases_figure
from components.view.draw.style import STATUS_SYMBOLS
from components.view.draw.timeline_figures import PERIOD_LEGEND, preview_figure, timeline_figure
from components.view.shape.frames import (
    UNSPECIFIED_DESTINATION,
    categories_frame,
    counts_frame,
    events_frame,
    people_frame,
    releases_frame,
)
from components.view.words.locale import date_label

from .samples import TIMELINE

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

SMALL = f"""\
title: Figure test timeline
description: Every kind of entry the figures draw.
as_of: 2026-03-19
categories:
  - id: power
    label: Power
  - id: war
    label: War
  - id: empty
    label: Nothing here
  - id: releases
    label: Releases
people:
  - id: early
    name: Early Arrest
    aliases: []
    role: Blogger
    detained: 2020-05-29
    released: 2025-06-21
    sentence: "18 years"
    sources: [s1]
  - id: late
    name: Late Arrest
    aliases: []
    role: "Lawyer <b>bold</b>"
    detained: 2021-07
    sources: [s1]
  - id: free
    name: Never Detained
    aliases: []
    role: Envoy
sources:
  s1:
    title: A source
    publisher: "Pub <i>"
    url: https://example.org/a
    published: 2022-02-28
events:
  - id: year-event
    date: 2021
    title: A year-long thing
    category: war
    summary: All year.
    sources: [s1]
    status: reported
  - id: day-event
    date: 2022-02-24
    title: "{SCRIPT}"
    category: war
    summary: A day.
    sources: [s1]
    status: disputed
    people: [early]
    tags: [milestone]
  - id: span-event
    date: 2020-08-09
    end: 2020-08-13
    title: Days of protest
    category: power
    summary: Several days.
    sources: [s1]
  - id: release-b
    date: 2025-09-11
    title: Second release, a title long enough to need truncating on the chart
    category: releases
    summary: Freed.
    sources: [s1]
    released: 52
    released_to: {{Lithuania: 50}}
    tags: [milestone]
  - id: release-a
    date: 2025-06-21
    title: First release
    category: releases
    summary: Freed.
    sources: [s1]
    released: 14
    released_to: {{Lithuania: 10, Poland: 4}}
prisoner_counts:
  - date: 2020-08-09
    count: 25
    source: s1
  - date: 2021-03
    count: 1100
    source: s1
    approximate: true
  - date: 2022
    count: 1200
    source: s1
"""

EMPTY = """\
title: Empty
description: No entries.
as_of: 2026
categories:
  - id: war
    label: War
sources: {}
"""


def small() -> Dataset:
    return load_text(SMALL, "events.yaml").data


def empty() -> Dataset:
    return load_text(EMPTY, "events.yaml").data


@pytest.fixture(scope="module")
def timeline_data() -> Dataset:
    """tests/data/timeline.yaml: six lanes, every kind of date and status, five milestones, five releases."""
    return load_file(TIMELINE).data


def traces_by_name(figure):
    return {trace.name: trace for trace in figure.data}


def timeline(data: Dataset, selected: str | None = None):
    return timeline_figure(events_frame(data), categories_frame(data), selected=selected, language="en")


def marker_traces(figure):
    """The events' markers (not the invisible tap targets along the printed titles)."""
    return [t for t in figure.data if t.mode == "markers" and t.customdata is not None and t.name != "title targets"]


def point_of(figure, event_id: str):
    for trace in marker_traces(figure):
        if event_id in trace.customdata:
            index = list(trace.customdata).index(event_id)
            return trace, index
    raise AssertionError(f"{event_id} not drawn")


def hover_of(figure, event_id: str) -> str:
    """The hover text Plotly shows: the template with the text and the date at its format."""
    trace, index = point_of(figure, event_id)
    when = pd.Timestamp(float(trace.x[index]), unit="ms")
    text = trace.hovertemplate.replace("%{text}", trace.text[index])
    for pattern in re.findall(r"%\{x\|([^}]*)\}", text):
        text = text.replace(f"%{{x|{pattern}}}", when.strftime(pattern.replace("%-d", str(when.day))))
    return text


def x_date(value: float) -> str:
    return str(pd.Timestamp(float(value), unit="ms").date())


def lane_names(figure) -> list[str]:
    """The lanes' names, printed inside the plot at each lane's top left."""
    return [a.text for a in figure.layout.annotations if a.xref == "paper" and a.xanchor == "left"]


def test_timeline_lanes_follow_declared_category_order_including_empty_lanes() -> None:
    figure = timeline(small())
    assert lane_names(figure) == ["Power", "War", "Nothing here", "Releases"]
    assert [a.y for a in figure.layout.annotations if a.xref == "paper"] == [-0.5, 0.5, 1.5, 2.5]
    assert list(figure.layout.yaxis.tickvals) == [0, 1, 2, 3] and figure.layout.yaxis.range[0] == 3.5
    assert figure.layout.yaxis.showticklabels is False  # no tick labels to take a phone's width
    assert not [t.name for t in marker_traces(figure) if t.showlegend]  # the legend keys the shapes only
    assert {t.name: int(t.y[0]) for t in marker_traces(figure)} == {"Power": 0, "War": 1, "Releases": 3}


def test_timeline_lane_order_matches_the_declared_categories(timeline_data: Dataset) -> None:
    figure = timeline(timeline_data)
    assert lane_names(figure) == [c.label for c in timeline_data.categories]
    assert figure.layout.xaxis.type == "date" and figure.layout.legend.orientation == "h"


def test_timeline_marker_colours_come_from_categories(timeline_data: Dataset) -> None:
    figure = timeline(timeline_data)
    colours = dict(zip(categories_frame(timeline_data)["label"], categories_frame(timeline_data)["color"], strict=True))
    assert {t.name: t.marker.color for t in marker_traces(figure)} == colours


def test_timeline_customdata_are_event_ids(timeline_data: Dataset) -> None:
    figure = timeline(timeline_data)
    drawn = [event_id for trace in marker_traces(figure) for event_id in trace.customdata]
    assert all(isinstance(event_id, str) for event_id in drawn)
    assert sorted(drawn) == sorted(event.id for event in timeline_data.events)


def test_timeline_hover_of_year_event_shows_the_year_not_1_january() -> None:
    hover = hover_of(timeline(small()), "year-event")
    assert "2021" in hover and "2021-01-01" not in hover and "January" not in hover
    assert "<b>A year-long thing</b>" in hover and "reported" in hover


def test_timeline_hover_of_day_and_month_events_shows_their_precision(timeline_data: Dataset) -> None:
    figure = timeline(timeline_data)
    for event in timeline_data.events:
        if event.end is None:
            assert date_label(event.date, "en") in hover_of(figure, event.id), event.id


def test_timeline_hover_names_people_freed_and_spans_both_ends(timeline_data: Dataset) -> None:
    assert "14 freed" in hover_of(timeline(small()), "release-a")
    span = next(e for e in timeline_data.events if e.end is not None)
    assert f"{date_label(span.date, 'en')} – {date_label(span.end, 'en')}" in hover_of(timeline(timeline_data), span.id)


def test_timeline_status_is_a_marker_shape_with_a_legend_key() -> None:
    figure = timeline(small())
    for event_id, symbol in [("span-event", "circle"), ("year-event", "diamond"), ("day-event", "x")]:
        trace, _ = point_of(figure, event_id)
        assert trace.marker.symbol == symbol
    names = traces_by_name(figure)
    for status, symbol in STATUS_SYMBOLS.items():
        key = names[status.capitalize()]
        assert key.marker.symbol == symbol and list(key.x) == [None]
    assert PERIOD_LEGEND in names


def test_timeline_fuzzy_and_spanning_events_get_a_period_line_with_the_marker_in_the_middle() -> None:
    figure = timeline(small())
    spans = [t for t in figure.data if t.mode == "lines" and t.showlegend is False and t.name != "title leaders"]
    assert {t.name for t in spans} == {"Power period", "War period"}
    war = traces_by_name(figure)["War period"]
    assert war.hoverinfo == "skip" and war.opacity == pytest.approx(0.35)
    # float32 milliseconds: exact to a few minutes, which a bar spanning a year cannot show.
    start, end = (pd.Timestamp(float(x), unit="ms") for x in war.x[:2])
    assert abs(start - pd.Timestamp("2021-01-01")) < pd.Timedelta(minutes=5)
    assert abs(end - pd.Timestamp("2021-12-31 23:59:59")) < pd.Timedelta(minutes=5) and np.isnan(war.x[2])
    trace, index = point_of(figure, "year-event")
    assert x_date(trace.x[index]) == "2021-07-02"
    trace, index = point_of(figure, "day-event")
    assert x_date(trace.x[index]) == "2022-02-24"


def test_timeline_selected_event_gets_a_ring() -> None:
    figure = timeline(small(), selected="day-event")
    ring = traces_by_name(figure)["Selected"]
    assert ring.marker.symbol == "circle-open" and ring.showlegend is False
    assert list(ring.y) == [1] and x_date(ring.x[0]) == "2022-02-24"
    assert "Selected" not in traces_by_name(timeline(small()))


def test_timeline_initial_range_pads_the_events_by_four_percent_so_edge_markers_show_whole() -> None:
    figure = timeline(small())
    # The events run from 2020-08-09 to 2025-09-11: 1,859 days, so 74 days (4%) either side.
    assert list(figure.layout.xaxis.range) == ["2020-05-26", "2025-11-25"]
    assert figure.layout.clickmode == "event+select" and figure.layout.dragmode == "zoom"
    assert (
        figure.layout.height
        > timeline_figure(events_frame(empty()), categories_frame(empty()), language="en").layout.height
    )


def test_timeline_escapes_html_in_titles() -> None:
    trace, index = point_of(timeline(small()), "day-event")
    assert ESCAPED in trace.text[index] and SCRIPT not in trace.text[index]


def test_timeline_without_events_keeps_its_lanes() -> None:
    data = empty()
    figure = timeline_figure(events_frame(data), categories_frame(data), selected="missing", language="en")
    assert lane_names(figure) == ["War"]
    assert marker_traces(figure) == []
    assert figure.layout.xaxis.type == "date"


def test_crowded_timeline_switches_to_counts_per_month_that_add_up(timeline_data: Dataset) -> None:
    events = events_frame(timeline_data)
    figure = timeline_figure(events, categories_frame(timeline_data), max_markers=len(events) - 1, language="en")
    assert timeline_detail(events, len(events) - 1).density and figure.data[0].type == "heatmap"
    assert int(np.asarray(figure.data[0].z).sum()) == len(events)
    # Elections, repression, trials, releases, diplomacy, war: an event counts in its own lane only.
    assert [int(row.sum()) for row in np.asarray(figure.data[0].z)] == [1, 4, 5, 4, 3, 2]
    exact = timeline_figure(events, categories_frame(timeline_data), max_markers=len(events), language="en")
    assert not timeline_detail(events, len(events)).density and marker_traces(exact)


def test_detention_rows_are_ordered_by_arrest_with_still_held_drawn_apart() -> None:
    figure = detention_figure(people_frame(small()), language="en")
    assert list(figure.layout.yaxis.categoryarray) == ["Early Arrest", "Late Arrest"]
    assert figure.layout.xaxis.type == "date" and figure.layout.yaxis.autorange == "reversed"
    names = traces_by_name(figure)
    assert list(names) == ["Released", "Still held"]
    held = names["Still held"]
    assert held.orientation == "h" and held.marker.pattern.shape == "/"
    assert list(held.base) == ["2021-07-01"]
    days = held.x[0] / 86_400_000
    assert pd.Timestamp("2021-07-01") + pd.Timedelta(days=days) == pd.Timestamp("2026-03-19")


def test_detention_hover_tells_dates_sentence_and_escapes_roles() -> None:
    names = traces_by_name(detention_figure(people_frame(small()), language="en"))
    released = names["Released"].hovertext[0]
    assert "Detained 29 May 2020" in released and "Released 21 June 2025" in released
    assert "Sentence: 18 years" in released
    held = names["Still held"].hovertext[0]
    assert "Detained July 2021" in held and "Still held as of 19 March 2026" in held
    assert "Lawyer &lt;b&gt;bold&lt;/b&gt;" in held


def test_detention_people_are_in_arrest_order_then_by_name(timeline_data: Dataset) -> None:
    people = people_frame(timeline_data)
    # Ihar Novik and Volha Zhuk, detained the same day, by name (the file lists her first); John Coale was not detained.
    assert list(detention_figure(people, language="en").layout.yaxis.categoryarray) == [
        "Siarhei Tsikhanouski", "Viktar Babaryka", "Maria Kalesnikava", "Andrei Marozau", "Ihar Novik", "Volha Zhuk",
        "Ales Bialiatski",
    ]  # fmt: skip


def test_prisoners_figure_has_counts_approximate_points_and_releases() -> None:
    data = small()
    figure = prisoners_figure(counts_frame(data), events_frame(data), language="en")
    assert [t.name for t in figure.data] == [
        "Political prisoners held, Viasna (left axis)",
        "Approximate (over/about)",
        "People freed per release (right axis)",
    ]
    counts, approximate, freed = figure.data
    assert counts.mode == "lines+markers" and list(counts.y) == [25, 1100, 1200]
    assert "over 1,100" in approximate.text[0] and approximate.marker.symbol == "circle-open"
    assert "2022" in counts.text[2] and "2022-01-01" not in counts.text[2]
    assert "Source: Pub &lt;i&gt;: A source" in counts.text[0]
    assert freed.yaxis == "y2" and list(freed.y) == [14, 52] and list(freed.customdata) == ["release-a", "release-b"]
    assert figure.layout.yaxis2.overlaying == "y" and figure.layout.yaxis2.side == "right"
    assert figure.layout.xaxis.type == "date"
    # Whole, round ticks coloured like their series, so a reader knows which axis is whose.
    assert figure.layout.yaxis.tickformat == figure.layout.yaxis2.tickformat == ",d"
    assert figure.layout.yaxis2.dtick == 20 and figure.layout.yaxis.dtick == 500  # maxima 52 and 1,200
    assert figure.layout.yaxis2.tickfont.color == freed.marker.color


def test_prisoners_milestones_are_numbered_dotted_lines_at_their_dates(timeline_data: Dataset) -> None:
    events = events_frame(timeline_data)
    figure = prisoners_figure(counts_frame(timeline_data), events, language="en")
    milestones = events[events["milestone"]].sort_values("start")
    assert list(milestones["id"]) == [
        "election-2020", "war-from-belarus", "release-14-2025-06-21", "release-123-2025-12-13",
        "coale-visit-250-freed-2026-03-19",
    ]  # fmt: skip
    shapes, annotations = figure.layout.shapes, figure.layout.annotations
    assert len(shapes) == len(annotations) == len(milestones) > 0
    assert sorted(pd.Timestamp(s.x0) for s in shapes) == list(milestones["start"])
    assert sorted(int(a.text) for a in annotations) == list(range(1, len(milestones) + 1))
    assert all(s.type == "line" and s.yref == "paper" and s.line.dash == "dot" for s in shapes)
    key = key_event_list(events)
    assert [k.event_id for k in key] == list(milestones["id"]) and [k.number for k in key] == [1, 2, 3, 4, 5]
    number_at = {pd.Timestamp(a.x): int(a.text) for a in annotations}
    assert [number_at[day] for day in milestones["start"]] == [k.number for k in key]


def test_prisoners_milestone_numbers_do_not_overlap_and_titles_are_escaped() -> None:
    data = small()
    events = events_frame(data)
    figure = prisoners_figure(counts_frame(data), events, language="en")
    placement = milestone_placement(counts_frame(data), events)
    assert overlapping(placement.labels) == [] and placement.hidden == 0
    assert all(SCRIPT not in (a.hovertext or "") for a in figure.layout.annotations)
    assert any(ESCAPED in (a.hovertext or "") for a in figure.layout.annotations)
    assert key_event_list(events)[0].title == ESCAPED.replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'")


RUNNING = "Freed in all, since the first release shown (right axis)"


def test_releases_are_stacked_per_destination_with_the_running_total() -> None:
    figure = releases_figure(releases_frame(small()), language="en")
    assert figure.layout.barmode == "stack" and figure.layout.xaxis.type == "date"
    names = traces_by_name(figure)
    assert list(names) == ["Lithuania", "Poland", UNSPECIFIED_DESTINATION, RUNNING]
    assert names[UNSPECIFIED_DESTINATION].marker.color == "#999999"
    assert [x_date(x) for x in names["Lithuania"].x] == ["2025-06-21", "2025-09-11"]
    assert list(names["Lithuania"].y) == [10, 50] and list(names["Lithuania"].customdata) == ["release-a", "release-b"]
    running = names[RUNNING]
    assert running.yaxis == "y2" and running.mode == "lines+markers" and list(running.y) == [14, 66]
    assert figure.layout.yaxis.tickformat == ",d" and figure.layout.yaxis2.tickformat == ",d"
    assert "Poland: 4" in names["Poland"].hovertext[0] and "First release" in names["Poland"].hovertext[0]


def test_releases_running_total_ends_at_the_total_freed(timeline_data: Dataset) -> None:
    figure = releases_figure(releases_frame(timeline_data), language="en")
    running = traces_by_name(figure)[RUNNING]
    assert running.y[-1] == 18 + 14 + 52 + 123 + 250
    starts = events_frame(timeline_data).set_index("id").loc[list(running.customdata), "start"]
    assert starts.is_monotonic_increasing


@pytest.mark.parametrize(
    "build",
    [
        lambda data: timeline_figure(events_frame(data), categories_frame(data), language="en"),
        lambda data: detention_figure(people_frame(data), language="en"),
        lambda data: prisoners_figure(counts_frame(data), events_frame(data), language="en"),
        lambda data: releases_figure(releases_frame(data), language="en"),
    ],
    ids=["timeline", "detention", "prisoners", "releases"],
)
def test_figures_build_from_empty_data(build) -> None:
    figure = build(empty())
    assert figure.layout.template.layout is not None
    assert figure.layout.xaxis.type in ("date", "category")
    figure.to_json()


def many_releases(count: int) -> Dataset:
    events = "\n".join(
        f"  - {{id: r{i}, date: 20{10 + i // 120}-{i // 10 % 12 + 1:02d}-{i % 10 + 1:02d}, title: Release {i}, "
        f"category: war, summary: S, sources: [s1], released: 2, released_to: {{Lithuania: 1}}, tags: [milestone]}}"
        for i in range(count)
    )
    source = "sources:\n  s1: {title: T, publisher: P, url: 'https://example.org', published: 2020}\n"
    text = EMPTY.replace("as_of: 2026", "as_of: 2030").replace("sources: {}\n", source) + "events:\n" + events + "\n"
    return load_text(text, "events.yaml").data


def test_many_releases_are_summed_per_month_with_the_same_total() -> None:
    data = many_releases(250)
    releases = releases_frame(data)
    figure = releases_figure(releases, language="en")
    assert set(figure.data[0].customdata) <= {f"month-20{y}-{m:02d}" for y in range(10, 13) for m in range(1, 13)}
    bars = [t for t in figure.data if t.type == "bar"]
    assert sum(int(sum(t.y)) for t in bars) == 500 == int(releases["released"].sum())
    assert len(bars[0].x) < 250 and list(figure.data[-1].y)[-1] == 500
    assert list(releases_figure(releases_frame(many_releases(20)), language="en").data[0].customdata) == [
        f"r{i}" for i in range(20)
    ]


def test_many_milestones_are_thinned_and_release_bars_summed_on_the_prisoner_chart() -> None:
    data = many_releases(250)
    figure = prisoners_figure(counts_frame(data), events_frame(data), language="en")
    assert prisoners_detail(events_frame(data)) == PrisonersDetail(
        releases=250, releases_summed=True, milestones=250, milestones_shown=40
    )
    assert len(figure.layout.shapes) == len(figure.layout.annotations) <= 40
    freed = next(t for t in figure.data if t.type == "bar")
    assert int(sum(freed.y)) == 500 and freed.name == "People freed per month (right axis)"


def test_preview_rings_the_new_event_among_the_events_of_the_year_around_it(timeline_data: Dataset) -> None:
    new = Event.model_validate(
        {"id": "new-event", "date": "2026-03-19", "title": "New", "category": timeline_data.events[0].category,
         "summary": "S.", "sources": [next(iter(timeline_data.sources))]}
    )  # fmt: skip
    with_new = timeline_data.model_copy(update={"events": [*timeline_data.events, new]})
    events = events_frame(timeline_data)
    figure = preview_figure(events, categories_frame(timeline_data), with_new, "new-event", language="en")
    drawn = {i for trace in marker_traces(figure) for i in trace.customdata}
    near = set(events[events["until"] >= pd.Timestamp("2025-03-19")]["id"])
    assert drawn == near | {"new-event"}
    ring = next(t for t in figure.data if t.name == "Selected")
    assert ring.marker.symbol == "circle-open"


def test_releases_stack_by_how_people_were_freed(timeline_data: Dataset) -> None:
    releases = releases_frame(timeline_data)
    figure = releases_figure(releases, stack="kind", language="en")
    bars = [t for t in figure.data if t.type == "bar"]
    assert {t.name for t in bars} == set(releases["kind"])
    assert "pardon + deportation" in {t.name for t in bars}
    assert sum(int(sum(t.y)) for t in bars) == int(releases["released"].sum())
    assert "how they were freed" in figure.layout.legend.title.text


MONTH_NAMES = re.compile(r"%[bB]")  # Plotly's (English) month names


def date_formats(figure) -> list[str]:
    """Every format the figure gives a date: the x axis's tick formats and the hovers' `%{x|...}` codes."""
    axis = figure.layout.xaxis
    formats = [stop.value for stop in axis.tickformatstops or ()] + ([axis.tickformat] if axis.tickformat else [])
    templates = " ".join(str(trace.hovertemplate) for trace in figure.data)
    return formats + re.findall(r"%\{x\|([^}]*)\}", templates)


@pytest.mark.parametrize(
    "build",
    [
        lambda data, code: timeline_figure(events_frame(data), categories_frame(data), language=code),
        lambda data, code: timeline_figure(events_frame(data), categories_frame(data), max_markers=0, language=code),
        lambda data, code: detention_figure(people_frame(data), language=code),
        lambda data, code: prisoners_figure(counts_frame(data), events_frame(data), language=code),
        lambda data, code: releases_figure(releases_frame(data), language=code),
    ],
    ids=["timeline", "density", "detention", "prisoners", "releases"],
)
def test_date_axes_write_numeric_dates_outside_english(build, timeline_data: Dataset) -> None:
    figure = build(timeline_data, "be")
    stops = {stop.value for stop in figure.layout.xaxis.tickformatstops}
    assert stops == {"%d.%m.%Y", "%m.%Y", "%Y"} and figure.layout.separators == ",\xa0"
    assert not [f for f in date_formats(figure) if MONTH_NAMES.search(f)]
    english = build(timeline_data, "en")  # unchanged: Plotly's own ticks ('Jan 2021'), the hovers' month names
    assert not english.layout.xaxis.tickformatstops and english.layout.separators is None


def test_a_counts_hover_names_its_source_and_its_note(timeline_data: Dataset) -> None:
    figure = prisoners_figure(counts_frame(timeline_data), events_frame(timeline_data), language="en")
    hovers = [h for t in figure.data if t.text is not None for h in t.text if "political prisoner" in str(h)]
    assert any("Source: " in h and "Counted before the release of 250 the same day." in h for h in hovers)


def test_every_printed_title_can_be_tapped_to_select_its_event(timeline_data: Dataset) -> None:
    from components.view.draw.labels import MIN_PLOT_WIDTH_PX
    from components.view.draw.timeline_figures import TARGET_STEP_PX, timeline_placement

    events = events_frame(timeline_data)
    figure = timeline(timeline_data)
    placement, (low, high) = timeline_placement(events)
    targets = traces_by_name(figure)["title targets"]
    assert placement.labels and set(targets.customdata) == {label.key for label in placement.labels}
    assert targets.marker.color == "rgba(0,0,0,0)" and targets.hoverinfo != "skip"  # invisible, yet it takes a tap
    per_ms = MIN_PLOT_WIDTH_PX / (high - low)
    for label in placement.labels:
        at = zip(targets.x, targets.customdata, strict=True)
        xs = sorted((x - low) * per_ms for x, key in at if key == label.key)
        assert label.left_px <= xs[0] and xs[-1] <= label.right_px  # within the title at the narrowest width
        gaps = np.diff([label.left_px, *xs, label.right_px])
        assert gaps.max() <= TARGET_STEP_PX  # no part of the title farther than a step from a target


def test_tooltips_are_cut_into_lines_that_fit_a_phone(timeline_data: Dataset) -> None:
    from components.view.draw.timeline_figures import HOVER_LINE_CHARS

    figure = timeline(timeline_data)
    wrapped = 0
    for trace in marker_traces(figure):
        for text in trace.text:
            lines = re.sub(r"</?b>", "", text).split("<br>")
            # The title's lines, without the freed count after the last one; not a span's dates.
            titles = [re.sub(r" · [\d,]+ freed$", "", line) for line in lines if " – " not in line]
            assert all(len(line) <= HOVER_LINE_CHARS for line in titles), text
            wrapped += len(titles) > 1
    assert wrapped  # the fixture's long titles take more than one line
