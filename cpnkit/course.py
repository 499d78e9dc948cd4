"""Course assembly: an nbgrader course directory built from `paths/` and `notebooks/`.

One assignment per path-level (`qualite-n2`, …) plus `decouverte`. A module is written once
in `notebooks/` and copied into every assignment that lists it; modules listed but not written
yet are reported, never silently skipped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from graders.autograde import ModuleFixtures, nbgrader
from graders.levels import LevelSpec

from .curriculum import NOTEBOOKS_DIR, Assignment, Curriculum
from .errors import KitError

CONFIG_TEMPLATE = Path(__file__).resolve().parent / "course_files" / "nbgrader_config.py"


@dataclass(frozen=True)
class AssignmentStatus:
    id: str
    title: str
    written: list[str]
    planned: list[str]

    @property
    def complete(self) -> bool:
        return not self.planned


def status(curriculum: Curriculum) -> list[AssignmentStatus]:
    """Per path-level, the modules written and those still planned."""
    return [
        AssignmentStatus(
            a.id, f"{a.path.title} — {a.level.title}",
            [m.id for m in a.modules if m.written], [m.id for m in a.modules if not m.written])
        for a in curriculum.assignments.values()
    ]


@dataclass
class BuildReport:
    root: Path
    generated: list[str] = field(default_factory=list)
    planned: dict[str, list[str]] = field(default_factory=dict)


# what running a source notebook leaves beside it (files the learner's cells write, caches):
# never release material, and never part of what the material is made from
RUN_OUTPUTS = ("travail", "__pycache__", ".ipynb_checkpoints", ".pytest_cache")


def _copy_module(module_id: str, destination: Path) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(NOTEBOOKS_DIR / f"{module_id}.ipynb", destination / f"{module_id}.ipynb")
    support = NOTEBOOKS_DIR / module_id  # data files shipped with a module, if any
    if support.is_dir():
        shutil.copytree(support, destination / module_id, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(*RUN_OUTPUTS))


def _generate(root: Path, assignment: str) -> None:
    result = nbgrader(root, "generate_assignment", assignment, "--force")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise KitError(f"nbgrader generate_assignment {assignment} a échoué :\n{tail}",
                       "Vérifiez les métadonnées nbgrader du carnet (cellules verrouillées, "
                       "identifiants, points).")


def assemble(curriculum: Curriculum, root: Path, assignment: Assignment) -> list[str]:
    """Copy the written modules of one assignment into the course source; return the
    planned (not written) ones."""
    source = root / "source" / assignment.id
    if source.exists():
        shutil.rmtree(source)
    written = [m for m in assignment.modules if m.written]
    for module in written:
        _copy_module(module.id, source)
    return [m.id for m in assignment.modules if not m.written]


def build(curriculum: Curriculum, root: Path, only: list[str] | None = None,
          generate: bool = True, progress=print) -> BuildReport:
    """Assemble the course directory and generate the learner versions with nbgrader."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CONFIG_TEMPLATE, root / "nbgrader_config.py")
    report = BuildReport(root)
    chosen = [curriculum.assignment(a) for a in only] if only else list(
        curriculum.assignments.values())
    for assignment in chosen:
        planned = assemble(curriculum, root, assignment)
        if planned:
            report.planned[assignment.id] = planned
        if len(planned) == len(assignment.modules):
            progress(f"{assignment.id} : aucun module écrit, ignoré pour l'instant.")
            continue
        if generate:
            progress(f"{assignment.id} : génération de la version apprenant…")
            _generate(root, assignment.id)
        report.generated.append(assignment.id)
    return report


def grading_fixtures(curriculum: Curriculum, modules: list[str]) -> dict[str, ModuleFixtures]:
    """The fixtures the grading runner applies for these modules (see sandbox.fixtures)."""
    found = {}
    for module_id in modules:
        module = curriculum.module(module_id)
        if module.fixtures_template:
            found[module_id] = ModuleFixtures(module.fixtures_template, module.support_dir)
    return found


class CourseInfo:
    """The curriculum as the grading commands need it (graders may not import cpnkit)."""

    def __init__(self, loader) -> None:
        self._loader = loader  # read lazily: `cpn sandbox …` must work with a broken paths/

    @cached_property
    def curriculum(self) -> Curriculum:
        return self._loader()

    def levels(self) -> dict[str, LevelSpec]:
        return {
            a.id: LevelSpec(a.id, a.level.title, a.path.title, tuple(m.id for m in a.modules),
                            tuple(o.text for o in a.level.objectives), a.level.pass_mark,
                            tuple(m.id for m in a.modules if m.kind == "cluster"))
            for a in self.curriculum.assignments.values()
        }

    def fixtures(self, modules: list[str]) -> dict[str, ModuleFixtures]:
        return grading_fixtures(self.curriculum, modules)
