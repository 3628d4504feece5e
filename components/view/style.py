"""The charts' shared look: template, colours, marker shapes, axes and date helpers."""

from __future__ import annotations

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


def lane_axis(lanes: list[str]) -> dict[str, Any]:
    """Lanes are numbers 0..n-1 labelled by tick text; the range runs downwards so the first lane is on top."""
    return {
        "tickmode": "array",
        "tickvals": list(range(len(lanes))),
        "ticktext": lanes,
        "range": [len(lanes) - 0.5, -0.5],
        "autorange": False,
        "title": {"text": "Category"},
        "zeroline": False,
        "showgrid": True,
    }


def date_axis(events: pd.DataFrame) -> dict[str, Any]:
    """A date axis with a range slider, a month of margin either side of the events."""
    xaxis: dict[str, Any] = {"type": "date", "title": {"text": "Date"}, "rangeslider": {"visible": True}}
    if len(events):
        first = pd.Timestamp(events["start"].min()) - pd.Timedelta(days=30)
        last = pd.Timestamp(events["end"].max()) + pd.Timedelta(days=30)
        xaxis["range"] = [day_text(first), day_text(last)]
    return xaxis


def right_axis(title: str) -> dict[str, Any]:
    """A second y axis on the right, over the first, for numbers of another scale."""
    return {"title": {"text": title}, "overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False}
