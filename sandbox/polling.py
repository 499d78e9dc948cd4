"""Bounded polling, shared by the sandbox's waits."""

from __future__ import annotations

import time
from collections.abc import Callable


def poll(predicate: Callable[[], bool], timeout: float, interval: float = 0.2) -> bool:
    """Call `predicate` until it returns True or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
