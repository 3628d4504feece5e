"""Each entry's history from the data file's git history: added, then changed field by field, each version linked;
and an honest 'not known' in a copy without git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from components.data.history import data_history, entry_histories, version_link

from .samples import TIMELINE, VALID, run_page

EVENT = "coale-visit-250-freed-2026-03-19"  # an event of tests/data/timeline.yaml


def git(where: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=where, check=True,
                   capture_output=True)  # fmt: skip


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A repository where the timeline was committed, then one event's title and count were corrected."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    data = repo / "data" / "events.yaml"
    text = TIMELINE.read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "First version")
    start = text.index(f"  - id: {EVENT}\n")
    end = text.index("\n\n", start)
    block = text[start:end]
    changed = block.replace("released: 250", "released: 251").replace('title: "', 'title: "Corrected: ', 1)
    assert changed != block and "released: 251" in changed
    data.write_text(text[:start] + changed + text[end:], encoding="utf-8")
    git(repo, "commit", "-qam", "Correct the Coale visit")
    return data


def test_an_entry_lists_when_it_was_added_and_what_changed_field_by_field(scratch: Path) -> None:
    history = data_history(scratch)
    assert history is not None and [c.subject for c in history] == ["Correct the Coale visit", "First version"]
    changes = entry_histories(history)[("events", EVENT)]
    assert [item.change.kind for item in changes] == ["changed", "added"]
    values = {field: (before, after) for field, before, after in changes[0].change.values}
    assert values["released"] == ("250", "251") and values["title"][1] == "Corrected: " + values["title"][0]
    assert set(values) == {"released", "title"} and changes[0].commit.path == "data/events.yaml"


def test_each_version_links_to_the_file_as_it_was() -> None:
    assert version_link("https://github.com/o/r", "abc", "events.yaml") == "https://github.com/o/r/blob/abc/events.yaml"
    assert version_link("https://gitlab.com/o/r.git", "abc", "d/e.yaml") == "https://gitlab.com/o/r/-/blob/abc/d/e.yaml"
    assert version_link(None, "abc", "events.yaml") is None


def test_a_copy_without_git_has_no_history(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(VALID, encoding="utf-8")
    assert data_history(data) is None


def test_the_apps_event_details_show_the_history_when_asked(monkeypatch: pytest.MonkeyPatch, scratch: Path) -> None:
    app = run_page(monkeypatch, str(scratch), event=EVENT)
    app.toggle(key="history_shown").set_value(True).run()
    text = "\n".join(m.value for m in app.markdown)
    assert "changed" in text and "~~250~~ → 251" in text and "added" in text
    assert not app.exception


def test_the_apps_event_details_say_when_there_is_no_history(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(TIMELINE.read_text(encoding="utf-8"), encoding="utf-8")
    app = run_page(monkeypatch, str(data), event=EVENT)
    app.toggle(key="history_shown").set_value(True).run()
    assert any("no git history" in c.value for c in app.caption) and not app.exception
