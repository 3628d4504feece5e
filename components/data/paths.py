"""Where the bundled data file and its JSON Schema live in a checkout."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "events.yaml"
SCHEMA_FILE = ROOT / "events.schema.json"
FILE_VARIABLE = "EVENTS_FILE"  # another data file to show or export
