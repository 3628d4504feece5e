"""The figures the page shares between readers (components/ui/charts.py)."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from components.ui.charts import SharedFigure


def test_a_shared_figure_writes_the_figures_json_and_serializes_it_once() -> None:
    figure = go.Figure(
        go.Scatter(x=[dt.date(2020, 8, 9), dt.date(2025, 9, 11)], y=np.array([1, 52]), text=["<b>Minsk</b>", "a/b"]),
        layout={"title": "Released 11/09"},
    )
    shared = SharedFigure(figure)
    written = pio.to_json(shared, validate=False)  # as st.plotly_chart writes it on every run
    assert json.loads(written) == json.loads(pio.to_json(figure, validate=False))
    assert "<" not in written and "/" not in written  # still escaped for a page, as plotly escapes it
    assert pio.to_json(shared, validate=False) == written
    as_dict = shared.to_dict()
    assert shared.to_dict() is as_dict and as_dict.to_plotly_json() is as_dict.to_plotly_json()  # made once
