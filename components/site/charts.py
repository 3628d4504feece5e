"""Plotly figures embedded in a static page: the data as JSON that no text from the data file can break out of."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from jinja2 import Environment
from markupsafe import Markup
from plotly.utils import PlotlyJSONEncoder

# JSON escapes for the characters that could end a <script> element or start markup inside it.
_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def chart_html(figure: go.Figure, chart_id: str, env: Environment, link: str | None = None) -> Markup:
    """A div and the script that draws the figure into it with the site's own copy of plotly.js."""
    spec = json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True).translate(_SAFE)
    # Markup: already escaped for the inside of a <script> element, which HTML escaping would corrupt.
    return Markup(env.get_template("_parts.html").module.chart(chart_id, Markup(spec), link))  # type: ignore[attr-defined]
