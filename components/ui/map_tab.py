"""The Map tab: where the people in view were held and where the events happened; a place's people and events."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..i18n import _, number_text
from ..view.draw.map_figure import KIND_NAMES, map_sentence, place_counts
from ..view.draw.style import fuzzy_date_text
from ..view.shape.filters import Filters, Shown
from ..view.words.text import escape_markdown, markdown_link
from .charts import clicked_id, map_chart
from .page_data import PageData
from .share import share_link
from .state import MAP_CHART, PLACE


def _on_map_select() -> None:
    if place := clicked_id(MAP_CHART):
        st.session_state[PLACE] = place


def render_map_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """The map of the places in view, a sentence saying what it shows, the selected place's details and a table."""
    st.header(_("Where"))
    st.caption(map_sentence(page.places, shown.people, shown.events, language=page.language))
    selected = st.session_state.get(PLACE)
    st.plotly_chart(
        map_chart(page, filters, selected), key=MAP_CHART, on_select=_on_map_select, selection_mode="points",
        config={"scrollZoom": False, "displaylogo": False},
    )  # fmt: skip
    counted = place_counts(page.places, shown.people, shown.events)
    if isinstance(selected, str) and selected in set(page.places["id"]):
        render_place(page, shown, selected)
    if len(counted):
        table = pd.DataFrame(
            {
                _("Place"): counted["name"], _("Town"): counted["town"],
                _("Kind"): [_(KIND_NAMES[k]) for k in counted["kind"]],
                _("People held here"): counted["held"], _("Events here"): counted["happened"],
            }
        )  # fmt: skip
        st.dataframe(table, hide_index=True)


def render_place(page: PageData, shown: Shown, place_id: str) -> None:
    """A place: what it is, who of the people in view was held there (with dates), what happened there, sources."""
    place = page.places[page.places["id"] == place_id].iloc[0]
    info = next(p for p in page.meta.places if p.id == place_id)
    people = {p.id: p for p in page.meta.people}
    with st.container(border=True):
        st.markdown(f"### {escape_markdown(str(place['name']))}")
        st.markdown(f"{escape_markdown(str(place['town']))} · {_(KIND_NAMES[str(place['kind'])])}")
        held = [people[p] for p in place["people"] if p in set(shown.people["id"])]
        if held:
            lines = []
            for person in held:
                spans = [h for h in person.held_at if h.place == place_id]
                dates = "; ".join(
                    " – ".join(fuzzy_date_text(d, page.language) if d else "…" for d in (h.since, h.until))
                    for h in spans
                    if h.since or h.until
                )
                link = markdown_link(person.name, share_link({"person": person.id}))
                lines.append(f"- {link}" + (f" ({escape_markdown(dates)})" if dates else ""))
            st.markdown(f"**{_('People held here')}:** {number_text(len(held))}\n\n" + "\n".join(lines))
        events = page.events[page.events["id"].isin(place["events"]) & page.events["id"].isin(shown.events["id"])]
        if len(events):
            st.markdown(
                f"**{_('Events here')}**\n\n"
                + "\n".join(
                    f"- {escape_markdown(str(e['date_label']))}: "
                    + markdown_link(str(e["title"]), share_link({"event": str(e["id"])}))
                    for _i, e in events.iterrows()
                )
            )
        sources = [page.meta.sources[s] for s in info.sources if s in page.meta.sources]
        st.markdown(
            f"**{_('Sources')}**\n\n"
            + "\n".join(f"- {markdown_link(f'{s.publisher}: {s.title}', s.url)}" for s in sources)
        )
        if info.note:
            st.caption(escape_markdown(info.note))
