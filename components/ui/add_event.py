"""The 'Add an event' dialog: a form checked as one types, a preview, and a safe save (UI layer)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ..data.model import RELEASE_KINDS, SHORT_LENGTH, STATUSES
from ..edit.attempts import PASSWORD_ATTEMPTS, too_many_message
from ..edit.drafts import (
    PRECISIONS,
    REQUIRED,
    Draft,
    EventForm,
    blank_values,
    check_draft,
    draft_from_values,
    draft_yaml,
    event_prefill,
    extra_fields,
    prefilled_values,
    translation_label,
)
from ..edit.permissions import Permission, decide_permission
from ..edit.saving import save_entries
from ..i18n import N_, TRANSLATED_LANGUAGES, _, pgettext, use_language
from ..view.draw.timeline_figures import preview_figure
from ..view.shape.frames import frame_records
from .page_data import PageData, data_file, load_page_data
from .state import (
    DIALOG_DUPLICATE,
    DIALOG_OPEN,
    DIALOG_RESET_PENDING,
    DRAFT_ATTEMPTED,
    DRAFT_DAY,
    DRAFT_PASSWORD,
    DRAFT_PREFIX,
    DRAFT_PREVIEW,
    DRAFT_SAVE,
    EVENT,
    SAVED_NOTICE,
)

REQUIRED_MARK = " *"  # after the label of a field the file must have (the date always has a value)
# What the reader sees for the form's choices; the widgets keep the values themselves.
PRECISION_LABELS = {"day": N_("Day"), "month": N_("Month"), "year": N_("Year only")}


def _key(name: str) -> str:
    return DRAFT_PREFIX + name


def _values() -> EventForm:
    """The form's current values, read from its widgets' state."""
    return EventForm.from_widgets(lambda name, default: st.session_state.get(_key(name), default), dt.date.today())


def reset_draft(prefill: Mapping[str, Any] | None = None, day: dt.date | None = None) -> None:
    """Start the form empty, dated `day` (the data's as_of: a new entry is most likely about what the data is current
    to, and a later date would be past it), or from an existing event's values ('Duplicate as new')."""
    day = day or min(dt.date.today(), st.session_state.get(DRAFT_DAY, dt.date.today()))
    values = prefilled_values(prefill, day) if prefill else blank_values(day)
    for name, value in values.widget_values().items():
        st.session_state[_key(name)] = value
    st.session_state[DRAFT_ATTEMPTED] = False
    st.session_state[DRAFT_PASSWORD] = ""


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
        if message == _(REQUIRED) and not attempted:
            continue  # an empty required field is only flagged once the reader tries to save
        st.error(message, icon=":material/error:")


def _date_fields(problems: dict[str, list[str]], attempted: bool) -> None:
    k = _key
    st.radio(
        _("Date precision"),
        PRECISIONS,
        key=k("precision"),
        horizontal=True,
        format_func=lambda v: _(PRECISION_LABELS[v]),
    )
    year, month, day = st.columns(3)
    year.number_input(_("Year"), min_value=1900, max_value=2100, step=1, key=k("year"))
    if st.session_state.get(k("precision")) in ("month", "day"):
        month.number_input(_("Month"), min_value=1, max_value=12, step=1, key=k("month"))
    if st.session_state.get(k("precision")) == "day":
        day.number_input(_("Day"), min_value=1, max_value=31, step=1, key=k("day"))
    _show(problems, "event.date", attempted)
    st.text_input(_("End (optional, for events that last)"), key=k("end"), placeholder=_("YYYY, YYYY-MM or YYYY-MM-DD"))
    _show(problems, "event.end", attempted)


def _translation_fields(problems: dict[str, list[str]], attempted: bool) -> None:
    with st.expander(_("Title and summary in Belarusian, Russian, Ukrainian (optional)")):
        st.caption(
            _("Each faithful to the English and its sources; readers of a language without one see the English.")
        )
        for code in TRANSLATED_LANGUAGES:
            st.text_input(translation_label(_("Title"), code), key=_key(f"title_{code}"))
            st.text_input(
                translation_label(_("Short label (optional)"), code), key=_key(f"short_{code}"), max_chars=SHORT_LENGTH
            )
            st.text_area(translation_label(_("Summary"), code), key=_key(f"summary_{code}"), height=80)
    for name in ("title_i18n", "short_i18n", "summary_i18n"):
        _show(problems, f"event.{name}", attempted)


