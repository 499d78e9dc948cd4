"""What the trusted executor does with each cell, read from the course's *source* notebook.

A submitted notebook is the learner's file: its cell metadata can be edited like its code.
So the roles come from the source notebook of the course (source/<assignment>/<module>.ipynb),
matched by cell id: grade cells (nbgrader `grade: true`) are judged by the grader; locked
cells marked `cpn.trusted: true` run in the kernel and again in the trusted namespace; a grade
cell's `cpn.inputs` lists the learner's names it may read. The code run as trusted is the
source notebook's too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GradingError


@dataclass(frozen=True)
class TrustedCell:
    cell_id: str
    order: int
    source: str
    grade: bool
    inputs: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Plan:
    cells: dict[str, TrustedCell]

    def get(self, cell_id: str | None) -> TrustedCell | None:
        return self.cells.get(cell_id or "")


def cell_roles(notebook: dict) -> dict[str, TrustedCell]:
    roles = {}
    for order, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        grade = bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))
        cpn = cell.get("metadata", {}).get("cpn", {})
        if grade or cpn.get("trusted"):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(
                cell["source"])
            roles[cell["id"]] = TrustedCell(cell["id"], order, source, grade,
                                            tuple(cpn.get("inputs", ())))
    return roles


def migrated(notebook: dict) -> bool:
    """False for a module whose grade cells still run in the kernel (`cpn.trusted_grading:
    false` in the notebook's metadata), until its trusted grading is verified."""
    return notebook.get("metadata", {}).get("cpn", {}).get("trusted_grading", True) is not False


def load(source_notebook: Path) -> Plan:
    if not source_notebook.is_file():
        raise GradingError(f"Carnet source introuvable : {source_notebook}.",
                           "Reconstruisez le cours avec « cpn course build ».")
    notebook = json.loads(source_notebook.read_text(encoding="utf-8"))
    return Plan(cell_roles(notebook) if migrated(notebook) else {})
