"""The README stays short and points to docs/; every link in them leads somewhere, and every command shown parses."""

from __future__ import annotations

import argparse
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest

from components.cli import _parser

from .samples import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)|<(?:img|a)\s[^>]*?(?:src|href)=\"([^\"]+)\"")
COMMAND = "python -m components"


def text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def prose(page: Path) -> str:
    """The page without its code blocks and code spans, where brackets and parentheses are not links."""
    return CODE_SPAN.sub("", FENCE.sub("", text(page)))


def relative_links(page: Path) -> list[str]:
    targets = [markdown or html for markdown, html in LINK.findall(prose(page))]
    return [target for target in targets if not re.match(r"[a-z][a-z0-9+.-]*:", target)]  # http:, mailto:, ...


def anchors(page: Path) -> set[str]:
    """GitHub's ids for the page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered."""
    seen: Counter[str] = Counter()
    ids = set()
    for heading in re.findall(r"^#+ (.+)$", FENCE.sub("", text(page)), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        ids.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
        seen[slug] += 1
    return ids


def test_the_readme_is_read_in_two_minutes() -> None:
    lines = text(README).splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; move the detail to docs/"


def test_the_readme_links_every_docs_page_and_only_pages_that_exist() -> None:
    linked = {
        (README.parent / target.split("#", 1)[0]).resolve()
        for target in relative_links(README)
        if target.startswith("docs/") and target.split("#", 1)[0].endswith(".md")
    }
    assert DOCS, "docs/ has no pages"
    assert linked == {page.resolve() for page in DOCS}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_of_the_repository(page: Path) -> None:
    broken = []
    for target in relative_links(page):
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading #{anchor}")
    assert not broken, broken


def shown_commands() -> list[tuple[str, str]]:
    """(page, words after `python -m components`) for each command in a code block or code span."""
    found = []
    for page in PAGES:
        name = page.relative_to(ROOT).as_posix()
        for block in FENCE.findall(text(page)):
            found += [
                (name, line.split(COMMAND, 1)[1].split(" #", 1)[0]) for line in block.splitlines() if COMMAND in line
            ]
        for span in CODE_SPAN.findall(FENCE.sub("", text(page))):
            if COMMAND + " " in span:
                found.append((name, span.split(COMMAND, 1)[1]))
    return found


COMMANDS = shown_commands()


def test_the_docs_show_every_command_of_the_command_line() -> None:
    actions = _parser()._actions
    subcommands = next(action.choices for action in actions if isinstance(action, argparse._SubParsersAction))
    shown = {shlex.split(words)[0] for _, words in COMMANDS}
    assert shown == set(subcommands)


@pytest.mark.parametrize(("page", "words"), COMMANDS, ids=[f"{page}:{words.strip()}" for page, words in COMMANDS])
def test_every_command_shown_parses(page: str, words: str) -> None:
    # An optional argument written `[DATA_FILE]` is given, to check that the command takes it.
    argv = [word[1:-1] if re.fullmatch(r"\[[^\]]+\]", word) else word for word in shlex.split(words)]
    try:
        _parser().parse_args(argv)
    except SystemExit as exit_:
        pytest.fail(f"{page}: `python -m components{words}` does not parse (exit {exit_.code})")


def test_the_docs_give_the_readme_test_command_as_it_is() -> None:
    readme_commands = re.findall(r"```bash\n(python3 -m venv .+)\n```", text(README))
    for page in DOCS:
        for command in re.findall(r"^python3 -m venv .+$", text(page), re.MULTILINE):
            assert command in readme_commands, f"{page.name}: {command}"
