"""The frames in a reader's language: the data's translations where it has them, English (flagged) where not, dates
and country names in the language, one cache entry per language, the English kept for the downloads."""

from __future__ import annotations

from pathlib import Path

from components.data.loader import load_file
from components.data.model import RELEASE_KINDS, STATUSES
from components.data.problems import DataError
from components.i18n import _, language, pgettext
from components.view.draw.prisoner_figures import releases_figure
from components.view.draw.style import FIXED_VALUES
from components.view.draw.tables import releases_table
from components.view.shape.filters import Filters, shown_frames
from components.view.shape.frames import UNSPECIFIED_DESTINATION, UNSPECIFIED_KIND, build_frames
from components.view.shape.translated import country_name, translated_frames
from components.view.words.text import escape_html

from .samples import VALID
from .test_i18n import code_messages

ADDED = {
    "title: Test timeline\n": "title_i18n: {be: Тэставая храналогія}\n",
    "    label: War\n": "    label_i18n: {be: Вайна, ru: Война}\n",
    "    name: Siarhei Tsikhanouski\n": "    name_i18n: {be: Сяргей Ціханоўскі, uk: Сергій Тихановський}\n",
    "    title: An event\n": "    title_i18n: {be: Падзея}\n",
    "    people: [p1]\n": "    released: 3\n    released_to: {Lithuania: 2}\n    release_kind: [pardon]\n",
}
TRANSLATED = VALID
for line, addition in ADDED.items():
    TRANSLATED = TRANSLATED.replace(line, line + addition)


def frames_of(path: Path):
    return build_frames(load_file(path))


def test_english_frames_are_the_data_s_own(write_data) -> None:
    frames = frames_of(write_data(TRANSLATED))
    assert translated_frames(frames, "en") is frames


def test_the_data_s_translations_are_shown_and_english_is_flagged(write_data) -> None:
    frames = frames_of(write_data(TRANSLATED))
    be = translated_frames(frames, "be")
    event = be.events.iloc[0]
    assert event["title"] == "Падзея" and not event["title_in_english"]
    assert event["summary"] == "Something happened." and event["summary_in_english"]
    assert event["category_label"] == "Вайна" and event["people_names"] == "Сяргей Ціханоўскі"
    assert event["list_label"] == "28 лютага 2022 — Падзея"
    assert be.meta.title == "Тэставая храналогія" and be.meta.people[0].name == "Сяргей Ціханоўскі"
    ru = translated_frames(frames, "ru")
    assert ru.meta.title == "Test timeline", "no Russian title: the English one"
    assert ru.events.iloc[0]["title_in_english"] and ru.people.iloc[0]["name"] == "Siarhei Tsikhanouski"


def test_dates_are_written_the_language_s_way_at_their_precision(write_data) -> None:
    frames = frames_of(write_data(TRANSLATED))
    uk = translated_frames(frames, "uk")
    assert uk.events.iloc[0]["date_label"] == "28 лютого 2022"
    assert uk.counts.iloc[0]["date_label"] == "лютий 2022", "a month alone: the nominative"
    assert uk.releases.iloc[0]["date_label"] == "28 лютого 2022"
    assert uk.sources.iloc[0]["published"] == "28 лютого 2022"


def test_destinations_and_kinds_are_named_in_the_language(write_data) -> None:
    # The frames keep the data's own values (colours, order and sentences go by them); the reader sees their names.
    frames = frames_of(write_data(TRANSLATED))
    be = translated_frames(frames, "be")
    assert list(be.releases["destination"]) == ["Lithuania", UNSPECIFIED_DESTINATION]
    with language("be"):
        table = releases_table(be.releases, language="be")
        column = pgettext("country people were sent to", "Destination")
        assert list(table[column]) == ["Літва", country_name(UNSPECIFIED_DESTINATION, "be")]
        assert country_name(UNSPECIFIED_DESTINATION, "be") != UNSPECIFIED_DESTINATION
        assert table[_("How freed")].iloc[0] not in ("pardon", "")
        legend = [trace.name for trace in releases_figure(be.releases, language="be").data if trace.type == "bar"]
        assert legend == ["Літва", escape_html(country_name(UNSPECIFIED_DESTINATION, "be"))]
    assert frames.releases.iloc[0]["destination"] == "Lithuania", "the English frames are untouched"


def test_every_fixed_value_the_page_shows_is_marked_for_the_catalogs() -> None:
    fixed = {*STATUSES, *RELEASE_KINDS, UNSPECIFIED_DESTINATION, UNSPECIFIED_KIND}
    assert set(STATUSES) | set(RELEASE_KINDS) <= set(FIXED_VALUES)
    assert fixed <= {key for _context, key in code_messages()}


def test_each_language_is_its_own_cache_entry_and_keeps_the_english(write_data) -> None:
    frames = frames_of(write_data(TRANSLATED))
    versions = {translated_frames(frames, code).version for code in ("be", "ru", "uk")}
    assert len(versions) == 3 and frames.version not in versions
    assert translated_frames(frames, "be").in_english is frames


def test_search_finds_a_person_by_every_language_s_spelling(write_data) -> None:
    frames = frames_of(write_data(TRANSLATED))
    for query in ("Ціханоўскі", "Тихановський", "Tikhanovsky"):
        for code in ("en", "be", "uk"):
            shown = shown_frames(translated_frames(frames, code), Filters(query=query))
            assert list(shown.events["id"]) == ["e1"], (query, code)


def test_the_chart_label_is_the_data_s_own_then_the_translated_title_shortened_then_the_english(write_data) -> None:
    text = TRANSLATED.replace(
        "    title: An event\n", "    title: An event\n    short: Event\n    short_i18n: {ru: Событие}\n"
    )
    frames = frames_of(write_data(text))
    assert translated_frames(frames, "ru").events.iloc[0]["chart_label"] == "Событие"
    assert translated_frames(frames, "be").events.iloc[0]["chart_label"] == "Падзея", "the Belarusian title"
    assert translated_frames(frames, "uk").events.iloc[0]["chart_label"] == "Event"


def test_a_translated_chart_label_longer_than_forty_characters_is_located(write_data) -> None:
    text = TRANSLATED.replace("    title: An event\n", "    title: An event\n    short_i18n: {be: " + "а" * 41 + "}\n")
    try:
        load_file(write_data(text))
    except DataError as error:
        problems = [str(p) for p in error.problems]
    else:
        raise AssertionError("a 41-character label must be refused")
    assert any("short_i18n.be" in p and "40" in p for p in problems), problems
