"""How to cite one entry (an event or a person) or the whole dataset: a sentence in the reader's language, BibTeX,
RIS and CSL-JSON, each naming the dataset's version and a link that opens that entry.

Every format is written so that a title cannot break out of its field: BibTeX's special characters are escaped, RIS
and BibTeX values are kept on one line, and CSL-JSON is written by the JSON encoder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ...data.fuzzy_dates import FuzzyDate
from ...data.model import DatasetInfo
from ...i18n import DEFAULT_LANGUAGE, _, speaks
from ..words.locale import date_label

BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_SPECIAL = re.compile("|".join(re.escape(c) for c in BIBTEX_SPECIAL))
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


@dataclass(frozen=True)
class Citation:
    """One entry's citation in each format."""

    sentence: str
    bibtex: str
    ris: str
    csl_json: str


@dataclass(frozen=True)
class Cited:
    """What is cited: an event, a person, or the dataset itself."""

    key: str  # the entry's id ('' for the dataset)
    kind: str  # 'event', 'person' or 'dataset'
    title: str
    link: str  # the permanent address that opens it
    date: FuzzyDate | None = None  # an event's date


def edition_folder(language: str) -> str:
    """Where an edition of the static site lives, from the site's root: '' for English, 'be/' for Belarusian."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def static_page(site_url: str, language: str, event: str | None = None) -> str:
    """The static edition's page for a view of the app: the event's page, or the story (the edition's front page)."""
    page = entry_path("event", event) if event else ""
    return f"{site_url.rstrip('/')}/{edition_folder(language)}{page}"


def entry_path(kind: str, key: str) -> str:
    """An entry's page in the static edition, from the site's root."""
    return f"{'events' if kind == 'event' else 'people'}/{key}/"


def entry_link(info: DatasetInfo, kind: str, key: str, here: str | None = None) -> str:
    """An entry's permanent address: its page in the static edition when `site_url` is set, else where the reader
    found it (`here`: the app's `?event=`/`?person=` link on the address opened, a static page's address), else the
    data's `dashboard_url` with the entry in the link."""
    if info.site_url:
        return f"{info.site_url.rstrip('/')}/{entry_path(kind, key)}"
    if here:
        return here
    return f"{(info.dashboard_url or 'http://localhost:8501').rstrip('/')}/?{kind}={key}"


def _line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()


def _bibtex_text(text: str) -> str:
    return _SPECIAL.sub(lambda match: BIBTEX_SPECIAL[match.group(0)], _line(text))


def _bibtex(cited: Cited, info: DatasetInfo, version: str, accessed: dt.date | None) -> str:
    note = f"{info.title}, version {version}" + (f"; event of {cited.date}" if cited.date else "")
    fields = {
        "title": cited.title,
        "howpublished": cited.link,
        "url": cited.link,
        **({"urldate": accessed.isoformat()} if accessed else {}),
        "version": version,
        "year": str(info.as_of.year),
        "note": note,
    }
    key = re.sub(r"[^a-z0-9-]", "-", f"belarus-timeline-{cited.key}".rstrip("-").lower())
    body = ",\n".join(f"  {name} = {{{_bibtex_text(value)}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


def _ris(cited: Cited, info: DatasetInfo, version: str, accessed: dt.date | None) -> str:
    tags = [("TY", "DATA"), ("TI", cited.title), ("T2", info.title), ("ET", version), ("PY", str(info.as_of.year))]
    if cited.date is not None:  # RIS writes a date as YYYY/MM/DD, leaving out what is not known
        month, day = cited.date.month, cited.date.day
        tags.append(
            ("DA", f"{cited.date.year}/{'' if month is None else f'{month:02d}'}/{'' if day is None else f'{day:02d}'}")
        )
    tags += [("UR", cited.link), *([("Y2", f"{accessed:%Y/%m/%d}")] if accessed else []), ("ER", "")]
    return "".join(f"{tag}  - {_line(value)}".rstrip() + "\r\n" for tag, value in tags)


def _date_parts(date: FuzzyDate | dt.date) -> dict[str, list[list[int]]]:
    if isinstance(date, dt.date):
        return {"date-parts": [[date.year, date.month, date.day]]}
    return {"date-parts": [[part for part in (date.year, date.month, date.day) if part is not None]]}


def _csl(cited: Cited, info: DatasetInfo, version: str, accessed: dt.date | None) -> str:
    item = {
        "id": f"belarus-timeline-{cited.key}" if cited.key else "belarus-timeline",
        "type": "dataset",
        "title": _line(cited.title),
        "version": version,
        "issued": _date_parts(info.as_of),
        "URL": cited.link,
        **({"accessed": _date_parts(accessed)} if accessed else {}),
        **({"container-title": info.title} if cited.kind != "dataset" else {}),
        **({"event-date": _date_parts(cited.date)} if cited.date else {}),
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


@speaks
def citation_formats(
    cited: Cited, info: DatasetInfo, version: str, *, language: str, accessed: dt.date | None = None
) -> Citation:
    """`cited` in every format; the sentence in `language` (the other formats are for reference managers). The date
    of access is the reader's (the app gives today); a static page, built once, gives none."""
    when = (
        ""
        if accessed is None
        else _(" (accessed {date})").format(
            date=date_label(FuzzyDate(accessed.year, accessed.month, accessed.day), language)
        )
    )
    words = {"title": cited.title, "dataset": info.title, "version": version, "link": cited.link, "accessed": when}
    if cited.kind == "event" and cited.date is not None:
        sentence = _("“{title}” ({date}). In: {dataset}, version {version}. {link}{accessed}.").format(
            date=date_label(cited.date, language), **words
        )
    elif cited.kind == "person":
        sentence = _("“{title}”. In: {dataset}, version {version}. {link}{accessed}.").format(**words)
    else:
        sentence = _("{dataset}, version {version}. {link}{accessed}.").format(**words)
    return Citation(
        _line(sentence), _bibtex(cited, info, version, accessed), _ris(cited, info, version, accessed),
        _csl(cited, info, version, accessed),
    )  # fmt: skip
