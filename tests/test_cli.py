"""`python -m components check` prints OK or located problems, with exit codes 0, 1 and 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from components.cli import main

from .samples import ROOT, TIMELINE, VALID, YAML_SUITE, position_exists


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "components", "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_of_a_valid_file_prints_what_it_holds() -> None:
    result = run_check(str(TIMELINE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "OK: 19 events, 8 people, 4 places, 9 sources, 10 prisoner counts, as of 2026-03-19\n"


def test_check_reports_line_of_bad_date_and_exits_1(write_data) -> None:
    path = write_data(VALID.replace("    date: 2022-02-28", "    date: 2022-13-01"))
    result = run_check(str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:20:11: events[0].date: '2022-13-01' is not a date: there is no month 13; "
        "use YYYY, YYYY-MM or YYYY-MM-DD"
    ]
    assert "Traceback" not in result.stderr and "1 problem" in result.stderr


def test_check_missing_file_exits_2_with_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no-such-file.yaml"]) == 2
    assert "cannot read no-such-file.yaml" in capsys.readouterr().err


def test_check_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bogus"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_malformed_size_setting_exits_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EVENTS_MAX_BYTES", "lots")
    assert main(["check", str(TIMELINE)]) == 2
    assert "EVENTS_MAX_BYTES='lots' is not a positive whole number" in capsys.readouterr().err


def test_several_files_one_bad_exits_1(write_data, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_data(VALID, "good.yaml")
    bad = write_data(VALID.replace("    count: 10", "    count: ten"), "bad.yaml")
    assert main(["check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"({good})" in out and f"{bad}:28:12: prisoner_counts[0].count" in out


def test_github_format_gives_annotations(write_data, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(VALID.replace("    category: war", "    category: wars"))
    assert main(["check", "--format", "github", str(path)]) == 1
    assert capsys.readouterr().out.startswith(
        f"::error file={path},line=22,col=15::events[0].category: unknown category"
    )


# One file of each kind of problem the YAML test suite gives the loader (tests/test_loader.py runs every file of it):
# not a timeline, a list or a plain value at the top, a tag, a tab, an anchor, broken YAML, a key that is a mapping,
# a second document, an empty file and an escaped control character.
SUITE_SAMPLES = ("2EBW", "229Q", "27NA", "2AUY", "3RLN-02", "26DV", "236B.error", "4FJ6", "6XDY", "8G76", "G4RS")


def test_check_of_several_broken_files_in_one_process_locates_a_problem_in_each_and_exits_1() -> None:
    files = [str(YAML_SUITE / f"{name}.yaml") for name in SUITE_SAMPLES]
    result = run_check(*files)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    located: set[str] = set()
    for line in result.stdout.splitlines():
        name, row, column, _ = line.split(":", 3)
        assert position_exists(Path(name), int(row), int(column)), line
        located.add(name)
    assert located == set(files)


def test_check_says_so_when_a_pattern_matches_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "*.yaml")]) == 2
    output = capsys.readouterr()
    assert f"no file matches '{tmp_path / '*.yaml'}'" in output.err
    assert "OK:" not in output.out  # the bundled file is not checked in its place


def test_check_expands_a_pattern_the_shell_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "events-a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "events-b.yaml").write_text(VALID, encoding="utf-8")
    assert main(["check", str(tmp_path / "events-*.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.count("OK:") == 2 and "events-a.yaml" in out and "events-b.yaml" in out


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert '"events"' in capsys.readouterr().out


def test_an_internal_error_names_the_command_that_failed(monkeypatch, capsys) -> None:
    from components import cli

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "export", broken)
    with pytest.raises(SystemExit) as exited:
        cli.run(["export", "out"])
    assert exited.value.code == 3
    assert capsys.readouterr().err.startswith("export: internal error (RuntimeError: boom)")
