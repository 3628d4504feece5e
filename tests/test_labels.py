"""Event titles on the charts: placed so that none overlaps another or leaves the plot, at phone width and wider."""

from __future__ import annotations

import pytest

from components.data.loader import load_file, load_text
from components.view.draw.labels import (
    MIN_PLOT_WIDTH_PX,
    Candidate,
    box_at,
    overlapping,
    place_labels,
    shortened,
    text_width_px,
)
from components.view.draw.timeline_figures import FEW_EVENTS, timeline_placement
from components.view.shape.frames import build_frames

from .samples import TIMELINE, VALID

DESKTOP_SCALE = 1000 / MIN_PLOT_WIDTH_PX  # a 1440 px window's plot against a phone's


def assert_clean(placement, scales=(1.0, 2.0, DESKTOP_SCALE)) -> None:
    for scale in scales:
        assert overlapping(placement.labels, scale) == []
        for label in placement.labels:
            left, right = box_at(label, scale)
            assert left >= -0.01 and right <= MIN_PLOT_WIDTH_PX * scale + 0.01, (label, scale)


def test_shortened_cuts_at_a_word_and_marks_the_cut() -> None:
    assert shortened("Short title") == "Short title"
    text = shortened("Coale's two-day talks in Minsk: 123 freed including Bialiatski, Kalesnikava and Babaryka")
    assert text == "Coale's two-day talks in Minsk: 123…" and len(text) <= 40


def test_labels_that_would_touch_go_to_another_row() -> None:
    candidates = [Candidate(key, "A label of twenty chr", x, 1.0) for key, x in (("a", 50), ("b", 51), ("c", 90))]
    placement = place_labels(candidates, (0, 100))
    rows = {label.key: label.row for label in placement.labels}
    assert rows["a"] != rows["b"] and placement.hidden == 0
    assert_clean(placement)


def test_labels_at_the_edges_are_moved_inside_the_plot() -> None:
    edges = [Candidate("left", "Near the left edge", 0, 1), Candidate("right", "Near the right", 100, 1)]
    placement = place_labels(edges, (0, 100))
    boxes = {label.key: (label.left_px, label.right_px) for label in placement.labels}
    assert boxes["left"][0] == 0 and boxes["right"][1] == MIN_PLOT_WIDTH_PX
    assert_clean(placement)


def test_when_rows_run_out_the_least_important_are_hidden_and_counted() -> None:
    candidates = [Candidate(f"e{i}", f"Event number {i}", 50 + i / 10, float(i)) for i in range(12)]
    placement = place_labels(candidates, (0, 100), rows=3)
    assert placement.hidden == 9 and {label.key for label in placement.labels} == {"e11", "e10", "e9"}
    assert_clean(placement)


def test_a_label_wider_than_the_plot_is_shortened_to_fit() -> None:
    placement = place_labels([Candidate("long", "x" * 80, 50, 1)], (0, 100), width_px=200)
    (label,) = placement.labels
    assert text_width_px(label.text) <= 200 and label.text.endswith("…")


def test_with_many_events_only_the_milestones_are_titled_by_their_chart_labels_without_overlap() -> None:
    frames = build_frames(load_file(TIMELINE))
    assert len(frames.events) > FEW_EVENTS
    placement, _ = timeline_placement(frames.events)
    assert {label.key: label.text for label in placement.labels} == {
        "election-2020": "Election",
        "war-from-belarus": "Invasion from Belarus",
        "release-14-2025-06-21": "14 freed",
        "release-123-2025-12-13": "123 freed",
        "coale-visit-250-freed-2026-03-19": "Coale visit: 250 freed",
    }
    assert placement.hidden == 0
    assert_clean(placement)


def test_with_few_events_in_view_every_event_is_a_candidate() -> None:
    frames = build_frames(load_text(VALID, "events.yaml"))
    assert len(frames.events) <= FEW_EVENTS
    placement, _ = timeline_placement(frames.events)
    assert [label.key for label in placement.labels] == ["e1"]


# The generator's files: the milestones of 300 events all fit; those of 2000 (dozens over six years) cannot, on a phone.
@pytest.mark.parametrize(("events", "all_fit"), [(300, True), (2000, False)])
def test_dense_generated_data_is_placed_without_overlap_and_says_how_many_are_hidden(
    events: int, all_fit: bool
) -> None:
    from benchmarks.generate import generate

    frames = build_frames(load_text(generate(events), "generated.yaml"))
    placement, _ = timeline_placement(frames.events)
    milestones = int(frames.events["milestone"].sum())
    assert placement.labels and placement.hidden == milestones - len(placement.labels)
    assert (placement.hidden == 0) is all_fit
    assert_clean(placement)