def _new_person_fields(problems: dict[str, list[str]], attempted: bool) -> None:
    if st.checkbox(_("Add a new person"), key=_key("new_person")):
        st.text_input(_("Name"), key=_key("person_name"))
        _show(problems, "person.name", attempted)
        names = st.columns(len(TRANSLATED_LANGUAGES))
        for column, code in zip(names, TRANSLATED_LANGUAGES, strict=True):
            column.text_input(translation_label(_("Name"), code), key=_key(f"person_name_{code}"))
        _show(problems, "person.name_i18n", attempted)
        st.text_input(_("Other spellings, Latin and Cyrillic (comma-separated)"), key=_key("person_aliases"))
        st.text_input(_("Role"), key=_key("person_role"))
        _show(problems, "person.role", attempted)


def _new_source_fields(problems: dict[str, list[str]], attempted: bool) -> None:
    if st.checkbox(_("Add a new source"), key=_key("new_source")):
        for name, label in (
            ("source_title", _("Source title (the publication's headline)")),
            ("source_publisher", _("Publisher")),
            ("source_url", _("URL (https://…)")),
            ("source_published", _("Published (YYYY, YYYY-MM or YYYY-MM-DD)")),
        ):
            st.text_input(label, key=_key(name))
            _show(problems, "source." + name.removeprefix("source_"), attempted)


def _release_fields(problems: dict[str, list[str]], attempted: bool) -> None:
    """How many were freed, where they went, the day they were freed and how."""
    k = _key
    freed, destinations = st.columns(2)
    freed.text_input(_("People freed (optional)"), key=k("released"))
    destinations.text_area(_("Where they went (one 'Destination: number' per line)"), key=k("released_to"), height=80)
    _show(problems, "event.released", attempted)
    _show(problems, "event.released_to", attempted)
    st.text_input(
        _("Day they were freed, if not the event's date (optional)"), key=k("freed_on"),
        placeholder=_("YYYY, YYYY-MM or YYYY-MM-DD"),
    )  # fmt: skip
    _show(problems, "event.freed_on", attempted)
    st.multiselect(
        _("How they were freed"), list(RELEASE_KINDS), key=k("release_kind"),
        format_func=_,
        help=_(
            "pardon · deportation (freed and taken abroad) · sentence-served · exchange · other; several may apply"
        ),
    )  # fmt: skip
    _show(problems, "event.release_kind", attempted)


def _form(page: PageData, problems: dict[str, list[str]]) -> None:
    attempted = bool(st.session_state.get(DRAFT_ATTEMPTED))
    k = _key
    _date_fields(problems, attempted)
    st.text_input(_("Title") + REQUIRED_MARK, key=k("title"))
    _show(problems, "event.title", attempted)
    st.text_input(
        _("Short label (optional)"), key=k("short"), max_chars=SHORT_LENGTH,
        help=_("Printed on the chart for key events, e.g. 'Embassy suspended'; without it the title is shortened."),
    )  # fmt: skip
    _show(problems, "event.short", attempted)
    labels = dict(zip(page.categories["id"], page.categories["label"], strict=True))
    st.selectbox(
        _("Category") + REQUIRED_MARK, list(labels), key=k("category"), format_func=lambda v: labels[v], index=None
    )
    _show(problems, "event.category", attempted)
    st.multiselect(
        _("Also in categories (optional)"), list(labels), key=k("also"), format_func=lambda v: labels[v],
        help=_("Other categories whose filter should find this event; it is drawn in its own category's lane."),
    )  # fmt: skip
    _show(problems, "event.also", attempted)
    st.text_area(_("Summary") + REQUIRED_MARK, key=k("summary"), help=_("One to three factual sentences."))
    _show(problems, "event.summary", attempted)
    _translation_fields(problems, attempted)
    names = dict(zip(page.people["id"], page.people["name"], strict=True))
    st.multiselect(_("People"), list(names), key=k("people"), format_func=lambda v: names[v])
    _show(problems, "event.people", attempted)
    _new_person_fields(problems, attempted)
    titles = {sid: f"{s.publisher}: {s.title}" for sid, s in page.meta.sources.items()}
    st.multiselect(_("Sources") + REQUIRED_MARK, list(titles), key=k("sources"), format_func=lambda v: titles[v])
    _show(problems, "event.sources", attempted)
    _new_source_fields(problems, attempted)
    st.selectbox(
        pgettext("event status", "Status"), STATUSES, key=k("status"), format_func=_
    )  # the values are their own messages
    _release_fields(problems, attempted)
    st.text_input(_("Tags (comma-separated; 'milestone' for key events)"), key=k("tags"))
    st.text_area(_("Note (where sources disagree)"), key=k("note"), height=80)
    st.multiselect(
        _("Sources of other values the note mentions (optional)"), list(titles), key=k("other_sources"),
        format_func=lambda v: titles[v],
    )  # fmt: skip
    _show(problems, "event.other_sources", attempted)
    places = {p.id: f"{p.name} ({p.town})" for p in page.meta.places}
    st.multiselect(_("Places (optional)"), list(places), key=k("places"), format_func=lambda v: places[v])
    _show(problems, "event.places", attempted)
    _extra_fields(problems, attempted)


