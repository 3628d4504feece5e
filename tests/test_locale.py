"""The reader's language from the link or the browser, and dates and numbers as each language writes them."""

from __future__ import annotations

import pytest

from components.data.fuzzy_dates import parse_fuzzy_date
from components.i18n import LANGUAGES, language, number_text
from components.view.words.locale import LanguageChoice, choose_language, date_label


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [
        ("be", "19 сакавіка 2026", "люты 2022", "2022\u202fг."),
        ("ru", "19 марта 2026", "февраль 2022", "2022\u202fг."),
        ("uk", "19 березня 2026", "лютий 2022", "2022\u202fр."),
        ("en", "19 March 2026", "February 2022", "2022"),
    ],
)
def test_dates_are_written_at_their_precision_in_the_readers_language(
    language: str, day: str, month: str, year: str
) -> None:
    # A day takes the month in the genitive, a month alone the nominative, a year the language's own ending.
    assert date_label(parse_fuzzy_date("2026-03-19"), language) == day
    assert date_label(parse_fuzzy_date("2022-02"), language) == month
    assert date_label(parse_fuzzy_date("2022"), language) == year


def test_numbers_are_grouped_as_each_language_groups_them() -> None:
    assert number_text(1153) == "1,153"
    for code in ("be", "ru", "uk"):
        with language(code):
            assert number_text(1153) == "1\xa0153"


@pytest.mark.parametrize(("requested", "code"), [("be", "be"), ("RU", "ru"), (" uk ", "uk"), ("en", "en")])
def test_the_link_names_the_language(requested: str, code: str) -> None:
    # Whatever the browser says, and with no notice: the link asked for a language the page speaks.
    for browser in (None, "de-DE", "be-BY", "uk-UA"):
        assert choose_language(requested, browser) == LanguageChoice(code), browser


@pytest.mark.parametrize("requested", ["fr", "", "xx-YY", "ру"])
def test_an_unknown_language_in_the_link_falls_back_to_english_and_says_so(requested: str) -> None:
    choice = choose_language(requested, "be-BY")
    assert choice.code == "en"
    assert choice.notice is not None and f"lang={requested}".replace("-", "\\-") in choice.notice
    assert all(code in choice.notice for code in LANGUAGES)


def test_an_unknown_language_is_repeated_as_text_not_as_markdown() -> None:
    notice = choose_language("[click](https://evil.example) ![x](https://evil.example/t.png)" + "x" * 100).notice
    assert notice is not None
    assert "](" not in notice.replace("\\]\\(", "") and "\\[click\\]" in notice
    assert "x" * 60 not in notice, "a long value is cut"


@pytest.mark.parametrize(
    ("browser", "code"), [("be-BY", "be"), ("ru_RU", "ru"), ("uk", "uk"), ("en-GB", "en"), ("de-DE", "en"),
                          ("???", "en"), ("", "en"), (None, "en")],
)  # fmt: skip
def test_without_a_language_in_the_link_the_browsers_is_used_when_the_page_speaks_it(
    browser: str | None, code: str
) -> None:
    assert choose_language(None, browser) == LanguageChoice(code)  # and no notice: the link asked for nothing
