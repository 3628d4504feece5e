"""README stays true: its commands are the ones CI runs; docs/data.md documents every data field."""

from __future__ import annotations

import re

import pytest

from components.data.field_docs import SECTIONS, field_tables

from .samples import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(python3 -m venv .+)\n```", README)


def test_readme_gives_a_run_and_a_test_command() -> None:
    run, test = readme_commands()
    assert "requirements.txt" in run and "streamlit run dashboard.py" in run
    assert "requirements-dev.txt" in test and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci_lines


def test_the_data_docs_field_tables_are_the_ones_the_model_makes() -> None:
    start = DATA_DOC.index("### Top level")
    end = DATA_DOC.index("<!-- end of the generated field tables -->")
    assert DATA_DOC[start:end] == field_tables(), "run: python -m components schema --fields, paste into docs/data.md"


@pytest.mark.parametrize("section", SECTIONS)
def test_every_field_of_the_model_has_a_row(section: tuple[str, type]) -> None:
    heading, model = section
    table = field_tables().split(f"### {heading}\n", 1)[1].split("\n\n###", 1)[0]
    assert re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE) == list(model.model_fields)
