"""Saving entries: concurrent writers all land, a failed or invalid save changes nothing, backups rotate."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from components.data.loader import load_file
from components.data.problems import DataError
from components.edit import saving
from components.edit.saving import BACKUP_DIR, KEEP_BACKUPS, save_entries

from .samples import ROOT, TIMELINE, VALID

SOURCE = "belsat-2026-03-19-250-freed"  # a source of tests/data/timeline.yaml


def event(number: int, prefix: str = "saved") -> dict[str, object]:
    return {
        "id": f"{prefix}-{number}",
        "date": "2026-03-19",
        "title": f"Saved event no {number}: test #{number}",
        "category": "diplomacy",
        "summary": "Added by a test.",
        "sources": [SOURCE],
    }


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A copy of tests/data/timeline.yaml: comments, blank lines between events, every section."""
    path = tmp_path / "events.yaml"
    shutil.copyfile(TIMELINE, path)
    return path


def temporaries(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def backup_files(path: Path) -> list[Path]:
    folder = path.parent / BACKUP_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


def test_twenty_threads_saving_at_once_all_land(data_file: Path) -> None:
    comments = [line for line in data_file.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    before = len(load_file(data_file).data.events)
    barrier = threading.Barrier(20)
    results: dict[int, saving.SaveResult] = {}

    def save(number: int) -> None:
        barrier.wait()
        results[number] = save_entries(data_file, events=[event(number)])

    threads = [threading.Thread(target=save, args=(number,)) for number in range(20)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    assert all(result.saved for result in results.values()), [r.problems for r in results.values()]
    data = load_file(data_file).data
    ids = {item.id for item in data.events}
    assert {f"saved-{number}" for number in range(20)} <= ids
    assert len(data.events) == before + 20
    after = data_file.read_text(encoding="utf-8").splitlines()
    assert all(comment in after for comment in comments)
    assert temporaries(data_file) == []
    print(f"20 threads: {elapsed:.2f} s")


SAVER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from components.edit.saving import save_entries
path, worker, folder = Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
(folder / f"ready-{worker}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
for number in range(5):
    entry = {"id": f"process-{worker}-{number}", "date": "2026-03-19", "title": "From a process",
             "category": "diplomacy", "summary": "Added by a test.", "sources": [sys.argv[5]]}
    result = save_entries(path, events=[entry])
    if not result.saved:
        sys.exit("\\n".join(result.problems))
"""


@pytest.mark.slow
def test_four_processes_saving_five_times_each_all_land(data_file: Path, tmp_path: Path) -> None:
    signals = tmp_path / "signals"
    signals.mkdir()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(ROOT), str(data_file), str(worker), str(signals), SOURCE],
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(4)
    ]
    deadline = time.monotonic() + 60
    while len(list(signals.glob("ready-*"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.perf_counter()
    (signals / "go").touch()  # all four start saving at the same moment
    errors = [worker.communicate(timeout=120)[1] for worker in workers]
    elapsed = time.perf_counter() - started
    assert [worker.returncode for worker in workers] == [0, 0, 0, 0], errors
    ids = {item.id for item in load_file(data_file).data.events}
    assert {f"process-{worker}-{number}" for worker in range(4) for number in range(5)} <= ids
    print(f"4 processes x 5 saves: {elapsed:.2f} s")


def test_failure_before_the_replace_leaves_the_file_untouched(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = data_file.read_bytes()

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving.os, "replace", fail)
    result = save_entries(data_file, events=[event(1)])
    monkeypatch.undo()
    assert not result.saved
    assert "No space left on device" in result.problems[0]
    assert data_file.read_bytes() == before
    assert temporaries(data_file) == []
    assert backup_files(data_file) == []


def test_stale_temporary_file_is_removed_by_the_next_save(data_file: Path) -> None:
    stale = data_file.parent / f".{data_file.name}.k3j2h1.tmp"
    stale.write_bytes(b"half a file")
    assert save_entries(data_file, events=[event(1)]).saved
    assert not stale.exists()
    assert temporaries(data_file) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "coale-visit-250-freed-2026-03-19"}, "is used twice"),
        ({"category": "sport"}, "unknown category 'sport'"),
        ({"date": "2022-13-01"}, "is not a date"),
        ({"sources": []}, "missing required field 'sources'"),
        ({"title": "bad \u202e text"}, "invisible"),
    ],
)
def test_save_that_would_make_the_file_invalid_changes_nothing(
    data_file: Path, change: dict[str, object], message: str
) -> None:
    before = data_file.read_bytes()
    result = save_entries(data_file, events=[{**event(1), **change}])
    assert not result.saved
    assert any(message in problem for problem in result.problems), result.problems
    assert all(problem.startswith(f"{data_file}:") for problem in result.problems)
    assert data_file.read_bytes() == before
    assert backup_files(data_file) == []


def test_save_into_a_broken_file_is_refused_with_its_own_problems(data_file: Path) -> None:
    broken = data_file.read_text(encoding="utf-8").replace("as_of: 2026-03-19", "as_of: 2026-13-19", 1)
    data_file.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_file(data_file)
    result = save_entries(data_file, events=[event(1)])
    assert not result.saved
    assert result.problems == tuple(str(problem) for problem in error.value.problems)
    line = broken.splitlines().index("as_of: 2026-13-19") + 1
    assert result.problems[0].startswith(f"{data_file}:{line}:8: as_of:")
    assert data_file.read_text(encoding="utf-8") == broken


def test_only_the_last_backups_are_kept_and_hold_the_previous_bytes(data_file: Path) -> None:
    for number in range(KEEP_BACKUPS + 2):
        previous = data_file.read_bytes()
        result = save_entries(data_file, events=[event(number)])
        assert result.saved and result.backup is not None
        assert result.backup.read_bytes() == previous
    kept = backup_files(data_file)
    assert len(kept) == KEEP_BACKUPS
    assert kept[-1] == result.backup
    assert kept == sorted(kept, key=lambda path: path.stat().st_mtime_ns)


def test_file_mode_is_kept(data_file: Path) -> None:
    data_file.chmod(0o640)
    assert save_entries(data_file, events=[event(1)]).saved
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o640


def test_byte_order_mark_and_crlf_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    entry = {"id": "e2", "date": "2023", "title": "Next", "category": "war", "summary": "S.", "sources": ["s1"]}
    assert save_entries(path, events=[entry]).saved
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf" + b"title: Test timeline\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    assert [item.id for item in load_file(path).data.events] == ["e1", "e2"]


def test_insertion_that_would_change_another_value_is_refused(tmp_path: Path) -> None:
    # A keep-chomped block scalar ('|+') at the end of the file takes in blank lines added after it.
    text = VALID.replace("description: A small valid file.\n", "")
    text = text[: text.index("events:")] + text[text.index("prisoner_counts:") :]
    text += "description: |+\n  A small valid file.\n"
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    load_file(path)
    entry = {"id": "e2", "date": "2023", "title": "Next", "category": "war", "summary": "S.", "sources": ["s1"]}
    result = save_entries(path, events=[entry])
    assert result.problems == (f"{path}: {saving.CHANGED_OTHERS}",)
    assert path.read_text(encoding="utf-8") == text


def test_source_and_person_are_saved_with_the_event_that_cites_them(data_file: Path) -> None:
    source = {"title": "T", "publisher": "P", "url": "https://example.org/t", "published": "2026-03-19"}
    person = {"id": "saved-person", "name": "Saved Person", "aliases": ["Сохранённый"], "role": "Witness"}
    entry = {**event(1), "people": ["saved-person"], "sources": ["saved-source"]}
    assert save_entries(data_file, events=[entry], people=[person], sources={"saved-source": source}).saved
    data = load_file(data_file).data
    assert data.events[-1].people == ["saved-person"]
    assert data.people[-1].aliases == ["Сохранённый"]
    assert list(data.sources)[-1] == "saved-source"


def test_lock_file_is_beside_the_data_file(data_file: Path) -> None:
    assert save_entries(data_file, events=[event(1)]).saved
    assert (data_file.parent / "events.yaml.lock").exists()
    assert os.listdir(data_file.parent) != []


def test_an_entry_saved_from_the_form_passes_the_files_json_schema(data_file: Path) -> None:
    """What an editor's YAML extension checks (yaml-language-server reads YAML 1.2: a date is text, 3 a number)."""
    import datetime as dt

    import jsonschema
    import yaml

    from components.edit.drafts import EventForm, draft_from_values

    class Yaml12(yaml.SafeLoader):
        pass

    Yaml12.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    data = load_file(data_file).data
    typed = {"title": "Freed", "category": data.categories[0].id, "summary": "S.",
             "sources": [next(iter(data.sources))], "released": "3", "released_to": "Lithuania: 2"}  # fmt: skip
    draft, problems = draft_from_values(EventForm.from_widgets(typed.get, dt.date(2026, 3, 19)), data.info, set())
    assert problems == {} and draft.event["released"] == 3 and draft.event["released_to"] == {"Lithuania": 2}
    assert save_entries(data_file, events=[draft.event]).saved
    saved = yaml.load(data_file.read_text(encoding="utf-8"), Loader=Yaml12)
    schema = json.loads((ROOT / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(saved, schema)
    (entry,) = [e for e in saved["events"] if e["title"] == "Freed"]
    assert entry["released"] == 3 and entry["released_to"] == {"Lithuania": 2}
