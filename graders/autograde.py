"""Autograding one learner with nbgrader, with credentials limited to the learner's namespaces.

The learner's code never sees the admin kubeconfig: before `nbgrader autograde`, a
ServiceAccount allowed only in the learner's grading namespaces (one per module) is created,
and its token kubeconfig is handed to the kernels through `CPN_GRADING_KUBECONFIG`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException

import sandbox

from .errors import GradingError


def nbgrader(root: Path, *args: str, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Run an nbgrader command in a course directory, with this environment's tools on
    PATH (nbgrader calls `alembic` by name)."""
    bin_dir = str(Path(sys.executable).parent)
    environment = {**os.environ, **(env or {})}
    environment["PATH"] = f"{bin_dir}{os.pathsep}{environment.get('PATH', '')}"
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root,
                          capture_output=True, text=True, env=environment)


def grading_namespaces(learner: str, modules: list[str]) -> list[str]:
    return [sandbox.namespace_for(module, learner) for module in modules]


@dataclass(frozen=True)
class ModuleFixtures:
    """The fixture template of a module and its support folder (see sandbox.fixtures)."""

    template: str
    support_dir: Path


def _fixture_objects(learner: str, fixtures: dict[str, ModuleFixtures]) -> list[dict]:
    return [obj for module, fixture in fixtures.items()
            for obj in sandbox.render_fixtures(fixture.template,
                                               sandbox.namespace_for(module, learner),
                                               fixture.support_dir)]


def prepare_learner(admin: client.ApiClient | None, learner: str, modules: list[str],
                    workdir: Path, fixtures: dict[str, ModuleFixtures] | None = None,
                    simulated: bool = True) -> dict[str, str]:
    """Namespaces, module fixtures and a restricted kubeconfig for one learner; returns the
    environment of the learner's kernels. Without a client (no module of the level uses the
    cluster), the kernels get no credentials at all."""
    if admin is None:
        return {"CPN_LEARNER": learner, "CPN_GRADING": "1"}
    namespaces = grading_namespaces(learner, modules)
    kubeconfig = sandbox.restricted_kubeconfig(admin, namespaces, workdir / f"{learner}.kubeconfig")
    sandbox.apply_fixtures(admin, _fixture_objects(learner, fixtures or {}), simulated)
    return {"CPN_GRADING_KUBECONFIG": str(kubeconfig), "CPN_LEARNER": learner,
            "CPN_GRADING": "1"}


def release_learner(admin: client.ApiClient | None, learner: str, modules: list[str],
                    fixtures: dict[str, ModuleFixtures] | None = None) -> None:
    """Delete the learner's grading namespaces (and everything in them) and fixtures."""
    if admin is None:
        return
    dyn = dynamic.DynamicClient(admin)
    for obj in _fixture_objects(learner, fixtures or {}):
        try:
            resource = dyn.resources.get(api_version=obj["apiVersion"], kind=obj["kind"])
            resource.delete(name=obj["metadata"]["name"],
                            namespace=obj["metadata"].get("namespace"))
        except (ApiException, dynamic.exceptions.ResourceNotFoundError):
            continue
    core = client.CoreV1Api(admin)
    for namespace in grading_namespaces(learner, modules):
        try:
            core.delete_namespace(namespace)
        except ApiException as error:
            if error.status != 404:
                raise


@dataclass(frozen=True)
class NotebookScore:
    notebook: str
    score: float
    max_score: float


def autograde(root: Path, assignment: str, learner: str,
              env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`nbgrader autograde` for one learner's submission of one assignment."""
    result = nbgrader(root, "autograde", assignment, "--student", learner, "--force", env=env)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-20:])
        raise GradingError(f"nbgrader autograde {assignment} ({learner}) a échoué :\n{tail}",
                           "Consultez le journal ci-dessus ; la copie n'a pas été notée.")
    return result


def scores(root: Path, assignment: str, learner: str) -> list[NotebookScore]:
    """The scores of one learner's autograded notebooks, read from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(assignment, learner)
        return [NotebookScore(nb.name, nb.score, nb.max_score) for nb in submission.notebooks]
