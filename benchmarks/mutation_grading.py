"""Cost of grading a learner's test suite by mutation with the rewrite check (graders.rewrite):
the hidden mutation checks of the three modules, on their reference suites, timed the old way
(original and mutants only) and the new way (plus a rewrite of the code under test, mutants
rewritten, without source), alternately in the same run. Target (issue 14): ≤ 1.3× per
submission overall: with `--autograde`, an honest submission of each module is also graded
for real (nbgrader autograde, the kit's trusted executor and cage, a private light sandbox),
and the ratio per submission is that time over that time less the difference measured.

    .venv/bin/python benchmarks/mutation_grading.py [--runs 5] [--autograde]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from common import machine, private_sandbox

from cpnkit import course
from cpnkit.course import grading_fixtures
from cpnkit.curriculum import NOTEBOOKS_DIR, load
from graders import mutation, testsuites
from graders.autograde import autograde, prepare_learner, release_learner
from sandbox.health import api_client
from sandbox.progress import QUIET

UNITS = NOTEBOOKS_DIR / "tests-unitaires-fonctionnels-performance"
INTEGRATION = NOTEBOOKS_DIR / "tests-integration-acceptance"
TDD = NOTEBOOKS_DIR / "tdd-non-regression-smoke-intrusion"
ASSIGNMENTS = {"tests-unitaires-fonctionnels-performance": "qualite-n2",
               "tests-integration-acceptance": "qualite-n1",
               "tdd-non-regression-smoke-intrusion": "qualite-n3"}


def _cell(module: str, cell_id: str) -> str:
    notebook = json.loads((NOTEBOOKS_DIR / f"{module}.ipynb").read_text(encoding="utf-8"))
    return "".join(next(c for c in notebook["cells"] if c.get("id") == cell_id)["source"])


def _solution(module: str, cell_id: str) -> str:
    lines = _cell(module, cell_id).splitlines()[1:]  # without %%writefile
    return "\n".join(line for line in lines if not line.startswith("###")) + "\n"


def _old_report(project: Path, mutants, *args: str) -> mutation.MutationReport:
    """mutation_report as it was: the original and one plain copy per mutant."""
    arguments = args or ("tests",)
    with tempfile.TemporaryDirectory(prefix="cpn-bench-") as scratch:
        runs = {"": (project, arguments)} | {
            m.id: (mutation.mutant_copy(project, m, Path(scratch) / m.id), arguments)
            for m in mutants}
        done = testsuites.run_many(runs)
    original = done.pop("")
    return mutation.MutationReport(original, done, tuple(mutants))


def _units(root: Path) -> Callable[[bool], bool]:
    module = "tests-unitaires-fonctionnels-performance"
    shutil.copytree(UNITS, root, ignore=mutation.IGNORED)
    (root / "travail").mkdir()
    groups = {"unitaires": "test_regles.py", "fonctionnels": "test_api.py"}
    for group, name in groups.items():
        cell = {"unitaires": "unitaires", "fonctionnels": "api"}[group]
        (root / "travail" / name).write_text(_solution(module, f"{module.replace('-', '_')}_"
                                                               f"{cell}_solution"))

    def grade(new: bool) -> bool:
        ok = True
        for group, name in groups.items():
            mutants = mutation.load_mutants(root / "mutants.yaml", group)
            report = (mutation.mutation_report(root, mutants, f"travail/{name}") if new
                      else _old_report(root, mutants, f"travail/{name}"))
            ok &= report.original.green and report.survivors == []
        return ok
    return grade


def _integration(root: Path) -> Callable[[bool], bool]:
    module = "tests-integration-acceptance"
    root.mkdir()
    project = mutation.workspace(INTEGRATION / "rdv", prefix=str(root) + "/")
    scope: dict = {}
    exec(_cell(module, "tests_integration_acceptance_integration_solution").split(
        "fichier =")[0], scope)
    (project / "tests" / "test_integration.py").write_text(scope["TESTS_INTEGRATION"])
    mutants = mutation.load_mutants(INTEGRATION / "mutants.yaml")

    def grade(new: bool) -> bool:
        report = mutation.mutation_report(project, mutants) if new else _old_report(
            project, mutants)
        return report.original.green and report.survivors == []
    return grade


def _tdd(root: Path) -> Callable[[bool], bool]:
    module = "tdd-non-regression-smoke-intrusion"
    prefix = module.replace("-", "_")
    hidden = _cell(module, f"{prefix}_tdd_rouge_tests")
    scope: dict = {}
    exec(hidden[hidden.index("_REFERENCE"):hidden.index("_ebauche =")], scope)
    stub = TDD / "depot-rdv" / "rdv" / "dossiers.py"
    versions = {k: {"rdv/__init__.py": "", "rdv/dossiers.py": v} for k, v in
                {"reference": scope["_REFERENCE"], "ebauche": stub, **scope["_MUTANTS"]}.items()}
    origin = TDD / "depot-rdv" / "rdv" / "creneaux.py"
    fixed = origin.read_text(encoding="utf-8").replace("while debut < fin:",
                                                       "while debut + DUREE_CRENEAU <= fin:")
    regression = {"origine": {"rdv/__init__.py": "", "rdv/creneaux.py": origin},
                  "corrige": {"rdv/__init__.py": "", "rdv/creneaux.py": fixed}}
    red = root / "test_numero_dossier.py"
    red.write_text(_solution(module, f"{prefix}_tdd_rouge_solution"))
    non_regression = root / "test_regression_412.py"
    non_regression.write_text(_solution(module, f"{prefix}_regression_solution"))

    def grade(new: bool) -> bool:  # a test file given as text is not rewritten: the old way
        runs = testsuites.verdicts(red if new else red.read_text(), versions, red.name)
        again = testsuites.verdicts(non_regression if new else non_regression.read_text(),
                                    regression, non_regression.name)
        return (runs["reference"].green and not any(
            r.green for k, r in runs.items() if k != "reference")
            and again["corrige"].green and not again["origine"].green)
    return grade


def autograde_seconds(modules: list[str]) -> dict[str, float]:
    """Seconds to grade an honest submission of each module (its solutions), for real."""
    curriculum = load()
    provider = private_sandbox("mutation")
    provider.up(QUIET)
    found = {}
    try:
        with api_client(provider.kubeconfig()) as api, \
                tempfile.TemporaryDirectory(prefix="cpn-bench-cours-") as scratch:
            for module in modules:
                assignment = ASSIGNMENTS[module]
                root = Path(scratch) / assignment
                course.build(curriculum, root, only=[assignment], progress=lambda m: None)
                target = root / "submitted" / "honnete" / assignment
                target.mkdir(parents=True)
                nbformat.write(nbformat.read(NOTEBOOKS_DIR / f"{module}.ipynb", 4),
                               target / f"{module}.ipynb")
                (target / "timestamp.txt").write_text("2026-12-07 10:00:00.000000 UTC")
                fixtures = grading_fixtures(curriculum, [module])
                start = time.monotonic()
                env = prepare_learner(api, "honnete", [module], Path(scratch) / "w", fixtures)
                try:
                    autograde(root, assignment, "honnete", env)
                finally:
                    release_learner(api, "honnete", [module], fixtures)
                found[module] = time.monotonic() - start
    finally:
        provider.down(QUIET)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--autograde", action="store_true",
                        help="corriger aussi une copie juste de chaque module (bac à sable privé)")
    args = parser.parse_args()
    print(f"- Machine : {machine()}")
    with tempfile.TemporaryDirectory(prefix="cpn-bench-mutation-") as scratch:
        graders = {"tests-unitaires-fonctionnels-performance": _units(Path(scratch) / "u"),
                   "tests-integration-acceptance": _integration(Path(scratch) / "i"),
                   "tdd-non-regression-smoke-intrusion": _tdd(Path(scratch))}
        deltas = {}
        for module, grade in graders.items():
            times: dict[bool, list[float]] = {False: [], True: []}
            for _ in range(args.runs):
                for new in (False, True):  # alternate: the load of the machine hits both
                    start = time.monotonic()
                    assert grade(new), (module, new)
                    times[new].append(time.monotonic() - start)
            before, after = statistics.median(times[False]), statistics.median(times[True])
            deltas[module] = after - before
            print(f"- {module} : vérifications par mutation avant **{before:.2f} s**, après "
                  f"**{after:.2f} s** (médianes de {args.runs}) ; rapport "
                  f"**{after / before:.2f}x** (+{after - before:.2f} s)")
    if args.autograde:
        for module, seconds in autograde_seconds(list(graders)).items():
            print(f"- {module} : correction d'une copie juste (après) **{seconds:.1f} s** ; "
                  f"par copie **{seconds / (seconds - deltas[module]):.2f}x**")


if __name__ == "__main__":
    main()
