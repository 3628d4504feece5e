"""Plotly figures embedded in a static page: the data as JSON that no text from the data file can break out of."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from markupsafe import Markup
from plotly.utils import PlotlyJSONEncoder

# JSON escapes for the characters that could end a <script> element or start markup inside it.
_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def chart_html(figure: go.Figure, chart_id: str) -> Markup:
    """A div and the script that draws the figure into it with the site's own copy of plotly.js."""
    spec = json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True).translate(_SAFE)
    return Markup(
        f'<div class="chart" id="{chart_id}"></div>'
        f'<script type="application/json" id="{chart_id}-data">{spec}</script>'
        f"<script>(function () {{ var f = JSON.parse(document.getElementById('{chart_id}-data').textContent);"
        f" Plotly.newPlot('{chart_id}', f.data, f.layout, {{responsive: true, displaylogo: false}}); }})();</script>"
    )
