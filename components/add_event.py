"""The 'Add an event' dialog: a form checked as one types, a preview, and a safe save (UI layer)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .drafts import (
    Draft,
    DraftCheck,
    check_draft,
    compose_date,
    event_prefill,
    parse_destinations,
    parse_list,
    slugify,
    unique_id,
)
from .figures import timeline_figure
from .frames import events_frame
from .model import STATUSES, Dataset
from .page_data import PageData, full_dataset
from .permissions import Permission, decide_permission
from .saving import save_entries
from .sidebar import EVENT
from .yaml_writer import entry_yaml, source_yaml

PREFIX = "draft_"
PRECISIONS = ("day", "month", "year")
_DEFAULTS: dict[str, Any] = {
    "precision": "day",
    "year": dt.date.today().year,
    "month": dt.date.today().month,
    "day": dt.date.today().day,
    "end": "",
    "title": "",
    "category": None,
    "summary": "",
    "people": [],
    "new_person": False,
    "person_name": "",
    "person_aliases": "",
    "person_role": "",
    "sources": [],
    "new_source": False,
    "source_title": "",
    "source_publisher": "",
    "source_url": "",
    "source_published": "",
    "status": "confirmed",
    "released": "",
    "released_to": "",
    "tags": "",
    "note": "",
    "attempted": False,
    "password": "",
}


def _key(name: str) -> str:
    return PREFIX + name


def _value(name: str) -> Any:
    return st.session_state.get(_key(name), _DEFAULTS[name])


def reset_draft(prefill: Mapping[str, Any] | None = None) -> None:
    """Start the form empty, or from an existing event's values ('Duplicate as new')."""
    for name, default in _DEFAULTS.items():
        st.session_state[_key(name)] = default
    if not prefill:
        return
    date = str(prefill.get("date", ""))
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    st.session_state[_key("precision")] = PRECISIONS[3 - len(parts)] if parts else "day"
    for name, part in zip(("year", "month", "day"), parts, strict=False):
        st.session_state[_key(name)] = part
    for name in ("title", "category", "summary", "status", "note"):
        if prefill.get(name) is not None:
            st.session_state[_key(name)] = prefill[name]
    st.session_state[_key("end")] = str(prefill.get("end") or "")
    st.session_state[_key("people")] = list(prefill.get("people", []))
    st.session_state[_key("sources")] = list(prefill.get("sources", []))
    st.session_state[_key("released")] = "" if prefill.get("released") is None else str(prefill["released"])
    released_to = prefill.get("released_to") or {}
    st.session_state[_key("released_to")] = "\n".join(f"{k}: {v}" for k, v in released_to.items())
    st.session_state[_key("tags")] = ", ".join(prefill.get("tags", []))


def build_draft(page: PageData) -> tuple[Draft, dict[str, list[str]]]:
    """The draft the form's current values describe, and problems found while reading the form itself."""
    data = page.meta
    form_problems: dict[str, list[str]] = {}
    precision = _value("precision")
    date = compose_date(precision, _value("year"), _value("month"), _value("day"))
    title = str(_value("title")).strip()
    event_id = unique_id(f"{slugify(title, 'event')}-{date}", set(page.events["id"]))
    person: dict[str, Any] | None = None
    people = list(_value("people"))
    if _value("new_person"):
        name = str(_value("person_name")).strip()
        person_id = unique_id(slugify(name, "person"), {p.id for p in data.people})
        person = {
            "id": person_id,
            "name": name,
            "aliases": parse_list(_value("person_aliases")),
            "role": str(_value("person_role")).strip(),
        }
        people.append(person_id)
    source_id = source = None
    sources = list(_value("sources"))
    if _value("new_source"):
        published = str(_value("source_published")).strip()
        source_id = unique_id(f"{slugify(str(_value('source_publisher')), 'source')}-{published}", set(data.sources))
        source = {
            "title": str(_value("source_title")).strip(),
            "publisher": str(_value("source_publisher")).strip(),
            "url": str(_value("source_url")).strip(),
            "published": published,
        }
        sources.append(source_id)
    released_to, destination_problems = parse_destinations(str(_value("released_to")))
    if destination_problems:
        form_problems["event.released_to"] = destination_problems
    event: dict[str, Any] = {
        "id": event_id,
        "date": date,
        "end": str(_value("end")).strip() or None,
        "title": title,
        "category": _value("category"),
        "summary": str(_value("summary")).strip(),
        "sources": sources,
        "people": people,
        "released": str(_value("released")).strip() or None,
        "released_to": released_to,
        "status": _value("status"),
        "tags": [slugify(t) for t in parse_list(str(_value("tags")))],
        "note": str(_value("note")).strip() or None,
    }
    event = {k: v for k, v in event.items() if v not in (None, [], {}, "")}
    return Draft(event, person, source_id, source), form_problems


