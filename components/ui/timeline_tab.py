"""The Timeline tab: the chart, a list to pick an event by name, and the chosen event's details."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..data.fuzzy_dates import parse_fuzzy_date
from ..i18n import _, number_text
from ..view.draw.html import copy_button
from ..view.draw.style import archive_label, fuzzy_date_text
from ..view.draw.text_alternatives import timeline_sentence
from ..view.shape.filters import Filters, Shown
from ..view.shape.translated import country_name
from ..view.shape.view_state import view_link
from ..view.words.text import escape_markdown, markdown_link, optional_text
from .add_event import open_dialog
from .charts import clicked_id, per_view, timeline_chart
from .cite import render_citation
from .history import render_entry_history
from .page_data import PageData
from .state import EVENT, EVENT_PICKER, TIMELINE_CHART
from .story_view import render_story

PICKER_LIMIT = 500  # events offered by name; the chart and the table reach the rest


def render_timeline_tab(page: PageData, filters: Filters, shown: Shown) -> None:
    """The timeline, the event picker and, when one is chosen, the event's details; then the story."""
    render_timeline(page, filters, shown)
    event = render_event_picker(page, shown)
    if event:
        render_event_details(page, event)
        st.button(_("Duplicate as new"), icon=":material/content_copy:", on_click=open_dialog, args=(event,))
    render_story(page, filters, shown)


def _on_timeline_select() -> None:
    if event_id := clicked_id(TIMELINE_CHART):
        st.session_state[EVENT] = event_id


def _timeline_text(page: PageData, shown: Shown, *, language: str) -> str:
    return timeline_sentence(shown.events, language=language)


def render_timeline(page: PageData, filters: Filters, shown: Shown) -> None:
    """The event timeline with its key events' titles; clicking an event opens its details below."""
    st.header(_("Events by category"))
    st.caption(per_view(page, shown, _timeline_text))  # the chart's text alternative, from the events in view
    if shown.events.empty:  # no axis of an empty year: the notice above says how to widen the view
        return
    figure, detail = timeline_chart(page, filters, st.session_state.get(EVENT))
    if detail.density:
        st.info(_("{count} events in view: each row shows how many fall in each month. Narrow the dates or filter "
                  "to see single events.").format(count=number_text(detail.events)))  # fmt: skip
    st.plotly_chart(figure, key=TIMELINE_CHART, on_select=_on_timeline_select, selection_mode="points")
    caption = _(
        "Each row is a category; key events carry their titles. Circles are confirmed events, diamonds reported, "
        "crosses disputed; a pale bar shows the month or year an event is dated to, or how long it lasted. Click an "
        "event for its details and sources; the story below tells every event in view."
    )
    if detail.titles_hidden:
        hidden = _("{count} more titles did not fit: zoom in or filter.").format(
            count=number_text(detail.titles_hidden)
        )
        caption = f"{caption} {hidden}"
    st.caption(caption)


def _picker_labels(page: PageData, shown: Shown, *, language: str) -> dict[str, str]:
    offered = shown.events.head(PICKER_LIMIT)
    return dict(zip(offered["id"], offered["list_label"], strict=True))


def render_event_picker(page: PageData, shown: Shown) -> str | None:
    """A list to pick an event by name (the keyboard's way to what a click on the chart does)."""
    selected = st.session_state.get(EVENT)
    labels = per_view(page, shown, _picker_labels)
    if selected is not None and selected not in labels:  # chosen on a link or before the filters changed
        chosen = page.events[page.events["id"] == selected]
        labels = {**labels, **dict(zip(chosen["id"], chosen["list_label"], strict=True))}
    if len(shown.events) > PICKER_LIMIT:
        offer = _("The list offers the first {limit} of {count} events in view; narrow the filters, or click an event "
                  "on the chart.")  # fmt: skip
        st.caption(offer.format(limit=number_text(PICKER_LIMIT), count=number_text(len(shown.events))))
    if selected not in labels:
        st.session_state[EVENT] = None
    st.session_state[EVENT_PICKER] = st.session_state[EVENT]

    def picked() -> None:
        st.session_state[EVENT] = st.session_state[EVENT_PICKER]

    prompt = _("Choose an event…")
    choice = st.selectbox(
        _("Event details"),
        [None, *labels],
        key=EVENT_PICKER,
        on_change=picked,
        format_func=lambda v: prompt if v is None else labels[v],
        placeholder=prompt,
    )
    return str(choice) if choice else None


def _in_english(flag: object) -> str:
    # A text the data has only in English, on a page in another language: say so rather than pass it off.
    return f" *({_('in English')})*" if flag is True else ""


def render_event_details(page: PageData, event_id: str) -> None:
    """Summary, people, status, every source as a link, people freed and where they went."""
    event = page.events[page.events["id"] == event_id].iloc[0].to_dict()
    data, language = page.meta, page.language
    people = {p.id: p for p in data.people}
    with st.container(border=True):
        st.markdown(f"### {escape_markdown(event['title'])}{_in_english(event.get('title_in_english'))}")
        status = _("status: **{status}**").format(status=_(event["status"]))
        st.markdown(
            f"**{escape_markdown(event['date_label'])}** · {escape_markdown(event['category_label'])} · {status}"
        )
        st.html(copy_button(view_link({"event": event_id}, language)))
        st.markdown(escape_markdown(event["summary"]) + _in_english(event.get("summary_in_english")))
        if event["people"]:
            st.markdown(
                f"**{_('People')}**\n\n"
                + "\n".join(
                    f"- **{escape_markdown(people[p].name)}**, {escape_markdown(people[p].role)}"
                    for p in event["people"]
                )
            )
        if not pd.isna(event["released"]):
            destinations = ", ".join(
                f"{escape_markdown(country_name(k, language))}: {number_text(v)}"
                for k, v in event["released_to"].items()
            )
            freed = _("**People freed:** {count}").format(count=number_text(int(event["released"])))
            st.markdown(freed + (f" ({destinations})" if destinations else ""))
        lines = []
        for source_id in event["sources"]:
            source = data.sources[source_id]
            link = markdown_link(f"{source.publisher}: {source.title}", source.url)
            archive = markdown_link(archive_label(source), source.archive)
            lines.append(f"- {link}, {escape_markdown(fuzzy_date_text(source.published, language))} · {archive}")
        st.markdown(f"**{_('Sources')}**\n\n" + "\n".join(lines))
        note = optional_text(event["note"])
        if note:
            st.markdown(_("**Note:** {note}").format(note=escape_markdown(note)) + _in_english(language != "en"))
        if data.site_url:  # the event's permanent page in the static edition, for citing
            st.markdown(
                markdown_link(_("Permanent page of this event"), f"{data.site_url.rstrip('/')}/events/{event_id}/")
            )
        render_citation(page, "event", event_id, str(event["title"]), parse_fuzzy_date(event["date"]))
        render_entry_history(page, "events", event_id)
