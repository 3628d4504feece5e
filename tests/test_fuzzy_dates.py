"""Fuzzy dates keep the precision the author wrote and cover the span they name."""

from __future__ import annotations

import datetime as dt

import pytest

from components.data.fuzzy_dates import FuzzyDateError, parse_fuzzy_date
from components.view.words.locale import date_label


@pytest.mark.parametrize(
    ("text", "precision", "start", "end", "label"),
    [
        ("2022", "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "2022"),
        ("2022-02", "month", dt.date(2022, 2, 1), dt.date(2022, 2, 28), "February 2022"),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "February 2024"),
        ("2022-02-28", "day", dt.date(2022, 2, 28), dt.date(2022, 2, 28), "28 February 2022"),
    ],
)
def test_date_keeps_its_precision_and_span(text: str, precision: str, start: dt.date, end: dt.date, label: str) -> None:
    date = parse_fuzzy_date(text)
    assert (date.precision, date.start, date.end, date_label(date, "en"), str(date)) == (
        precision,
        start,
        end,
        label,
        text,
    )


def test_year_is_never_shown_as_first_of_january() -> None:
    date = parse_fuzzy_date("2022")
    shown = date_label(date, "en")
    assert "01" not in shown and "January" not in shown and str(date) == "2022"


def test_sorting_orders_spans_by_start_then_shorter_first() -> None:
    dates = [parse_fuzzy_date(t) for t in ("2022-03-01", "2022", "2021-12-31", "2022-01", "2022-01-01")]
    ordered = [str(d) for d in sorted(dates, key=lambda d: d.sort_key())]
    assert ordered == ["2021-12-31", "2022-01-01", "2022-01", "2022", "2022-03-01"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-13", "no month 13"),
        ("2021-02-29", "February 2021 has 28 days"),
        ("2024-1-9", "'2024-01-09'"),
        ("9 Jan 2024", "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2022-02-28T10:00", "use YYYY"),
    ],
)
def test_bad_date_says_what_to_write(text: str, message: str) -> None:
    with pytest.raises(FuzzyDateError, match=message.replace("(", r"\(")):
        parse_fuzzy_date(text)
