"""Paths and a small valid data file that tests vary line by line."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "events.yaml"
YAML_SUITE = ROOT.parent / "shared" / "yaml-test-suite"

# Line numbers matter: tests/test_loader.py asserts them.
VALID = """\
title: Test timeline
description: A small valid file.
as_of: 2026-03-19
categories:
  - id: war
    label: War
people:
  - id: p1
    name: Siarhei Tsikhanouski
    aliases: [Tikhanovsky, Cichanoŭski, Тихановский]
    role: Blogger
sources:
  s1:
    title: A source
    publisher: Pub
    url: https://example.org/a
    published: 2022-02-28
events:
  - id: e1
    date: 2022-02-28
    title: An event
    category: war
    summary: Something happened.
    sources: [s1]
    people: [p1]
prisoner_counts:
  - date: 2022-02
    count: 10
    source: s1
"""
