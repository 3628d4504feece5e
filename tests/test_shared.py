"""The process-wide memo the page's builders share (components/ui/shared.py)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from components.ui.shared import page_key, shared


@dataclass(frozen=True)
class Page:
    version: str


def test_a_view_is_built_once_per_page_version_and_arguments() -> None:
    built: list[tuple[str, str]] = []

    @shared(8, key=page_key)
    def build(page: Page, filters: str) -> list[str]:
        built.append((page.version, filters))
        return [page.version, filters]

    first = build(Page("v1"), "Minsk")
    assert build(Page("v1"), "Minsk") is first  # another reader of the same view: the same object, not rebuilt
    build(Page("v1"), "embassy")
    build(Page("v2"), "Minsk")  # the file was saved (or another language): built anew
    assert built == [("v1", "Minsk"), ("v1", "embassy"), ("v2", "Minsk")]


def test_readers_arriving_together_wait_for_one_build() -> None:
    calls = 0

    @shared(8, key=page_key)
    def slow(page: Page) -> object:
        nonlocal calls
        calls += 1
        time.sleep(0.2)
        return object()

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(slow(Page("v1")))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == 1 and len(results) == 6 and all(r is results[0] for r in results)


def test_the_memo_keeps_only_the_latest_results() -> None:
    built: list[int] = []

    @shared(2)
    def square(n: int) -> int:
        built.append(n)
        return n * n

    for n in (1, 2, 3, 1):
        square(n)
    assert built == [1, 2, 3, 1]  # 1 was the least recently used when 3 came: dropped, built again


def test_a_builder_called_with_keywords_is_keyed_on_them() -> None:
    @shared(8, key=page_key)
    def chart(page: Page, filters: str, stack: str = "destination") -> tuple[str, str]:
        return (filters, stack)

    assert chart(Page("v1"), "Minsk", stack="kind") == ("Minsk", "kind")
    assert chart(Page("v1"), "Minsk", stack="destination") == ("Minsk", "destination")
