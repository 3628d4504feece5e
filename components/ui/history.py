"""An entry's history in the app: when it was added and changed, field by field, from the data file's git history
(read once per version of the file, and only when a reader asks for it) (UI layer)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..data.fuzzy_dates import parse_fuzzy_date
from ..data.history import EntryChange, data_history, entry_histories, version_link
from ..i18n import _
from ..view.draw.style import fuzzy_date_text
from ..view.words.text import escape_markdown, markdown_link
from .page_data import PageData, data_file
from .shared import shared
from .state import HISTORY_SHOWN


@shared(4)
def _histories(path: str, data_hash: str) -> dict[tuple[str, str], list[EntryChange]] | None:
    """Every entry's changes, read from git once per version of the file; None outside a git checkout."""
    del data_hash  # the key: a saved file reads its history anew
    history = data_history(Path(path))
    return None if history is None else entry_histories(history)


def _line(page: PageData, item: EntryChange) -> str:
    when = fuzzy_date_text(parse_fuzzy_date(item.commit.date[:10]), page.language)
    kind = {"added": _("added"), "removed": _("removed")}.get(item.change.kind, _("changed"))
    link = version_link(page.meta.repository_url, item.commit.sha, item.commit.path)
    version = markdown_link(_("this version"), link) if link else _("commit {sha}").format(sha=item.commit.sha[:12])
    fields = [
        f"  - `{field}`: " + " → ".join(f"~~{escape_markdown(b)}~~" if i == 0 else escape_markdown(b)
                                        for i, b in enumerate((before, after)) if b)
        for field, before, after in item.change.values
    ]  # fmt: skip
    return "\n".join([f"- **{when}**: {kind} ({version})", *fields])


def render_entry_history(page: PageData, section: str, key: str) -> None:
    """A switch that shows the entry's history: each change, newest first, or why there is none."""
    if not st.toggle(_("History of this entry"), key=HISTORY_SHOWN):
        return
    histories = _histories(str(data_file()), page.data_hash)
    if histories is None:
        st.caption(
            _("This copy of the data has no git history, so when this entry was added and changed is not known here.")
        )
        return
    changes = histories.get((section, key), [])
    if not changes:
        st.caption(
            _("The data file's history does not name this entry (it was added before the history kept here begins).")
        )
        return
    st.markdown("\n".join(_line(page, item) for item in changes))
