"""The data file's problems speak the reader's language in the add-event form, and stay English for `check` and the
page's shared list of the file's problems."""

from __future__ import annotations

from pathlib import Path

from components.data.loader import load_text
from components.data.problems import DataError
from components.i18n import _, language, ngettext

from .samples import VALID

BAD_LANGUAGE = VALID.replace("title: Test timeline", "title: Test timeline\ntitle_i18n:\n  de: Zeitleiste", 1)
BAD_DAY = VALID.replace("    date: 2022-02-28", "    date: 2021-02-29", 1)  # the event's date
UNKNOWN_CATEGORY = VALID.replace("    category: war", "    category: wars", 1)


def problems_of(text: str) -> list[str]:
    try:
        load_text(text, "events.yaml")
    except DataError as error:
        return [problem.message for problem in error.problems]
    raise AssertionError("the file should have problems")


def test_english_problems_are_the_ones_check_always_printed() -> None:
    # The same texts tests/test_loader.py and tests/test_checks.py pin.
    with language("en"):
        assert problems_of(BAD_LANGUAGE) == [
            "'de' is not a language this page is translated into; use one of: be, ru, uk"
        ]
        assert problems_of(BAD_DAY) == ["'2021-02-29' is not a real date: February 2021 has 28 days"]
        assert problems_of(UNKNOWN_CATEGORY) == [
            "unknown category 'wars'; did you mean 'war'? (add it under 'categories')"
        ]


def test_problems_are_written_in_the_language_of_the_validation() -> None:
    # Translated when the model, the date parser and the cross-checks run, not when the module was imported.
    with language("ru"):
        template = _("'{value}' is not a language this page is translated into; use one of: {choices}")
        assert problems_of(BAD_LANGUAGE) == [template.format(value="de", choices="be, ru, uk")]
        days = ngettext(
            "'{value}' is not a real date: {month} {year} has {days} day",
            "'{value}' is not a real date: {month} {year} has {days} days",
            28,
        )
        assert problems_of(BAD_DAY) == [days.format(value="2021-02-29", month="февраль", year=2021, days=28)]
        unknown = _("unknown category '{value}'; did you mean '{close}'? (add it under '{section}')")
        assert problems_of(UNKNOWN_CATEGORY) == [unknown.format(value="wars", close="war", section="categories")]


def test_the_page_s_shared_list_of_the_file_s_problems_is_in_english(tmp_path: Path) -> None:
    # Cached for every reader of the server: whoever loads it first, it says what `check` says.
    from components.ui.page_data import _build

    path = tmp_path / "events.yaml"
    path.write_text(BAD_DAY, encoding="utf-8")
    with language("ru"):
        problems = _build(str(path), (1, 1))
    assert problems == [f"{path}:20:11: events[0].date: '2021-02-29' is not a real date: February 2021 has 28 days"]
