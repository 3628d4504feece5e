"""README stays true: its commands are the ones CI runs, and every data field is documented."""

from __future__ import annotations

import re

import pytest

from components.data.model import Category, Dataset, Event, Person, PrisonerCount, Source

from .samples import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(python3 -m venv .+)\n```", README)


def test_readme_gives_a_run_and_a_test_command() -> None:
    run, test = readme_commands()
    assert "requirements.txt" in run and "streamlit run dashboard.py" in run
    assert "requirements-dev.txt" in test and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci_lines


@pytest.mark.parametrize(
    ("heading", "model"),
    [
        ("Top level", Dataset),
        ("`sources.<id>`", Source),
        ("`categories[]`", Category),
        ("`people[]`", Person),
        ("`events[]`", Event),
        ("`prisoner_counts[]`", PrisonerCount),
    ],
)
def test_every_field_is_in_the_readme_table(heading: str, model: type) -> None:
    section = README.split(f"#### {heading}\n", 1)[1].strip().split("\n\n", 1)[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert documented == list(model.model_fields)