def current_permission(data_password: str | None = None) -> Permission:
    """Read the server's settings (never the link or the session) and decide."""
    try:
        editors = list(st.secrets.get("editors", []))
        password = st.secrets.get("editor_password")
    except Exception:  # noqa: BLE001 - no secrets file is the normal local case
        editors, password = [], None
    email = None
    try:
        if st.user.is_logged_in:
            email = str(st.user.get("email") or "") or None
    except Exception:  # noqa: BLE001 - authentication not configured
        email = None
    return decide_permission(
        allow_edits=os.environ.get("ALLOW_EDITS"),
        editors=editors,
        user_email=email,
        editor_password=str(password) if password else None,
        password_given=data_password,
    )


def _show(problems: dict[str, list[str]], field: str, attempted: bool) -> None:
    for message in problems.get(field, []):
        if message == "required" and not attempted:
            continue  # an empty required field is only flagged once the reader tries to save
        st.error(message, icon=":material/error:")


def _form(page: PageData, problems: dict[str, list[str]]) -> None:
    data = page.meta
    attempted = bool(_value("attempted"))
    k = _key
    st.radio(
        "Date precision",
        PRECISIONS,
        key=k("precision"),
        horizontal=True,
        format_func={"day": "Day", "month": "Month", "year": "Year only"}.get,
    )
    year, month, day = st.columns(3)
    year.number_input("Year", min_value=1900, max_value=2100, step=1, key=k("year"))
    if _value("precision") in ("month", "day"):
        month.number_input("Month", min_value=1, max_value=12, step=1, key=k("month"))
    if _value("precision") == "day":
        day.number_input("Day", min_value=1, max_value=31, step=1, key=k("day"))
    _show(problems, "event.date", attempted)
    st.text_input("End (optional, for events that last)", key=k("end"), placeholder="YYYY, YYYY-MM or YYYY-MM-DD")
    _show(problems, "event.end", attempted)
    st.text_input("Title", key=k("title"))
    _show(problems, "event.title", attempted)
    labels = dict(zip(page.categories["id"], page.categories["label"], strict=True))
    st.selectbox("Category", list(labels), key=k("category"), format_func=lambda v: labels[v], index=None)
    _show(problems, "event.category", attempted)
    st.text_area("Summary", key=k("summary"), help="One to three factual sentences.")
    _show(problems, "event.summary", attempted)
    names = dict(zip(page.people["id"], page.people["name"], strict=True))
    st.multiselect("People", list(names), key=k("people"), format_func=lambda v: names[v])
    _show(problems, "event.people", attempted)
    if st.checkbox("Add a new person", key=k("new_person")):
        st.text_input("Name", key=k("person_name"))
        _show(problems, "person.name", attempted)
        st.text_input("Other spellings, Latin and Cyrillic (comma-separated)", key=k("person_aliases"))
        st.text_input("Role", key=k("person_role"))
        _show(problems, "person.role", attempted)
    titles = {sid: f"{s.publisher}: {s.title}" for sid, s in data.sources.items()}
    st.multiselect("Sources", list(titles), key=k("sources"), format_func=lambda v: titles[v])
    _show(problems, "event.sources", attempted)
    if st.checkbox("Add a new source", key=k("new_source")):
        st.text_input("Source title (the publication's headline)", key=k("source_title"))
        _show(problems, "source.title", attempted)
        st.text_input("Publisher", key=k("source_publisher"))
        _show(problems, "source.publisher", attempted)
        st.text_input("URL (https://…)", key=k("source_url"))
        _show(problems, "source.url", attempted)
        st.text_input("Published (YYYY, YYYY-MM or YYYY-MM-DD)", key=k("source_published"))
        _show(problems, "source.published", attempted)
    st.selectbox("Status", STATUSES, key=k("status"))
    freed, destinations = st.columns(2)
    freed.text_input("People freed (optional)", key=k("released"))
    destinations.text_area("Where they went (one 'Destination: number' per line)", key=k("released_to"), height=80)
    _show(problems, "event.released", attempted)
    _show(problems, "event.released_to", attempted)
    st.text_input("Tags (comma-separated; 'milestone' for key events)", key=k("tags"))
    st.text_area("Note (where sources disagree)", key=k("note"), height=80)


