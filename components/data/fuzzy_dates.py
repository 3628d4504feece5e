"""Dates at year, month or day precision, kept at the precision the author wrote."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_LOOSE = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
FORMAT_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD"
PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


class FuzzyDateError(ValueError):
    """Text that is not a fuzzy date; the message says why and what to write."""


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A year, a month or a day; `start`/`end` give the span it covers."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day the date covers (inclusive)."""
        if self.day is not None:
            return self.start
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """How a reader sees it: '2022', 'February 2022', '28 February 2022'."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)


def parse_fuzzy_date(value: object) -> FuzzyDate:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; raise FuzzyDateError with a hint otherwise."""
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return FuzzyDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise FuzzyDateError(f"expected a date ({FORMAT_HINT}), got {_kind(value)}")
    text = value.strip()
    match = _ISO.fullmatch(text)
    if match is None:
        loose = _LOOSE.fullmatch(text)
        if loose:
            year, month, day = loose.groups()
            fixed = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
            raise FuzzyDateError(
                f"'{value}' is not a date; {FORMAT_HINT} with two-digit month and day (e.g. '{fixed}')"
            )
        raise FuzzyDateError(f"'{value}' is not a date; {FORMAT_HINT}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise FuzzyDateError(f"'{value}' is not a date: there is no month {month}; {FORMAT_HINT}")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise FuzzyDateError(f"'{value}' is not a real date: {calendar.month_name[month]} {year} has {last} days")
    return FuzzyDate(year, month, day)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
