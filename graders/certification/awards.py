"""Who passed which level: the gradebook read against the pass marks of the curriculum."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from ..levels import LevelSpec
from .credential import Award

__all__ = ["LevelSpec", "ModuleResult", "awards", "learner_names", "results"]


@dataclass(frozen=True)
class ModuleResult:
    learner: str
    level: str
    module: str
    score: float
    max_score: float

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


def results(root: Path, levels: dict[str, LevelSpec]) -> list[ModuleResult]:
    """Every learner's score on every module of every level in the gradebook."""
    found = []
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for student in gradebook.students:
            for level in levels.values():
                for module in level.modules:
                    try:
                        notebook = gradebook.find_submission_notebook(module, level.id, student.id)
                    except MissingEntry:
                        continue
                    found.append(ModuleResult(student.id, level.id, module, notebook.score,
                                              notebook.max_score))
    return found


def learner_names(root: Path) -> dict[str, str]:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {s.id: " ".join(filter(None, [s.first_name, s.last_name])) or s.id
                for s in gradebook.students}


def awards(root: Path, levels: dict[str, LevelSpec],
           names: dict[str, str] | None = None) -> list[Award]:
    """The levels passed: every module of the level graded and at or above the pass mark."""
    names = {**learner_names(root), **(names or {})}
    by_learner: dict[tuple[str, str], dict[str, ModuleResult]] = {}
    for result in results(root, levels):
        by_learner.setdefault((result.learner, result.level), {})[result.module] = result
    found = []
    for (learner, level_id), modules in sorted(by_learner.items()):
        level = levels[level_id]
        if set(modules) != set(level.modules):
            continue
        if all(r.percent >= level.pass_mark for r in modules.values()):
            found.append(Award(
                learner, names.get(learner, learner), level.id, level.name, level.path_title,
                level.objectives, level.pass_mark,
                sum(r.score for r in modules.values()),
                sum(r.max_score for r in modules.values())))
    return found
