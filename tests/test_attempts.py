"""The password limiter: free typos, then a doubling back-off per key, and a ceiling for the whole server."""

from __future__ import annotations

from components.edit.attempts import (
    FIRST_BACKOFF_S,
    FREE_FAILURES,
    MAX_BACKOFF_S,
    SERVER_LIMIT,
    SERVER_WINDOW_S,
    AttemptLimiter,
    too_many_message,
)


def limiter() -> tuple[AttemptLimiter, list[float]]:
    now = [0.0]
    return AttemptLimiter(clock=lambda: now[0]), now


def test_typos_are_free_then_each_wrong_password_doubles_the_wait() -> None:
    attempts, now = limiter()
    keys = ["session:a"]
    assert [attempts.failed(keys) for _ in range(FREE_FAILURES)] == [0.0] * FREE_FAILURES
    assert attempts.wait(keys) == 0
    assert attempts.failed(keys) == FIRST_BACKOFF_S and attempts.wait(keys) == FIRST_BACKOFF_S
    now[0] += FIRST_BACKOFF_S
    assert attempts.failed(keys) == 2 * FIRST_BACKOFF_S
    for _ in range(20):
        attempts.failed(keys)
    assert attempts.wait(keys) == MAX_BACKOFF_S


def test_an_address_is_held_back_across_its_sessions() -> None:
    attempts, _ = limiter()
    for session in range(FREE_FAILURES + 1):
        attempts.failed([f"session:{session}", "address:203.0.113.7"])
    assert attempts.wait(["session:new", "address:203.0.113.7"]) == FIRST_BACKOFF_S
    assert attempts.wait(["session:new", "address:198.51.100.1"]) == 0


def test_a_right_password_clears_its_keys() -> None:
    attempts, _ = limiter()
    for _ in range(FREE_FAILURES + 1):
        attempts.failed(["session:a"])
    attempts.succeeded(["session:a"])
    assert attempts.wait(["session:a"]) == 0


def test_the_whole_server_stops_at_its_ceiling_until_the_window_passes() -> None:
    attempts, now = limiter()
    for session in range(SERVER_LIMIT):
        attempts.failed([f"session:{session}"])  # each one free on its own
    assert attempts.wait(["session:someone-else"]) == SERVER_WINDOW_S
    now[0] += SERVER_WINDOW_S
    assert attempts.wait(["session:someone-else"]) == 0


def test_the_message_rounds_the_wait_up() -> None:
    assert too_many_message(0.2) == "Too many attempts; try again in 1 s."
    assert too_many_message(10) == "Too many attempts; try again in 10 s."
