"""A path-level as the grading commands see it (the curriculum belongs to cpnkit)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelSpec:
    """A path-level as the curriculum describes it (passed in by the caller)."""

    id: str
    name: str
    path_title: str
    modules: tuple[str, ...]
    objectives: tuple[str, ...]
    pass_mark: int
    cluster_modules: tuple[str, ...] = ()  # the modules graded on the sandbox