def preview_figure(page: PageData, dataset: Dataset, event_id: str) -> go.Figure:
    """The timeline of the year around the new event, with it ringed; cheap whatever the file's size."""
    new = events_frame(dataset.model_copy(update={"events": [e for e in dataset.events if e.id == event_id]}))
    year = pd.Timedelta(days=365)
    near = page.events[
        (page.events["end"] >= new["start"].iloc[0] - year) & (page.events["start"] <= new["end"].iloc[0] + year)
    ]
    return timeline_figure(pd.concat([near, new], ignore_index=True), page.categories, selected=event_id)


def _mark_attempted() -> None:
    # Runs before the form is drawn, so the empty required fields are flagged in the same run.
    st.session_state[_key("attempted")] = True


def draft_yaml(draft: Draft) -> str:
    """The entries as YAML to paste into events.yaml by hand."""
    text = "events:\n" + entry_yaml(draft.event, 2)
    if draft.person:
        text += "\npeople:\n" + entry_yaml(draft.person, 2)
    if draft.source and draft.source_id:
        text += "\nsources:\n" + source_yaml(draft.source_id, draft.source, 2)
    return text


OPEN = "add_event_open"
RESET_PENDING = "add_event_reset"
DUPLICATE = "add_event_duplicate"


def open_dialog(duplicate_of: str | None = None) -> None:
    """Button callback: open the form (kept open across reruns until saved or dismissed)."""
    if duplicate_of is not None:
        st.session_state[DUPLICATE] = duplicate_of  # filled from the full data when the form opens
    elif _key("title") not in st.session_state or st.session_state.get(RESET_PENDING):
        reset_draft()
    st.session_state[RESET_PENDING] = False
    st.session_state[OPEN] = True


def close_dialog() -> None:
    """The reader closed the form; the draft is kept for next time."""
    st.session_state[OPEN] = False


def dialog_is_open() -> bool:
    return bool(st.session_state.get(OPEN))


@st.dialog("Add an event", width="large", on_dismiss=close_dialog)
def add_event_dialog(page: PageData, path: Path) -> None:
    """The form; it runs as a fragment, so typing in it does not redraw the charts."""
    data = full_dataset(path)
    if data is None:
        st.error("The data file has problems (listed on the page); fix them before adding an event.")
        return
    duplicate_of = st.session_state.pop(DUPLICATE, None)
    if duplicate_of in {e.id for e in data.events}:
        reset_draft(event_prefill(data, duplicate_of))
    draft, form_problems = build_draft(page)
    checked: DraftCheck = check_draft(data, draft)
    problems = {**checked.problems}
    for field, messages in form_problems.items():
        problems.setdefault(field, []).extend(messages)
    _form(page, problems)
    if checked.dataset is not None and not problems:
        st.markdown("**Preview** (the new event, ringed, among the events of the year around it)")
        st.plotly_chart(preview_figure(page, checked.dataset, draft.event["id"]), key="draft_preview")
    password = None
    permission = current_permission()
    if not permission.allowed and permission.can_enter_password:
        password = st.text_input("Editor password", type="password", key=_key("password")) or None
        permission = current_permission(password)
    if permission.can_log_in and not permission.allowed:
        st.button("Sign in as an editor", on_click=st.login)
    st.caption(permission.reason)
    if permission.allowed:
        if st.button("Save", type="primary", key="draft_save", on_click=_mark_attempted):
            if problems:
                st.error("Fix the problems marked above; nothing was saved.")
                return
            result = save_entries(
                path,
                events=[draft.event],
                people=[draft.person] if draft.person else [],
                sources={draft.source_id: draft.source} if draft.source and draft.source_id else {},
            )
            if result.saved:
                st.session_state[RESET_PENDING] = True  # widgets exist in this run; reset on next opening
                close_dialog()
                st.session_state[EVENT] = draft.event["id"]
                st.rerun()
            st.error("Nothing was saved:")
            st.code("\n".join(result.problems), language=None, wrap_lines=True)
        return
    yaml_text = draft_yaml(draft)
    st.markdown("**This server does not save.** Copy or download the entry and add it to `events.yaml`:")
    st.code(yaml_text, language="yaml")
    st.download_button("Download entry (YAML)", yaml_text, "new-event.yaml", "application/yaml")
    if page.meta.repository_url:
        st.link_button("Edit events.yaml in its repository", page.meta.repository_url)
