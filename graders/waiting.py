"""Bounded waits: poll a check until it passes or the time is up."""

from __future__ import annotations

import time
from collections.abc import Callable

from .results import CheckResult


def wait_for(check: Callable[[], CheckResult], timeout: float = 30,
             interval: float = 0.5) -> CheckResult:
    """Attend qu'une vérification réussisse, au plus `timeout` secondes.

    Renvoie le dernier résultat : en cas d'échec, il dit ce qui était attendu, ce qui a été
    constaté à la fin de l'attente, et quoi essayer.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result.ok or result.final or time.monotonic() >= deadline:
            break
        time.sleep(interval)
    if result.ok or result.final:
        return result
    return CheckResult(
        False, result.what, result.expected,
        f"{result.found} (après {timeout:.0f} s d'attente)", result.hint,
    )
