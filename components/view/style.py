"""The charts' shared look: template, colours, marker shapes, axes and date helpers."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

TEMPLATE = "plotly_white"
MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
GREY = "#999999"
# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
# Status is also a shape, so it never depends on colour alone.
STATUS_SYMBOLS = {"confirmed": "circle", "reported": "diamond", "disputed": "x"}
LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
# Below the plot, where a phone has room: the legend never takes the plot's width.
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "font": {"size": 11}}
MILLISECONDS_PER_DAY = 86_400_000


def day_text(timestamp: pd.Timestamp) -> str:
    """'2022-02-28'."""
    return f"{timestamp:%Y-%m-%d}"


def long_date(timestamp: pd.Timestamp) -> str:
    """'28 February 2022'."""
    return f"{timestamp.day} {timestamp:%B %Y}"


def whole_number(value: object) -> int | None:
    """A frame cell as an int, or None when missing."""
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def truncate(text: str, length: int) -> str:
    """The text, cut to `length` characters with an ellipsis."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def milliseconds(values: pd.Series) -> np.ndarray:
    """Dates as milliseconds since 1970: what a date axis takes as a compact typed array, not ISO strings."""
    return pd.to_datetime(values).to_numpy(dtype="datetime64[ms]").astype("int64").astype("float64")


def lane_axis(lanes: int, band: float = 0.0) -> dict[str, Any]:
    """Lanes are numbers 0..n-1, named inside the plot (no tick labels to take a phone's width); the range runs
    downwards so the first lane is on top, with `band` lanes' height above it for event titles."""
    return {
        "tickmode": "array",
        "tickvals": list(range(lanes)),
        "showticklabels": False,
        "range": [lanes - 0.5, -0.5 - band],
        "autorange": False,
        "zeroline": False,
        "showgrid": True,
        "fixedrange": True,
    }


def date_range(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The events' first and last day, a month of margin either side; None without events."""
    if not len(events):
        return None
    return padded(pd.Timestamp(events["start"].min()), pd.Timestamp(events["end"].max()))


def padded(first: pd.Timestamp, last: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A date range with room either side for a marker's width on a phone: 4% of the span, at least a month."""
    pad = max(pd.Timedelta(days=30), (last - first) * 0.04)
    return first - pad, last + pad


def date_axis(events: pd.DataFrame) -> dict[str, Any]:
    """A date axis over the events' range."""
    xaxis: dict[str, Any] = {"type": "date"}
    span = date_range(events)
    if span is not None:
        xaxis["range"] = [day_text(span[0]), day_text(span[1])]
    return xaxis


def whole_axis(maximum: float, color: str, *, ticks: int = 5) -> dict[str, Any]:
    """A y axis of people: whole, round ticks (1, 2 or 5 times a power of ten) from 0, coloured like its series."""
    rough = max(float(maximum), 1.0) / ticks
    power = 10 ** math.floor(math.log10(rough))
    step = max(1, int(next(m * power for m in (1, 2, 5, 10) if m * power >= rough)))
    return {
        "tickmode": "linear",
        "tick0": 0,
        "dtick": step,
        "tickformat": ",d",
        "range": [0, max(float(maximum), 1.0) * 1.08],
        "tickfont": {"color": color},
        "zeroline": False,
    }


def right_axis(maximum: float, color: str) -> dict[str, Any]:
    """A second y axis on the right, over the first, for numbers of another scale."""
    return {**whole_axis(maximum, color), "overlaying": "y", "side": "right", "showgrid": False}
