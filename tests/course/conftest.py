"""A course directory built once per worker, and learners' submissions made from sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from cpnkit import course
from cpnkit.curriculum import NOTEBOOKS_DIR, load

SUBMISSIONS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in (Path(__file__).parent / "submissions").glob("*.yaml")}


@pytest.fixture(scope="session")
def curriculum():
    return load()


@pytest.fixture(scope="module")
def course_root(tmp_path_factory, curriculum) -> Path:
    root = tmp_path_factory.mktemp("course")
    course.build(curriculum, root, progress=lambda message: None)
    return root


def _cell(notebook, cell_id: str):
    return next(c for c in notebook.cells if c.id == cell_id)


def _apply(notebook, change: dict) -> None:
    cell = _cell(notebook, change["cell"])
    if "source" in change:
        cell.source = change["source"]
    for old, new in change.get("replace", {}).items():
        assert old in cell.source, f"{old!r} not in {change['cell']}"
        cell.source = cell.source.replace(old, new)
    if "edit_test" in change:
        _cell(notebook, change["edit_test"]).source = "pass  # test modifié par l'apprenant"


def submit(root: Path, assignment: str, learner: str, modules: list[str],
           kind: str) -> dict[str, set[str]]:
    """Place a submission; return, per module, the grade cells expected to lose points.

    kind: "solutions" (the source notebook), "vierge" (the release notebook untouched),
    "erreur" (one wrong answer per exercise), "triche" (the tricks of submissions.yaml).
    """
    target = root / "submitted" / learner / assignment
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    losing: dict[str, set[str]] = {}
    for module in modules:
        if kind == "vierge":
            shutil.copy2(root / "release" / assignment / f"{module}.ipynb", target)
            continue
        notebook = nbformat.read(NOTEBOOKS_DIR / f"{module}.ipynb", as_version=4)
        changes = SUBMISSIONS.get(module, {}).get({"erreur": "wrong", "triche": "tricks"}
                                                  .get(kind, ""), [])
        for change in changes:
            _apply(notebook, change)
        losing[module] = {change["loses"] for change in changes}
        nbformat.write(notebook, target / f"{module}.ipynb")
    (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
    return losing


@pytest.fixture(scope="session")
def submissions() -> dict:
    return SUBMISSIONS


@pytest.fixture(scope="session")
def make_submission():
    return submit
