"""nbgrader round trip of every assignment, with real `nbgrader` commands and the sandbox.

Solutions autograde to full marks; an untouched release notebook to zero without crashing;
a wrong answer loses that exercise's points with a French message; tricks (an object whose
`__eq__` always says True, an edited hidden test) get no points.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kubernetes import client
from cpnkit.curriculum import load
from graders.autograde import (
    autograde,
    grading_namespaces,
    prepare_learner,
    release_learner,
    scores,
)

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

ASSIGNMENTS = [a.id for a in load().assignments.values() if any(m.written for m in a.modules)]


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
    env = prepare_learner(admin_api, learner, modules, tmp_path)
    env["CPN_ANSWERS_DIR"] = str(tmp_path / "reponses")
    try:
        autograde(root, assignment, learner, env)
        # under grading: clean-up still ran, and no answers file was written
        assert _left_behind(admin_api, learner, modules) == []
        assert not (tmp_path / "reponses").exists()
    finally:
        release_learner(admin_api, learner, modules)
    return {s.notebook: s for s in scores(root, assignment, learner)}, losing


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_round_trip(assignment, course_root, admin_api, tmp_path, make_submission, submissions):
    modules = [m.id for m in load().assignment(assignment).modules if m.written]

    full, _ = _grade(make_submission, course_root, admin_api, assignment, "alice", "solutions",
                     modules, tmp_path)
    for module in modules:
        assert full[module].max_score >= 10
        assert full[module].score == full[module].max_score, module

    blank, _ = _grade(make_submission, course_root, admin_api, assignment, "bob", "vierge",
                      modules, tmp_path)
    assert all(s.score == 0 for s in blank.values())

    for learner, kind in (("carol", "erreur"), ("dave", "triche")):
        graded, losing = _grade(make_submission, course_root, admin_api, assignment, learner,
                                kind, modules,
                                tmp_path)
        for module in modules:
            cells = _grade_cells(course_root, learner, assignment, module)
            lost = {cid for cid, c in cells.items() if _errors(c)}
            assert lost == losing[module], (module, kind)
            points = sum(c["metadata"]["nbgrader"]["points"] for cid, c in cells.items()
                         if cid in lost)
            assert graded[module].score == full[module].max_score - points
            for change in submissions.get(module, {}).get("wrong" if kind == "erreur" else "x", []):
                assert change["message"] in _errors(cells[change["loses"]])
                assert "❌" in _errors(cells[change["loses"]])
