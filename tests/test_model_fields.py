"""Each field is declared once, in the model; what the rest of the code knows of it is derived from there."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components.data.fields import model_fields
from components.data.loader import load_text
from components.data.model import RELEASE_KINDS, TEXT_FIELDS, Event

from .samples import TIMELINE, VALID

ROOT = Path(__file__).resolve().parents[1]


def test_free_text_fields_are_found_from_their_types() -> None:
    assert {"title", "summary", "note", "publisher", "via", "charges", "license", "name", "role"} <= TEXT_FIELDS
    assert not {"id", "url", "date", "status", "category", "sources", "color", "archived"} & TEXT_FIELDS


@pytest.mark.parametrize(
    ("line", "replacement"),
    [
        ("    publisher: Pub", "    publisher: Pub\n    via: Reuters #1 story"),
        ("    role: Blogger", "    role: Blogger\n    charges: Art. 342 #2 count"),
        ("as_of: 2026-03-19", "as_of: 2026-03-19\nlicense: CC-BY-4.0 #see below"),
    ],
)
def test_a_comment_cutting_any_free_text_short_is_a_warning(line: str, replacement: str) -> None:
    loaded = load_text(VALID.replace(line, replacement, 1), "events.yaml")
    assert any("' #'" in w.message for w in loaded.warnings), loaded.warnings


def test_a_link_with_an_impossible_port_is_a_located_error() -> None:
    from components.data.problems import DataError

    with pytest.raises(DataError) as raised:
        load_text(VALID.replace("url: https://example.org/a", "url: https://example.org:99999/a"), "events.yaml")
    (problem,) = raised.value.problems
    assert problem.path == "sources.s1.url" and "not an http(s) web address" in problem.message


def test_each_field_has_a_kind_read_from_its_type() -> None:
    kinds = {spec.name: spec.kind for spec in model_fields(Event)}
    assert kinds["date"] == kinds["end"] == "date" and kinds["category"] == "id" and kinds["released"] == "count"
    assert kinds["title_i18n"] == "translations" and kinds["released_to"] == "mapping" and kinds["tags"] == "list"
    assert kinds["status"] == "choice" and kinds["title"] == "text"
    assert next(s for s in model_fields(Event) if s.name == "release_kind").choices == RELEASE_KINDS
    assert [s.name for s in model_fields(Event)] == list(Event.model_fields)


# The one edit: a new field in the model's Event class and one in its Person class, each beside `note`.
NEW_FIELD = '    witness: OptionalText = Field(None, description="Who saw it happen.")\n'
NEW_PERSON_FIELD = '    held_by: OptionalText = Field(None, description="Who holds them.")\n'
PERSON_NOTE = '    note: OptionalText = Field(None, description="Disagreements between sources, caveats.")\n'
PROBE = """
import datetime as dt, io, json, sys
import pandas as pd
from components.data.loader import load_file
from components.data.model import json_schema
from components.data.field_docs import field_tables
from components.edit.drafts import EventForm, check_draft, draft_from_values, extra_fields
from components.view.files.data_tables import TABLE_BY_NAME, data_tables
from components.view.files.export import events_csv
from components.view.shape.frames import build_frames

loaded = load_file(sys.argv[1])
frames = build_frames(loaded)
row = frames.events.set_index("id").loc["babaryka-detained"]
csv = pd.read_csv(io.StringIO(events_csv(frames).decode("utf-8-sig"))).set_index("id")
form = EventForm.from_widgets(
    {"title": "Seen", "category": "war", "summary": "S.", "sources": [next(iter(loaded.data.sources))],
     "extra_witness": "A. Reporter"}.get, dt.date(2022, 3, 1))
draft, _ = draft_from_values(form, loaded.data.info, set(frames.events["id"]))
print(json.dumps({
    "frame": row["witness"],
    "people_frame": frames.people.set_index("id").loc["viktar-babaryka", "held_by"],
    "people_table": data_tables(frames)["people"].set_index("id").loc["viktar-babaryka", "held_by"],
    "csv": csv.loc["babaryka-detained", "witness"],
    "table_schema": [c.name for c in TABLE_BY_NAME["events"].columns if c.name == "witness"],
    "json_schema": json_schema()["$defs"]["Event"]["properties"]["witness"]["description"],
    "docs": "`witness`" in field_tables(),
    "form": [spec.name for spec in extra_fields()],
    "draft": draft.event.get("witness"),
    "draft_ok": check_draft(loaded.data.info, draft, set(frames.events["id"])).ok,
}))
"""


def test_a_field_added_to_a_copy_of_the_model_reaches_frame_csv_schema_docs_and_form(tmp_path: Path) -> None:
    copy = tmp_path / "components"
    shutil.copytree(ROOT / "components", copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "data" / "model.py"
    text = model.read_text(encoding="utf-8")
    anchor = '    note: OptionalText = Field(None, description="Where sources disagree, what each says.")\n'
    assert text.count(anchor) == 1
    assert text.count(PERSON_NOTE) == 1
    model.write_text(text.replace(anchor, anchor + NEW_FIELD).replace(PERSON_NOTE, PERSON_NOTE + NEW_PERSON_FIELD),
                     encoding="utf-8")  # fmt: skip
    data = tmp_path / "events.yaml"
    fixture = TIMELINE.read_text(encoding="utf-8")
    anchor = "  - id: babaryka-detained\n"
    assert anchor in fixture
    person = "  - id: viktar-babaryka\n"
    assert person in fixture
    fixture = fixture.replace(anchor, anchor + "    witness: A. Reporter\n").replace(
        person, person + "    held_by: X\n"
    )
    data.write_text(fixture, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == {
        "frame": "A. Reporter",
        "people_frame": "X",
        "people_table": "X",
        "csv": "A. Reporter",
        "table_schema": ["witness"],
        "json_schema": "Who saw it happen.",
        "docs": True,
        "form": ["witness"],
        "draft": "A. Reporter",
        "draft_ok": True,
    }
