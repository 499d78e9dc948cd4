"""Grading a learner's tests: run pytest on them, then on mutants of the code under test.

A good test suite passes on the correct code and fails on a faulty copy of it (a *mutant*:
the same code with one typical bug). Each mutant is one textual replacement, described in
French, in a copy of the package; pytest runs in a subprocess, with a time limit, so that
nothing the tests import stays in the notebook's kernel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GradingError
from .results import CheckResult, failed, passed

WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class PytestRun:
    """What one pytest run found: counts read from its JUnit report, and its output."""

    exit_code: int
    passed: int
    failed: int
    errors: int
    skipped: int
    output: str

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.errors

    @property
    def green(self) -> bool:
        """At least one test ran and every test passed."""
        return self.exit_code == 0 and self.passed > 0

    def summary(self) -> str:
        return (f"{self.passed} réussi(s), {self.failed} échoué(s), {self.errors} erreur(s)"
                + (f", {self.skipped} ignoré(s)" if self.skipped else ""))


@dataclass(frozen=True)
class Mutant:
    """One typical bug: `old` replaced by `new` (once) in `file` of the package."""

    id: str
    file: str
    old: str
    new: str
    description: str


def load_mutants(path: str | Path, group: str = "mutants") -> list[Mutant]:
    """Les mutants du groupe `group` d'un fichier YAML (liste de id, file, old, new,
    description)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not data.get(group):
        raise GradingError(f"Aucun mutant dans le groupe « {group} » de {path}.")
    return [Mutant(**item) for item in data[group]]


def _counts(report: Path) -> tuple[int, int, int, int]:
    if not report.is_file():
        return 0, 0, 0, 0
    root = ElementTree.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = failures = errors = skipped = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0))
        errors += int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return total - failures - errors - skipped, failures, errors, skipped


def run_pytest(tests: str | Path | Sequence[str | Path], code_dir: str | Path,
               timeout: float = 60) -> PytestRun:
    """Lancer pytest sur des fichiers de tests, avec `code_dir` en tête du chemin d'import.

    `code_dir` est le dossier qui contient le paquet testé. Renvoie les nombres de tests
    réussis, échoués et en erreur, et la sortie de pytest.
    """
    paths = [tests] if isinstance(tests, str | Path) else list(tests)
    files = [Path(p).resolve() for p in paths]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise GradingError(f"Fichier de tests introuvable : {', '.join(missing)}.",
                           "Exécutez d'abord la cellule qui écrit le fichier de tests.")
    with tempfile.TemporaryDirectory(prefix="cpn-pytest-") as work:
        ini, report = Path(work) / "pytest.ini", Path(work) / "rapport.xml"
        ini.write_text("[pytest]\n", encoding="utf-8")
        environment = {**os.environ, "PYTHONPATH": str(Path(code_dir).resolve()),
                       "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "pytest", *map(str, files), "-c", str(ini),
                   "--rootdir", work, "-q", "-p", "no:cacheprovider", "--tb=short",
                   "--color=no", f"--junitxml={report}"]
        try:
            result = subprocess.run(command, cwd=work, env=environment, capture_output=True,
                                    text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return PytestRun(-1, 0, 0, 1, 0, f"pytest a dépassé {timeout:.0f} s.")
        ok, failures, errors, skipped = _counts(report)
        return PytestRun(result.returncode, ok, failures, errors, skipped,
                         (result.stdout + result.stderr).strip())


def _mutate(code_dir: Path, mutant: Mutant, target: Path) -> None:
    shutil.copytree(code_dir, target, ignore=shutil.ignore_patterns("__pycache__"))
    path = target / mutant.file
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise GradingError(f"Mutant « {mutant.id} » : le texte à remplacer doit apparaître une "
                           f"fois exactement dans {mutant.file}.",
                           "Le code du module a changé : mettez à jour mutants.yaml.")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def mutation_results(tests: str | Path | Sequence[str | Path], package_dir: str | Path,
                     mutants: Sequence[Mutant]) -> dict[str, bool]:
    """Pour chaque mutant, True si les tests le détectent (au moins un test échoue).

    N'a de sens que si les tests réussissent sur le code correct (voir `tests_pass`).
    """
    package = Path(package_dir).resolve()
    with tempfile.TemporaryDirectory(prefix="cpn-mutant-") as work:
        roots = {}
        for mutant in mutants:
            roots[mutant.id] = Path(work) / mutant.id
            _mutate(package, mutant, roots[mutant.id] / package.name)
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            runs = dict(zip(roots, pool.map(lambda root: run_pytest(tests, root),
                                            roots.values()), strict=True))
    return {name: run.total > 0 and not run.green for name, run in runs.items()}


def tests_pass(tests: str | Path | Sequence[str | Path], package_dir: str | Path,
               minimum: int = 1, what: str = "vos tests") -> CheckResult:
    """Les tests s'exécutent et réussissent tous sur le code correct (au moins `minimum`)."""
    run = run_pytest(tests, Path(package_dir).resolve().parent)
    if run.green and run.passed >= minimum:
        return passed(f"{what} réussissent sur le code correct ({run.summary()})")
    last = "\n              ".join(run.output.splitlines()[-8:])
    return failed(f"{what} sur le code correct", f"au moins {minimum} test(s), tous réussis",
                  f"{run.summary()}\n              {last}",
                  "Un test qui échoue sur le code correct teste une règle mal comprise : "
                  "relisez l'énoncé de la règle.", final=True)


def tests_kill_mutants(tests: str | Path | Sequence[str | Path], package_dir: str | Path,
                       mutants: Sequence[Mutant], what: str = "vos tests") -> CheckResult:
    """Les tests détectent chaque mutant (chaque bug typique fait échouer au moins un test)."""
    original = tests_pass(tests, package_dir, what=what)
    if not original.ok:
        return original
    results = mutation_results(tests, package_dir, mutants)
    survivors = [m for m in mutants if not results[m.id]]
    label = f"{what} détectent les bugs typiques ({len(mutants) - len(survivors)}/{len(mutants)})"
    if not survivors:
        return passed(label)
    return failed(label, "chaque bug typique fait échouer au moins un test",
                  "non détecté(s) : " + " ; ".join(m.description for m in survivors),
                  "Ajoutez un test qui vérifie cette règle, en particulier ses cas limites.",
                  final=True)
