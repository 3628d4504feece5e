"""Where to print event titles on a chart so that none overlaps another and none is clipped, at any width.

Labels are placed for the narrowest plot the page is read on (a phone). Their centres follow the date axis and
spread apart as the plot widens while their widths stay the same, so a placement without overlaps at the narrowest
width has none at any wider one. Text widths are estimated generously (no font metrics on the server).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..words.text import shortened

MIN_PLOT_WIDTH_PX = 320  # a 390 px phone screen, less the page's padding and the plot's margins
FONT_SIZE = 11
CHAR_WIDTH_PX = 0.62 * FONT_SIZE  # wider than the average glyph of the usual sans-serif fonts
PADDING_PX = 4
GAP_PX = 6
LABEL_ROWS = 8


@dataclass(frozen=True)
class Candidate:
    """An event that may get a label: its id, text, position and how much it matters (higher first)."""

    key: str
    text: str
    x: float  # on the axis's own scale (milliseconds for dates)
    importance: float


@dataclass(frozen=True)
class Placed:
    """A label's text, row (0 nearest the data) and horizontal extent in pixels at the narrowest width."""

    key: str
    text: str
    x: float
    row: int
    left_px: float
    right_px: float
    shift_px: float  # how far the box is moved from being centred on x, to stay inside the plot


@dataclass(frozen=True)
class Placement:
    """The labels that fit, and how many did not."""

    labels: tuple[Placed, ...]
    hidden: int


def text_width_px(text: str) -> float:
    """A generous estimate of the label's width on screen."""
    return len(text) * CHAR_WIDTH_PX + 2 * PADDING_PX


def _fit(text: str, width: float) -> str:
    """The text shortened until it fits the plot's width."""
    limit = max(4, int((width - 2 * PADDING_PX) / CHAR_WIDTH_PX))
    return shortened(text, limit) if text_width_px(text) > width else text


def place_labels(
    candidates: Sequence[Candidate],
    x_range: tuple[float, float],
    *,
    width_px: float = MIN_PLOT_WIDTH_PX,
    rows: int = LABEL_ROWS,
) -> Placement:
    """Greedy placement, most important first: each label takes the lowest row where it overlaps nothing."""
    low, high = x_range
    span = (high - low) or 1.0
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed: list[Placed] = []
    hidden = 0
    for candidate in sorted(candidates, key=lambda c: (-c.importance, c.x, c.key)):
        if not low <= candidate.x <= high:
            continue  # outside the axis: not drawn, not counted
        text = _fit(candidate.text, width_px)
        width = text_width_px(text)
        centre = (candidate.x - low) / span * width_px
        left = min(max(centre - width / 2, 0.0), width_px - width)
        row = next(
            (r for r in range(rows) if all(left + width + GAP_PX <= a or b + GAP_PX <= left for a, b in taken[r])),
            None,
        )
        if row is None:
            hidden += 1
            continue
        taken[row].append((left, left + width))
        placed.append(Placed(candidate.key, text, candidate.x, row, left, left + width, left + width / 2 - centre))
    return Placement(tuple(sorted(placed, key=lambda p: (p.x, p.row))), hidden)


def box_at(label: Placed, scale: float = 1.0) -> tuple[float, float]:
    """The label's box in pixels when the plot is `scale` times the narrowest width (the shift does not scale)."""
    width = label.right_px - label.left_px
    middle = ((label.left_px + label.right_px) / 2 - label.shift_px) * scale + label.shift_px
    return (middle - width / 2, middle + width / 2)


def overlapping(labels: Sequence[Placed], scale: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of labels in one row whose boxes overlap at `scale` times the narrowest width."""
    pairs = []
    for i, first in enumerate(labels):
        for second in labels[i + 1 :]:
            a, b = box_at(first, scale), box_at(second, scale)
            if first.row == second.row and a[0] < b[1] and b[0] < a[1]:
                pairs.append((first.key, second.key))
    return pairs
