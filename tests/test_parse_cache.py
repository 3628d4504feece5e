"""The parse cache returns the same frames, is invalidated by any edit, and survives a bad cache."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from components.data.problems import DataError
from components.view.files.parse_cache import CACHE_DIR, cache_file, load_frames

from .samples import VALID


def same(a, b) -> None:
    assert a.meta == b.meta
    for name in ("categories", "events", "people", "counts", "releases", "sources"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_second_load_reads_the_cache_and_gives_the_same_frames(write_data) -> None:
    path = write_data(VALID)
    fresh = load_frames(path)
    target = cache_file(path, path.read_bytes())
    assert target.exists() and target.parent.name == CACHE_DIR
    same(load_frames(path), fresh)
    same(load_frames(path, use_cache=False), fresh)


def test_an_edit_gets_a_new_cache_entry(write_data) -> None:
    path = write_data(VALID)
    load_frames(path)
    path.write_text(VALID.replace("title: An event", "title: Edited"), encoding="utf-8")
    assert load_frames(path).events["title"].tolist() == ["Edited"]


@pytest.mark.parametrize("garbage", [b"", b"timeline-frames-v1\n\x80\x04trunc", pickle.dumps({"not": "frames"})])
def test_corrupt_truncated_or_foreign_cache_is_rebuilt(write_data, garbage: bytes) -> None:
    path = write_data(VALID)
    expected = load_frames(path)
    target = cache_file(path, path.read_bytes())
    target.write_bytes(garbage)
    same(load_frames(path), expected)
    assert target.read_bytes().startswith(b"timeline-frames-v1\n")


def test_unwritable_cache_folder_still_loads(write_data) -> None:
    path = write_data(VALID)
    (path.parent / CACHE_DIR).write_text("a file where the cache folder would go", encoding="utf-8")
    assert len(load_frames(path).events) == 1
    assert len(load_frames(path).events) == 1


def test_invalid_file_is_not_cached(write_data) -> None:
    path = write_data(VALID.replace("    count: 10", "    count: ten"))
    with pytest.raises(DataError):
        load_frames(path)
    assert not (path.parent / CACHE_DIR).exists()
