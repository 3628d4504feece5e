"""Links reproduce a view; stale or malformed parts are dropped with a notice, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest

from components.view.shape.filters import Filters
from components.view.shape.view_state import Choices, View, params_from_view, view_from_params

CHOICES = Choices(
    categories={"war", "releases"},
    people={"ales-bialiatski"},
    statuses={"confirmed", "reported", "disputed"},
    events={"e1", "e2"},
    tabs=("timeline", "prisoners", "table"),
)


def test_full_view_round_trips_through_params() -> None:
    view = View(
        Filters(
            dt.date(2020, 8, 1), dt.date(2021, 12, 31), ("war",), ("ales-bialiatski",), ("reported",), "Тихановский"
        ),
        event="e2",
        tab="table",
    )
    params = params_from_view(view, default_tab="timeline")
    assert view_from_params(params, CHOICES) == (view, [])


def test_default_view_has_no_params() -> None:
    assert params_from_view(View(), default_tab="timeline") == {}


def test_fuzzy_dates_in_links_cover_their_span() -> None:
    view, notices = view_from_params({"from": "2021", "to": "2022-02"}, CHOICES)
    assert (view.filters.start, view.filters.end, notices) == (dt.date(2021, 1, 1), dt.date(2022, 2, 28), [])


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"category": "war,nope"}, "unknown category in the link: nope"),
        ({"person": "someone"}, "unknown person in the link: someone"),
        ({"status": "maybe"}, "unknown status in the link: maybe"),
        ({"event": "removed-event"}, "'removed-event' in the link is not in the data"),
        ({"from": "2022-13-45"}, "'from=2022-13-45' in the link: not a date"),
        ({"to": "yesterday"}, "'to=yesterday'"),
        ({"from": "2023-01-01", "to": "2022-01-01"}, "'from' (2023-01-01) is after 'to'"),
        ({"tab": "secret"}, "unknown tab 'secret'"),
        ({"allow_edits": "1"}, "unknown link parameter: allow_edits"),
        ({"q": "x" * 500}, "Shortened the link's search"),
    ],
)
def test_bad_params_are_dropped_with_a_notice(params: dict[str, str], notice: str) -> None:
    view, notices = view_from_params(params, CHOICES)
    assert any(notice in n for n in notices), notices
    assert view.event is None or view.event in CHOICES.events


def test_valid_part_of_a_param_is_kept() -> None:
    view, _ = view_from_params({"category": ["war", "nope"]}, CHOICES)
    assert view.filters.categories == ("war",)
