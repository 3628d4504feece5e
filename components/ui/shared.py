"""What every reader shares, built once per server process and kept in a bounded memo.

st.cache_resource did this before, but on each call it read the function's signature and hashed every argument
with its own hasher: a seventh of a warm rerun at a dozen calls a run (py-spy). These keys are tuples Python
hashes itself: a page stands in by its `version`, which names the data file's content and the language. A reader
asking for what another is building waits for it rather than building it again (a new view's first readers).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

import cachetools
from cachetools.keys import hashkey

F = TypeVar("F", bound=Callable[..., Any])


class Versioned(Protocol):
    @property
    def version(self) -> str: ...


def page_key(page: Versioned, *args: Hashable, **kwargs: Hashable) -> Hashable:
    """The key of a builder whose first argument is the page: its version, then the other arguments."""
    return hashkey(page.version, *args, **kwargs)


def shared(maxsize: int, key: Callable[..., Hashable] = hashkey) -> Callable[[F], F]:
    """Memoize `function` for the whole process: its `maxsize` latest results by `key(*args)`."""

    def decorate(function: F) -> F:
        memo = cachetools.cached(cachetools.LRUCache(maxsize), key=key, condition=threading.Condition())
        return memo(function)  # type: ignore[return-value]  # the same signature

    return decorate
