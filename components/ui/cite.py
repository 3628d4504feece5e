"""'Cite this': an event's or a person's citation in the reader's language and for reference managers (UI layer)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..data.fuzzy_dates import FuzzyDate
from ..i18n import _
from ..view.draw.citations import Cited, citation_formats, entry_link
from ..view.draw.html import copy_button
from ..view.files.export import data_version
from ..view.shape.view_state import view_link
from .page_data import PageData
from .share import share_link


def render_citation(
    page: PageData, kind: str, key: str, title: str, date: FuzzyDate | None = None, *, label: str | None = None
) -> None:
    """A closed 'Cite this' section: the sentence to paste, and BibTeX, RIS and CSL-JSON to import, each copyable."""
    link = entry_link(page.meta, kind, key, share_link({kind: key}))
    version = data_version(page) or str(page.meta.as_of)
    cited = Cited(key, kind, title, link, date)
    formats = citation_formats(cited, page.meta, version, language=page.language, accessed=dt.date.today())
    with st.expander(label or _("Cite this"), icon=":material/format_quote:"):
        st.code(formats.sentence, language=None, wrap_lines=True)
        bibtex, ris, csl = st.tabs(["BibTeX", "RIS", "CSL-JSON"])
        bibtex.code(formats.bibtex, language="latex")
        ris.code(formats.ris, language=None)
        csl.code(formats.csl_json, language="json")


def render_person_citation(page: PageData, person_ids: tuple[str, ...]) -> None:
    """'Cite' a person when the view is filtered to one (a name in the story leads there)."""
    people = {person.id: person for person in page.meta.people}
    if len(person_ids) == 1 and person_ids[0] in people:
        person = people[person_ids[0]]
        st.html(copy_button(view_link({"person": person.id}, page.language)))
        render_citation(page, "person", person.id, person.name, label=_("Cite {name}").format(name=person.name))
