"""The tree keeps its shape: layers checked by import-linter, short functions, state keys in one place,
and nothing that reads outside the repository."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .samples import ROOT

LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
MAX_FUNCTION_LINES = 60


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=where, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
def test_layer_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("view/words/text.py", "import streamlit", "Only the UI layer imports streamlit"),
        ("data/model.py", "from ..view.words import text", "Layers"),
        ("view/shape/filters.py", "from ...edit import saving", "Layers"),
        ("view/shape/frames.py", "from ..draw import style", "View by job"),
        ("view/draw/story.py", "from ..files import export", "View by job"),
        ("edit/drafts.py", "from ..ui import state", "Layers"),
    ],
)
def test_a_import_against_the_layers_breaks_a_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    shutil.copytree(ROOT / "components", tmp_path / "components", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with open(tmp_path / "components" / module, "a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert len(broken) == 1 and broken[0].startswith(contract)


def python_files() -> list[Path]:
    return [*sorted((ROOT / "components").rglob("*.py")), ROOT / "dashboard.py"]


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_session_state_keys_are_named_only_in_the_state_module() -> None:
    literal_key = re.compile(r"session_state(?:\[|\.get\(|\.pop\(|\.setdefault\()\s*[\"']")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_files()
        if path.name != "state.py"
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal_key.search(text) or re.search(r"\bkey=[\"']", text)
    ]
    assert offenders == []


def repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


# What reaching outside looks like: a path literal that starts by climbing out of the working folder (the
# repository's root, where every command runs), the root's parent, or a bare "..".
OUTSIDE = re.compile(r"[\"']\.\./\w|\bROOT\.parent\b|Path\([\"']\.\.[\"']\)")


def test_nothing_in_the_repository_reads_a_path_outside_it() -> None:
    code = [
        path
        for path in repository_files()
        if path.suffix in {".py", ".toml", ".yml", ".yaml", ".cfg", ".sh", ".conf"} or path.parent.name == ".ci"
        if "tests/data" not in path.relative_to(ROOT).as_posix()
    ]
    assert len(code) > 40
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {text.strip()}"
        for path in code
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE.search(text)
    ]
    assert offenders == []


@pytest.mark.slow
def test_ruff_finds_nothing_to_fix() -> None:
    ruff = str(Path(sys.executable).parent / "ruff")
    for command in ([ruff, "check", "--output-format", "concise", "."], [ruff, "format", "--check", "."]):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


BUILDER = re.compile(r"_(figure|table|sentence)$|^story_|^(workbook|events_json|package_files|package_zip|citation)$")


def test_builders_are_told_their_language_and_read_no_hidden_one() -> None:
    """Every figure, table, text alternative, story and download builder takes `language=` (keyword, required), and
    nothing below the UI asks for the run's language."""
    told, asking = [], []
    for path in sorted([*(ROOT / "components" / "view").rglob("*.py"), *(ROOT / "components" / "site").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "current_language":
                asking.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if (
                isinstance(node, ast.FunctionDef)
                and BUILDER.search(node.name)
                and path.parent.name in ("draw", "files")
            ):
                keywords = {a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)}
                told.append((node.name, "language" in keywords and keywords["language"] is None))
    assert not asking, asking
    assert len(told) >= 15 and all(ok for _name, ok in told), [name for name, ok in told if not ok]