def _extra_fields(problems: dict[str, list[str]], attempted: bool) -> None:
    # A field of the model the form has no widget of its own for: typed as text, judged by the model as in the file.
    for spec in extra_fields():
        st.text_input(spec.name, key=_key(f"extra_{spec.name}"), help=spec.description)
        _show(problems, f"event.{spec.name}", attempted)


def _mark_attempted() -> None:
    # Runs before the form is drawn, so the empty required fields are flagged in the same run.
    st.session_state[DRAFT_ATTEMPTED] = True


def open_dialog(duplicate_of: str | None = None, day: dt.date | None = None) -> None:
    """Button callback: open the form (kept open across reruns until saved or dismissed), dated `day` when new."""
    if day is not None:
        st.session_state[DRAFT_DAY] = day
    if duplicate_of is not None:
        st.session_state[DIALOG_DUPLICATE] = duplicate_of  # filled from the full data when the form opens
    elif _key("title") not in st.session_state or st.session_state.get(DIALOG_RESET_PENDING):
        reset_draft()
    st.session_state[DIALOG_RESET_PENDING] = False
    st.session_state[DIALOG_OPEN] = True


def close_dialog() -> None:
    """The reader closed the form; the draft is kept for next time."""
    st.session_state[DIALOG_OPEN] = False


def dialog_is_open() -> bool:
    return bool(st.session_state.get(DIALOG_OPEN))


def render_add_event(page: PageData) -> None:
    """The sidebar's 'Add an event' button, and the dialog while it is open."""
    st.sidebar.button(
        _("Add an event"), icon=":material/add:", use_container_width=True, on_click=open_dialog,
        kwargs={"day": page.meta.as_of.end},
    )  # fmt: skip
    notice = st.session_state.pop(SAVED_NOTICE, None)
    if notice:  # the last save: where it went, the backup, how to undo it
        st.success(notice, icon=":material/check_circle:")
    if dialog_is_open():
        add_event_dialog(page, data_file())


def _problems(draft_problems: dict[str, list[str]], form_problems: dict[str, list[str]]) -> dict[str, list[str]]:
    problems = {field: list(messages) for field, messages in draft_problems.items()}
    for field, messages in form_problems.items():
        problems.setdefault(field, []).extend(messages)
    return problems


def _password_keys() -> list[str]:
    """Who is guessing, as far as Streamlit tells: this session, and the client's address when known."""
    context = get_script_run_ctx()
    keys = [f"session:{context.session_id}"] if context else []
    address = st.context.ip_address  # None on localhost
    return [*keys, f"address:{address}"] if address else keys


def _on_password() -> None:
    # Runs once for each new password typed, before the page: the only place a guess is counted.
    given = st.session_state.get(DRAFT_PASSWORD) or None
    keys = _password_keys()
    if given is None:
        return
    if PASSWORD_ATTEMPTS.wait(keys) > 0:
        st.session_state[DRAFT_PASSWORD] = ""  # a guess typed during a back-off is dropped, never tried later
    elif current_permission(given).allowed:
        PASSWORD_ATTEMPTS.succeeded(keys)
    else:
        PASSWORD_ATTEMPTS.failed(keys)


def _permission() -> Permission:
    """Who may save, asking for the editor password or a sign-in where the server offers them."""
    permission = current_permission()
    if not permission.allowed and permission.can_enter_password:
        password = st.text_input(_("Editor password"), type="password", key=DRAFT_PASSWORD, on_change=_on_password)
        wait = PASSWORD_ATTEMPTS.wait(_password_keys())
        if wait > 0:  # even the right password waits until the back-off has passed
            permission = replace(permission, reason=too_many_message(wait))
        elif password:
            permission = current_permission(password)
    if permission.can_log_in and not permission.allowed:
        st.button(_("Sign in as an editor"), on_click=st.login)
    st.caption(permission.reason)
    return permission


