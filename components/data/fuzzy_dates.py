"""Dates at year, month or day precision, kept at the precision the author wrote."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from babel.dates import get_month_names

from ..i18n import _, current_language, ngettext

Precision = Literal["year", "month", "day"]

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_LOOSE = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
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
        raise FuzzyDateError(_("expected a date (use YYYY, YYYY-MM or YYYY-MM-DD), got {got}").format(got=_kind(value)))
    text = value.strip()
    match = _ISO.fullmatch(text)
    if match is None:
        loose = _LOOSE.fullmatch(text)
        if loose:
            year, month, day = loose.groups()
            fixed = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
            raise FuzzyDateError(
                _(
                    "'{value}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD with two-digit month and day "
                    "(e.g. '{fixed}')"
                ).format(value=value, fixed=fixed)
            )
        raise FuzzyDateError(_("'{value}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD").format(value=value))
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise FuzzyDateError(
            _("'{value}' is not a date: there is no month {month}; use YYYY, YYYY-MM or YYYY-MM-DD").format(
                value=value, month=month
            )
        )
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise FuzzyDateError(_days_problem(value, year, month, last))
    return FuzzyDate(year, month, day)


def _days_problem(value: str, year: int, month: int, last: int) -> str:
    # The month named in the reader's language (its stand-alone form: 'February', 'люты'), as the CLDR writes it.
    name = get_month_names("wide", "stand-alone", locale=current_language())[month]
    message = ngettext(
        "'{value}' is not a real date: {month} {year} has {days} day",
        "'{value}' is not a real date: {month} {year} has {days} days",
        last,
    )
    return message.format(value=value, month=name, year=year, days=last)


def _kind(value: object) -> str:
    """What was written instead of a date, for the `{got}` of the problem."""
    if value is None:
        return _("nothing")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return type(value).__name__
