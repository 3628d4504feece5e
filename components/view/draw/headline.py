"""The headline figures above the charts, as readers see them: the count held, people freed, deaths, events shown."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...i18n import _, number_text, speaks
from ..shape.filters import Shown
from ..shape.frames import Frames, count_label
from ..shape.view_state import view_link
from .html import copy_button, macro
from .style import archive_label, fuzzy_date_text


@dataclass(frozen=True)
class Headline:
    """Each figure's value and help; `count_line` cites the count (HTML), None when no count is in view."""

    held: str
    held_help: str
    count_line: str | None
    freed: str
    died: str
    shown: str


@speaks
def headline(frames: Frames, shown: Shown, *, language: str) -> Headline:
    """The headline of the view: the latest count in the dates shown, with when and from whom; the people freed in
    the releases shown; the deaths in custody; how many events are shown."""
    held, held_help, count_line = "—", _("No count in the dates shown"), None
    if len(shown.counts):
        latest = shown.counts.iloc[-1]
        held_help = _("Viasna's count, {date}").format(date=latest["date_label"])
        before = frames.events.loc[frames.events["id"] == latest["before"], "chart_label"]
        if len(before):  # counted before a release of the same day: not the figure after it
            held_help = _("Viasna's count, {date}, taken before: {event}").format(
                date=latest["date_label"], event=before.iloc[0]
            )
        source = frames.meta.sources.get(str(latest["source"]))
        if source:  # who reported it, so that the figure can be cited from the page
            held_help += " " + _("(reported by {publisher}, {date})").format(
                publisher=source.publisher, date=fuzzy_date_text(source.published, language)
            )
        held = count_label(latest)
        cited = (
            {"publisher": source.publisher, "url": source.url, "date": fuzzy_date_text(source.published, language),
             "archive": source.archive, "archive_label": archive_label(source)}
            if source else None
        )  # fmt: skip
        button = Markup(copy_button(view_link({"tab": "prisoners"}, language)))  # the chart of every count
        count_line = str(macro("html.html", "count_cited")(_("{count} · source: {source}"), held_help, cited, button))
    freed = int(shown.events["released"].sum()) if len(shown.events) else 0
    return Headline(
        held=held,
        held_help=held_help,
        count_line=count_line,
        freed=number_text(freed),
        died=number_text(int(frames.people["died"].sum())),
        shown=_("{shown} of {total}").format(
            shown=number_text(len(shown.events)), total=number_text(len(frames.events))
        ),
    )
