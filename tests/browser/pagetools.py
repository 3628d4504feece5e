"""Reading a Streamlit page in Chromium: wait for it to settle, read Plotly's graph divs, click a point."""

from __future__ import annotations

from typing import Any

GRAPHS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    names: gd.data.map(t => t.name || ''),
    modes: gd.data.map(t => t.mode || t.type),
    points: gd.data.map((t, i) => ((gd.calcdata && gd.calcdata[i]) || [])
        .filter(p => p && (p.x !== undefined || p.p !== undefined) && !Number.isNaN(p.x)).length),
    ids: gd.data.map(t => Array.isArray(t.customdata) ? t.customdata.map(String) : []),
}))"""

POINT_JS = """(id) => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        for (const [i, trace] of gd.data.entries()) {
            const marker = trace.mode === 'markers' && trace.name !== 'title targets';
            if (!marker || !Array.isArray(trace.customdata)) continue;
            const j = trace.customdata.map(String).indexOf(id);
            if (j < 0) continue;
            const point = gd.calcdata[i][j];
            const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
            return {x: box.left + xa.c2p(point.x), y: box.top + ya.c2p(point.y)};
        }
    }
    return null;
}"""


def settle(page: Any, timeout: float = 30_000) -> None:
    """Wait until the script has finished running and the charts are drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
              && document.querySelectorAll('[data-testid="stMetricValue"]').length > 0""",
        timeout=timeout,
    )
    page.wait_for_timeout(600)


def graphs(page: Any, at_least: int = 1) -> list[dict[str, Any]]:
    """Trace names, modes, point counts and customdata ids of every Plotly chart on the page."""
    page.wait_for_function(
        """(n) => { const gds = document.querySelectorAll('.js-plotly-plot');
                    return gds.length >= n && Array.from(gds).every(gd => gd.calcdata && gd._fullLayout); }""",
        arg=at_least,
    )
    return list(page.evaluate(GRAPHS_JS))


def open_tab(page: Any, name: str, query: str) -> None:
    """Click a tab and wait until the page has finished drawing it (its name is in the link)."""
    page.get_by_role("tab", name=name).click()
    page.wait_for_url(lambda url: query in url)
    settle(page)


def metric(page: Any, label: str) -> str:
    """The value of the st.metric with this label."""
    block = page.locator('[data-testid="stMetric"]', has_text=label)
    return str(block.locator('[data-testid="stMetricValue"]').inner_text()).strip()


def click_event(page: Any, event_id: str) -> None:
    """Click the timeline marker of an event, found by the id in its customdata."""
    graphs(page)
    point = page.evaluate(POINT_JS, event_id)
    assert point is not None, f"no marker for {event_id}"
    page.mouse.click(point["x"], point["y"])
