"""`cpn grade` on a cohort: parallel, isolated, robust, and equal to a sequential run."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

import sandbox
from cpnkit import course
from cpnkit.course import grading_fixtures
from cpnkit.curriculum import NOTEBOOKS_DIR, load
from graders.autograde import autograde, prepare_learner, release_learner
from graders.cohort import CohortGrader

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

ASSIGNMENT, MODULE = "decouverte", "premiers-pas-bac-a-sable"
PREFIX = MODULE.replace("-", "_")


def _cell_scores(root: Path, learners: list[str]) -> dict[tuple[str, str], float]:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {(learner, grade.name): grade.score
                for learner in learners
                for grade in gradebook.find_submission_notebook(MODULE, ASSIGNMENT,
                                                                learner).grades}


def _notebook(change=None):
    notebook = nbformat.read(NOTEBOOKS_DIR / f"{MODULE}.ipynb", as_version=4)
    if change:
        change(notebook)
    return notebook


def _cell(notebook, name: str):
    return next(c for c in notebook.cells if c.id == f"{PREFIX}_{name}")


def _place(root: Path, learner: str, notebook) -> None:
    target = root / "submitted" / learner / ASSIGNMENT
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    nbformat.write(notebook, target / f"{MODULE}.ipynb")
    (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")


def _set(name: str, source: str):
    def change(notebook):
        _cell(notebook, name).source = textwrap.dedent(source)
    return change


def _malicious(admin_kubeconfig: Path, victim_namespace: str) -> str:
    cluster_dir = admin_kubeconfig.parent / "kwok" / "clusters"
    return f"""
    import glob, json, os
    from kubernetes import client
    seen = {{}}
    targets = [{str(admin_kubeconfig)!r}, os.path.expanduser("~/.kube/config"),
               *glob.glob({str(cluster_dir)!r} + "/*/pki/*.key"), "/root/.kube/config"]
    for path in targets:
        try:
            open(path).read()
            seen[path] = "LU"
        except Exception as error:
            seen[path] = type(error).__name__
    seen["variables"] = sorted(k for k, v in os.environ.items()
                               if "KUBECONFIG" in k and k != "CPN_GRADING_KUBECONFIG"
                               or {str(admin_kubeconfig)!r} in v)
    try:
        client.CoreV1Api(api).delete_namespace({victim_namespace!r})
        seen["suppression"] = "OK"
    except client.ApiException as error:
        seen["suppression"] = error.status
    print("ESPION " + json.dumps(seen))
    zones = {{n.metadata.name: n.metadata.labels["topology.kubernetes.io/zone"]
             for n in client.CoreV1Api(api).list_node().items}}
    """


@pytest.fixture(scope="module")
def graded(course_root, admin_api, sandbox):
    """Nine submissions graded two at a time, with a 10 s cell timeout."""
    victim = sandbox_namespace("alice")
    submissions = {
        "alice": _notebook(),
        "bob": nbformat.read(course_root / "release" / ASSIGNMENT / f"{MODULE}.ipynb", 4),
        "carol": _notebook(_set("deploiement_solution", '''
            hello_deployment = {"apiVersion": "apps/v1", "kind": "Deployment",
                                "metadata": {"name": "hello"}, "spec": {}}
            ''')),
        "espion": _notebook(_set("zones_solution",
                                 _malicious(sandbox.kubeconfig(), victim))),
        "boucle": _notebook(_set("zones_solution", "while True:\n    pass\n")),
        "crash": _notebook(_set("zones_solution", "import os\nos._exit(1)\n")),
        "effaceur": _notebook(lambda nb: nb.cells.remove(_cell(nb, "zones_tests"))),
        "retoucheur": _notebook(_set("zones_tests", "pass  # plus de test")),
        "menteur": _notebook(_set("zones_solution", '''
            class Zones(dict):
                def __eq__(self, other):
                    return True
            zones = Zones()
            ''')),
    }
    for learner, notebook in submissions.items():
        _place(course_root, learner, notebook)
    grader = CohortGrader(course_root, ASSIGNMENT, [MODULE], admin_api,
                          grading_fixtures(load(), [MODULE]), workers=2, cell_timeout=10)
    run = grader.run()
    return {o.learner: o for o in run.outcomes}


def sandbox_namespace(learner: str) -> str:
    return sandbox.namespace_for(MODULE, learner)


def _autograded_text(root: Path, learner: str) -> str:
    path = root / "autograded" / learner / ASSIGNMENT / f"{MODULE}.ipynb"
    return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)


def test_every_submission_is_graded_and_feedback_written(graded, course_root):
    assert {o.learner: o.status for o in graded.values() if o.status not in (
        "notée", "délai dépassé")} == {}, {o.learner: o.detail for o in graded.values()}
    for learner in graded:
        assert (course_root / "feedback" / learner / ASSIGNMENT / f"{MODULE}.html").is_file()
    # the assignment holds other modules too (not submitted here): only this one is scored
    assert graded["alice"].score == 11 and graded["alice"].max_score >= 11
    assert graded["bob"].score == 0


def test_the_spy_reads_no_admin_credential_and_harms_nobody(graded, course_root):
    text = _autograded_text(course_root, "espion")
    line = next(chunk for chunk in text.split("ESPION ")[1:]).split("\\n")[0]
    seen = json.loads(line.replace('\\"', '"'))
    assert "LU" not in seen.values(), seen
    assert seen["variables"] == []
    assert seen["suppression"] == 403
    assert graded["espion"].score == 11  # its own work still counts
    assert graded["alice"].score == 11  # graded in parallel, unharmed


def test_an_endless_loop_loses_only_its_exercise(graded):
    assert graded["boucle"].status == "délai dépassé"
    assert graded["boucle"].score == 11 - 2


def test_a_kernel_crash_loses_only_its_exercise(graded, course_root):
    assert graded["crash"].score == 11 - 2
    assert "Le noyau Python s'est arrêté" in _autograded_text(course_root, "crash")


def test_deleted_edited_and_lying_answers_are_graded_correctly(graded):
    assert graded["effaceur"].score == 11 - 2  # a deleted test cell earns nothing
    assert graded["retoucheur"].score == 11  # the edited test is restored, and passes
    assert graded["menteur"].score == 11 - 2
    assert graded["carol"].score < 11


def test_the_gradebook_equals_a_sequential_nbgrader_run(graded, course_root, admin_api,
                                                        tmp_path):
    learners = ["alice", "bob", "carol", "menteur", "retoucheur"]
    sequential = tmp_path / "sequentiel"
    course.build(load(), sequential, [ASSIGNMENT], progress=lambda message: None)
    for learner in learners:
        shutil.copytree(course_root / "submitted" / learner, sequential / "submitted" / learner)
    fixtures = grading_fixtures(load(), [MODULE])
    for learner in learners:
        env = prepare_learner(admin_api, learner, [MODULE], tmp_path, fixtures)
        try:
            autograde(sequential, ASSIGNMENT, learner, env)
        finally:
            release_learner(admin_api, learner, [MODULE], fixtures)
    assert _cell_scores(sequential, learners) == _cell_scores(course_root, learners)
