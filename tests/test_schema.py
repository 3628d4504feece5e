"""events.schema.json is generated from the model, is current, accepts a file with every kind of entry and flags a
misspelt field as an editor would see it."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import yaml

from components.data.model import json_schema

from .samples import ROOT, TIMELINE


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "events.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: python -m components schema --write"


def as_editor_sees(value: object) -> object:
    # An editor's YAML 1.2 reading keeps 2022-02-28 as text; PyYAML makes it a date.
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_a_file_with_every_kind_of_entry_validates_against_the_schema() -> None:
    document = as_editor_sees(yaml.safe_load(TIMELINE.read_text(encoding="utf-8")))
    jsonschema.validate(document, json_schema())


def test_schema_flags_misspelt_field_like_an_editor_would() -> None:
    document = as_editor_sees(yaml.safe_load(TIMELINE.read_text(encoding="utf-8")))
    assert isinstance(document, dict)
    document["events"][0]["sumary"] = "typo"
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(document))
    assert any("sumary" in error.message for error in errors)
