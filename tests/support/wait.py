"""The one deadline-bounded poll of the suite, for states that send no signal to wait on (a process
ending, a server answering over HTTP, a payment's status). Qt code waits with qtbot.waitSignal/waitUntil."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(probe: Callable[[], T | None], *, timeout: float = 30.0, what: str = "the condition") -> T:
    """Call ``probe`` until it returns something truthy (returned) or ``timeout`` runs out (fails).
    The pause between calls grows from 20 ms to 250 ms."""
    deadline = time.monotonic() + timeout
    pause = 0.02
    last: T | None = None
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what} (last: {last!r})")
        time.sleep(pause)
        pause = min(pause * 1.5, 0.25)
