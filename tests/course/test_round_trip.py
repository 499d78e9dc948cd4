"""nbgrader round trip of every assignment, with real `nbgrader` commands and the sandbox.

For every assignment: the solutions autograde to full marks and an untouched release
notebook to zero without crashing. For every module (in the first assignment that lists it):
a wrong answer per exercise loses that exercise's points with a French message, and tricks
(an object whose `__eq__` always says True, an edited hidden test) get no points.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kubernetes import client

from cpnkit.course import grading_fixtures
from cpnkit.curriculum import load
from graders.autograde import (
    autograde,
    grading_namespaces,
    prepare_learner,
    release_learner,
    scores,
)

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

CURRICULUM = load()
ASSIGNMENTS = [a.id for a in CURRICULUM.assignments.values() if any(m.written for m in a.modules)]


def _first_listing(module: str) -> str:
    return next(a for a in ASSIGNMENTS
                if module in [m.id for m in CURRICULUM.assignment(a).modules])


def _grade_cells(root: Path, learner: str, assignment: str, module: str) -> dict[str, dict]:
    path = root / "autograded" / learner / assignment / f"{module}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {c["id"]: c for c in cells if c["metadata"].get("nbgrader", {}).get("grade")}


def _errors(cell: dict) -> str:
    return "\n".join(o.get("evalue", "") + "\n".join(o.get("traceback", []))
                     for o in cell.get("outputs", []) if o["output_type"] == "error")


def _left_behind(admin_api, learner: str, modules: list[str]) -> list[str]:
    apps = client.AppsV1Api(admin_api)
    return [f"{ns}/{d.metadata.name}" for ns in grading_namespaces(learner, modules)
            for d in apps.list_namespaced_deployment(ns).items]


def _grade(submit, root, admin_api, assignment, learner, kind, modules, tmp_path):
    losing = submit(root, assignment, learner, modules, kind)
    fixtures = grading_fixtures(CURRICULUM, modules)
    env = prepare_learner(admin_api, learner, modules, tmp_path, fixtures)
    env["CPN_ANSWERS_DIR"] = str(tmp_path / "reponses")
    try:
        autograde(root, assignment, learner, env)
        # under grading: clean-up still ran, and no answers file was written
        assert _left_behind(admin_api, learner, modules) == []
        assert not (tmp_path / "reponses").exists()
    finally:
        release_learner(admin_api, learner, modules, fixtures)
    return {s.notebook: s for s in scores(root, assignment, learner)}, losing


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_round_trip(assignment, course_root, admin_api, tmp_path, make_submission, submissions):
    modules = [m.id for m in CURRICULUM.assignment(assignment).modules if m.written]

    def grade(learner, kind, chosen):
        return _grade(make_submission, course_root, admin_api, assignment, learner, kind,
                      chosen, tmp_path)

    full, _ = grade("alice", "solutions", modules)
    for module in modules:
        assert full[module].max_score >= 10
        assert full[module].score == full[module].max_score, module

    blank, _ = grade("bob", "vierge", modules)
    assert all(s.score == 0 for s in blank.values())

    own = [m for m in modules if _first_listing(m) == assignment]
    if not own:
        return
    for learner, kind in (("carol", "erreur"), ("dave", "triche")):
        graded, losing = grade(learner, kind, own)
        for module in own:
            cells = _grade_cells(course_root, learner, assignment, module)
            lost = {cid for cid, c in cells.items() if _errors(c)}
            assert lost == losing[module], (module, kind)
            points = sum(cells[cid]["metadata"]["nbgrader"]["points"] for cid in lost)
            assert graded[module].score == full[module].max_score - points
            if kind == "erreur":
                for change in submissions[module]["wrong"]:
                    shown = _errors(cells[change["loses"]])
                    assert change["message"] in shown and "❌" in shown, change["cell"]
            else:
                assert 0 < graded[module].score < full[module].max_score


def test_every_exercise_of_every_written_module_has_a_wrong_answer(submissions):
    for module in (m for m in CURRICULUM.modules.values() if m.written):
        notebook = json.loads(module.notebook.read_text(encoding="utf-8"))
        grade_cells = {c["id"] for c in notebook["cells"]
                       if c["metadata"].get("nbgrader", {}).get("grade")}
        covered = {w["loses"] for w in submissions.get(module.id, {}).get("wrong", [])}
        assert grade_cells == covered, module.id
        assert submissions[module.id].get("tricks"), module.id
