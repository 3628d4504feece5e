"""A limit on wrong editor passwords: a growing back-off per session and per address, and a server-wide ceiling."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..i18n import ngettext, number_text

FREE_FAILURES = 3  # typos cost nothing; the back-off starts with the next wrong password
FIRST_BACKOFF_S = 10.0  # then 10 s, 20 s, 40 s, ... doubling
MAX_BACKOFF_S = 15 * 60.0
SERVER_WINDOW_S = 10 * 60.0  # over the whole server, at most SERVER_LIMIT wrong passwords per window
SERVER_LIMIT = 50
FORGET_AFTER_S = 24 * 3600.0  # a key with no wrong password for a day starts afresh (keeps the table small)
_LOG = logging.getLogger(__name__)


@dataclass
class _Record:
    failures: int = 0
    blocked_until: float = 0.0
    last_failure: float = 0.0


@dataclass
class AttemptLimiter:
    """Thread-safe counts of wrong passwords by key ('session:…', 'address:…'), shared by the whole server."""

    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict)
    _recent: deque[float] = field(default_factory=deque)  # times of the server's recent wrong passwords
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, keys: Sequence[str]) -> float:
        """Seconds until any of these keys may try again (0 when they may try now)."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            waits = [self._records[key].blocked_until - now for key in keys if key in self._records]
            if len(self._recent) >= SERVER_LIMIT:
                waits.append(self._recent[0] + SERVER_WINDOW_S - now)
        return max([0.0, *waits])

    def failed(self, keys: Sequence[str]) -> float:
        """Count a wrong password for each key; returns the back-off it earned (0 while still free)."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            self._recent.append(now)
            backoff = 0.0
            for key in keys:
                record = self._records.setdefault(key, _Record())
                record.failures += 1
                record.last_failure = now
                extra = record.failures - FREE_FAILURES
                if extra > 0:
                    delay = min(FIRST_BACKOFF_S * 2 ** (extra - 1), MAX_BACKOFF_S)
                    record.blocked_until = max(record.blocked_until, now + delay)
                    backoff = max(backoff, delay)
            failures = max(self._records[key].failures for key in keys) if keys else 0
        # The guess itself is never logged: only that one was wrong, from where, and what it costs.
        _LOG.warning("wrong editor password (%d from %s); back-off %.0f s", failures, ", ".join(keys), backoff)
        return backoff

    def succeeded(self, keys: Sequence[str]) -> None:
        """A right password clears these keys' counts (not the server-wide one)."""
        with self._lock:
            for key in keys:
                self._records.pop(key, None)

    def reset(self) -> None:
        """Forget everything (for tests and a restart)."""
        with self._lock:
            self._records.clear()
            self._recent.clear()

    def _forget_old(self, now: float) -> None:
        while self._recent and self._recent[0] <= now - SERVER_WINDOW_S:
            self._recent.popleft()
        stale = [key for key, record in self._records.items() if record.last_failure <= now - FORGET_AFTER_S]
        for key in stale:
            del self._records[key]


def too_many_message(wait: float) -> str:
    """What the reader sees while a back-off lasts."""
    seconds = math.ceil(wait)
    return ngettext(
        "Too many attempts; try again in {count} s.", "Too many attempts; try again in {count} s.", seconds
    ).format(count=number_text(seconds))


PASSWORD_ATTEMPTS = AttemptLimiter()  # one per server process: sessions cannot reset it
