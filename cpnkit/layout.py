"""Where things are in the learner workspace: one folder per path, numbered in course order,
holding one folder per level named like its nbgrader assignment (see cpnkit.workspace)."""

from __future__ import annotations

import os
from pathlib import Path

from .curriculum import NOTEBOOKS_DIR, Assignment, Curriculum
from .manifest import MANIFEST

WELCOME = "bienvenue.ipynb"


def folder(curriculum: Curriculum, assignment: Assignment) -> Path:
    """The folder of one level inside the workspace, e.g. `1-qualite/qualite-n1`."""
    rank = list(curriculum.paths).index(assignment.path.id)
    return Path(f"{rank}-{assignment.path.id}") / assignment.id


def module_link(curriculum: Curriculum, assignment_id: str | None, module_id: str,
                here: Path | None = None) -> str | None:
    """A relative link from the running notebook's folder to a module's notebook, or None when
    there is none. In a workspace (a folder above holds its manifest) the link follows the
    workspace layout, into the level `assignment_id` (default: the first level that lists the
    module); among the source notebooks, they all sit side by side."""
    here = (here or Path.cwd()).resolve()
    root = next((p for p in (here, *here.parents) if (p / MANIFEST).is_file()), None)
    if root is None:
        return f"{module_id}.ipynb" if (NOTEBOOKS_DIR / f"{module_id}.ipynb").is_file() else None
    levels = [a for a in curriculum.assignments.values()
              if a.id == assignment_id or (assignment_id is None
                                           and module_id in {m.id for m in a.modules})]
    if not levels:
        return None
    target = root / folder(curriculum, levels[0]) / f"{module_id}.ipynb"
    return os.path.relpath(target, here) if target.is_file() else None