def _save(path: Path, draft: Draft, problems: dict[str, list[str]]) -> None:
    if problems:
        st.error(_("Fix the problems marked above; nothing was saved."))
        return
    result = save_entries(
        path,
        events=[draft.event],
        people=[draft.person] if draft.person else [],
        sources={draft.source_id: draft.source} if draft.source and draft.source_id else {},
    )
    if result.saved:
        st.session_state[DIALOG_RESET_PENDING] = True  # widgets exist in this run; reset on next opening
        saved = _("Saved “{title}” to {path}.").format(title=draft.event["title"], path=path)
        if result.backup is not None:
            saved += " " + _(
                "The file as it was is kept at {backup}; to undo, copy it back over {path} (or delete the entry)."
            ).format(backup=result.backup, path=path)
        st.session_state[SAVED_NOTICE] = saved
        close_dialog()
        st.session_state[EVENT] = draft.event["id"]
        st.rerun()
    st.error(_("Nothing was saved:"))
    st.code("\n".join(result.problems), language=None, wrap_lines=True)


def _offer_yaml(page: PageData, draft: Draft, problems: dict[str, list[str]]) -> None:
    """Where the server does not save: the entry as YAML to copy or download once it passes the checks `check`
    makes (never an entry `check` would refuse), and the repository's link."""
    if problems:
        st.warning(_("The entry is offered to copy once it passes the same checks as the data file; still to fix:"))
        st.markdown("\n".join(f"- {field.split('.', 1)[-1]}: {message}" for field, messages in problems.items()
                              for message in messages))  # fmt: skip
        return
    yaml_text = draft_yaml(draft)
    st.markdown(_("**The entry**, to copy or download and add to `events.yaml`:"))
    st.code(yaml_text, language="yaml")
    st.download_button(_("Download entry (YAML)"), yaml_text, "new-event.yaml", "application/yaml")
    if page.meta.repository_url:
        st.link_button(_("Edit events.yaml in its repository"), page.meta.repository_url)


def _saving_status() -> None:
    """At the top, in plain words: whether Save will write to the data file on this server."""
    if current_permission().allowed:
        st.info(_("Saving is on: **Save** adds the entry to the data file and keeps a copy of the file as it was."))
    else:
        st.info(
            _(
                "This server does not save entries. Fill in the form and you get the entry to copy into the data "
                "file (or, if you are an editor, sign in or enter the editor password at the bottom)."
            )
        )
    st.caption(_("* required"))


def _warn_duplicate(english: PageData, draft: Draft) -> None:
    """An event of the same date citing one of the same sources is most likely the same event."""
    date, sources = str(draft.event.get("date", "")), set(draft.event.get("sources", []))
    if not date or not sources:
        return
    same = english.events[
        (english.events["date"] == date) & english.events["sources"].map(sources.intersection).astype(bool)
    ]
    for title in same["title"]:
        st.warning(
            _("Already in the data with this date and source: “{title}”. Is it the same event?").format(title=title)
        )


def add_event_dialog(page: PageData, path: Path) -> None:
    """The form in a dialog titled in the reader's language (a decorator's title would be fixed at import)."""
    dialog = st.dialog(_("Add an event"), width="large", on_dismiss=close_dialog)(_dialog_form)
    dialog(page, path, page.language)


def _dialog_form(page: PageData, path: Path, language: str) -> None:
    """The form; it runs as a fragment, so typing in it does not redraw the charts."""
    # A rerun of the fragment alone starts a new script thread, whose language would be the default one.
    use_language(language)
    if load_page_data(path).problems:  # the file as it is now (the page may show its last valid version)
        st.error(_("The data file has problems (listed on the page); fix them before adding an event."))
        return
    _saving_status()
    english = page.in_english  # the data's own values: a copy and a check in the file's language
    data, event_ids = english.meta, set(english.events["id"])
    duplicate_of = st.session_state.pop(DIALOG_DUPLICATE, None)
    if duplicate_of in event_ids:
        reset_draft(event_prefill(frame_records(english.events[english.events["id"] == duplicate_of])[0]))
    draft, form_problems = draft_from_values(_values(), data, event_ids)
    checked = check_draft(data, draft, event_ids)
    problems = _problems(checked.problems, form_problems)
    _form(page, problems)
    _warn_duplicate(english, draft)
    if checked.dataset is not None and not problems:
        st.markdown(_("**Preview** (the new event, ringed, among the events of the year around it)"))
        st.plotly_chart(
            preview_figure(page.events, page.categories, checked.dataset, draft.event["id"], language=page.language),
            key=DRAFT_PREVIEW,
        )
    if not _permission().allowed:
        _offer_yaml(page, draft, problems)
    elif st.button(_("Save"), type="primary", key=DRAFT_SAVE, on_click=_mark_attempted):
        _save(path, draft, problems)
