"""The charts' shared look: template, colours, marker shapes, axes and date helpers."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from babel.numbers import get_decimal_symbol, get_group_symbol

from ...data.fuzzy_dates import FuzzyDate
from ...data.model import Source
from ...i18n import DEFAULT_LANGUAGE, N_, _
from ..shape.frames import KIND_JOINER
from ..words.locale import date_label

TEMPLATE = "plotly_white"
MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
GREY = "#999999"
# Status is also a shape, so it never depends on colour alone.
STATUS_SYMBOLS = {"confirmed": "circle", "reported": "diamond", "disputed": "x"}
LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
# Below the plot, where a phone has room: the legend never takes the plot's width.
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "font": {"size": 11}}
MILLISECONDS_PER_DAY = 86_400_000
# The data's fixed values are their own messages (the data keeps the English id; `_()` of it is the reader's word):
# marked here, once, so that the catalogs carry them.
FIXED_VALUES = (
    N_("confirmed"), N_("reported"), N_("disputed"),
    N_("pardon"), N_("deportation"), N_("sentence-served"), N_("exchange"), N_("other"),
)  # fmt: skip
# Plotly writes month names in English ('Jan 2021'): other languages get numbers at every zoom level.
NUMERIC_TICK_FORMATS = (([None, "M1"], "%d.%m.%Y"), (["M1", "M12"], "%m.%Y"), (["M12", None], "%Y"))
HOVER_DATE_FORMATS = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}
NUMERIC_HOVER_DATE_FORMATS = {"day": "%d.%m.%Y", "month": "%m.%Y", "year": "%Y"}


def day_text(timestamp: pd.Timestamp) -> str:
    """'2022-02-28'."""
    return f"{timestamp:%Y-%m-%d}"


def long_date(timestamp: pd.Timestamp, language: str) -> str:
    """'28 February 2022' as `language` writes it."""
    return date_label(FuzzyDate(timestamp.year, timestamp.month, timestamp.day), language)


def month_text(timestamp: pd.Timestamp, language: str) -> str:
    """'February 2022' as `language` writes it."""
    return date_label(FuzzyDate(timestamp.year, timestamp.month), language)


def fuzzy_date_text(date: FuzzyDate, language: str) -> str:
    """A date at its precision ('February 2022') as `language` writes it."""
    return date_label(date, language)


def archive_label(source: Source) -> str:
    """What a source's archive link opens, so a reader knows before clicking: a capture, or a search of the archive."""
    return _("archived copy") if source.archived else _("archive (Wayback Machine)")


def status_word(status: str) -> str:
    """An event's status as the reader's language names it ('reported')."""
    return _(status) if status in FIXED_VALUES else status


def release_kind_text(kind: str) -> str:
    """A release's kinds as the releases frame joins them ('pardon + deportation'), in the reader's language; the
    placeholder for no kind is translated where the frames mark it."""
    return KIND_JOINER.join(_(part) for part in kind.split(KIND_JOINER))


def hover_date_format(precision: str, language: str) -> str:
    """Plotly's format for a date in a hover at a precision ('day', 'month', 'year'): numeric outside English."""
    formats = HOVER_DATE_FORMATS if language == DEFAULT_LANGUAGE else NUMERIC_HOVER_DATE_FORMATS
    return formats[precision]


def number_separators(language: str) -> dict[str, str]:
    """The layout's decimal and thousands separators in `language` (nothing to set in English)."""
    if language == DEFAULT_LANGUAGE:
        return {}
    return {"separators": get_decimal_symbol(language) + get_group_symbol(language)}


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
    return padded(pd.Timestamp(events["start"].min()), pd.Timestamp(events["until"].max()))


def padded(first: pd.Timestamp, last: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A date range with room either side for a marker's width on a phone: 4% of the span, at least a month."""
    pad = max(pd.Timedelta(days=30), (last - first) * 0.04)
    return first - pad, last + pad


def time_axis(language: str, span: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> dict[str, Any]:
    """A date axis over `span` (Plotly's own range without it); outside English its ticks are numeric dates
    ('03.2021'), as Plotly would name months in English."""
    xaxis: dict[str, Any] = {"type": "date"}
    if span is not None:
        xaxis["range"] = [day_text(span[0]), day_text(span[1])]
    if language != DEFAULT_LANGUAGE:
        xaxis["tickformatstops"] = [{"dtickrange": zoom, "value": value} for zoom, value in NUMERIC_TICK_FORMATS]
    return xaxis


def date_axis(events: pd.DataFrame, language: str) -> dict[str, Any]:
    """A date axis over the events' range."""
    return time_axis(language, date_range(events))


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
