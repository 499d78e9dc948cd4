"""Run a learner's pytest suite on a project, and on mutants of that project.

A mutant is the project with one realistic bug planted by a text substitution (a mutation).
A good test suite passes on the real project and fails on every mutant: at least one test
that passes on the original fails on the mutant (the mutant is « killed »). A suite that
never fails is worth nothing, and this is how the kit measures it, from facts: pytest runs
in a separate process, its results are read from its JUnit XML report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GradingError
from .results import CheckResult, failed, passed

IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


@dataclass(frozen=True)
class SuiteRun:
    """The outcome of one pytest run: test ids that passed, failed (or errored), and the
    tail of pytest's output."""

    passed: tuple[str, ...]
    failed: tuple[str, ...]
    output: str

    @property
    def total(self) -> int:
        return len(self.passed) + len(self.failed)

    @property
    def green(self) -> bool:
        return self.total > 0 and not self.failed


@dataclass(frozen=True)
class Mutant:
    """One planted bug: replace `before` by `after` in `file` (exactly one occurrence)."""

    id: str
    description: str
    file: str
    before: str
    after: str


def load_mutants(path: Path) -> list[Mutant]:
    """Les mutants d'un fichier YAML (liste de id, description, fichier, avant, apres)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [Mutant(m["id"], m["description"], m["fichier"], m["avant"], m["apres"])
            for m in data]


def _parse_junit(report: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    passed_ids, failed_ids = [], []
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        outcome = {child.tag for child in case}
        if outcome & {"failure", "error"}:
            failed_ids.append(name)
        elif "skipped" not in outcome:
            passed_ids.append(name)
    return tuple(passed_ids), tuple(failed_ids)


def run_pytest(project: Path, tests: str = "tests", timeout: float = 60) -> SuiteRun:
    """Lancer pytest sur `tests` dans le dossier `project` (importable), dans un processus
    séparé ; renvoie les tests réussis et échoués."""
    project = Path(project)
    with tempfile.TemporaryDirectory(prefix="cpn-pytest-") as scratch:
        report = Path(scratch) / "junit.xml"
        env = {**os.environ, "PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # no third-party plugin: fast start
        env.pop("PYTEST_ADDOPTS", None)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "--color=no", "-p", "no:cacheprovider",
                 f"--junitxml={report}", "--rootdir", str(project), tests],
                cwd=project, capture_output=True, text=True, env=env, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise GradingError(f"Les tests ont dépassé {timeout:.0f} s.",
                               "Un test attend-il quelque chose qui n'arrive jamais ?") from error
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        if not report.is_file():
            return SuiteRun((), (), tail)
        passed_ids, failed_ids = _parse_junit(report)
    return SuiteRun(passed_ids, failed_ids, tail)


def workspace(application: Path, prefix: str = "cpn-tests-") -> Path:
    """Un espace de travail temporaire neuf : une copie de l'application et un dossier tests/."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(application, root / Path(application).name, ignore=IGNORED)
    (root / "tests").mkdir()
    return root


def mutate(project: Path, mutant: Mutant, target: Path) -> Path:
    """Copy `project` to `target` and plant the mutant's bug there."""
    shutil.copytree(project, target, ignore=IGNORED)
    path = target / mutant.file
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.before) != 1:
        raise GradingError(f"Mutant « {mutant.id} » : le texte à remplacer n'apparaît pas une "
                           f"seule fois dans {mutant.file}.",
                           "Le code de l'application d'exemple a-t-il été modifié ?")
    path.write_text(text.replace(mutant.before, mutant.after), encoding="utf-8")
    return target


@dataclass(frozen=True)
class MutationReport:
    original: SuiteRun
    runs: dict[str, SuiteRun]

    def killed(self, mutant_id: str) -> bool:
        """Some test that passes on the original project fails on this mutant."""
        return bool(set(self.original.passed) & set(self.runs[mutant_id].failed))

    @property
    def survivors(self) -> list[str]:
        return [m for m in self.runs if not self.killed(m)]


def mutation_report(project: Path, mutants: Iterable[Mutant], tests: str = "tests"
                    ) -> MutationReport:
    """Run the suite on the project and on each mutant (in parallel)."""
    mutants = list(mutants)
    with tempfile.TemporaryDirectory(prefix="cpn-mutants-") as scratch:
        copies = [mutate(project, m, Path(scratch) / m.id) for m in mutants]
        with ThreadPoolExecutor(max_workers=2) as pool:
            original = pool.submit(run_pytest, project, tests)
            runs = list(pool.map(lambda copy: run_pytest(copy, tests), copies))
            return MutationReport(original.result(), {m.id: r for m, r in zip(mutants, runs,
                                                                                strict=True)})


def suite_green(run: SuiteRun, minimum: int = 1) -> CheckResult:
    """La suite compte au moins `minimum` tests, et tous passent."""
    what = f"au moins {minimum} tests, tous réussis sur l'application livrée"
    if run.total < minimum:
        return failed(what, f"{minimum} tests ou plus", f"{run.total} test(s) trouvé(s)",
                      "Les fonctions de test commencent par test_ ; relisez la sortie de "
                      f"pytest :\n{run.output}")
    if run.failed:
        return failed(what, "aucun échec", f"en échec : {', '.join(run.failed)}",
                      "Un test qui échoue sur l'application livrée attend un mauvais résultat "
                      f"(ou teste un bug réel). Sortie de pytest :\n{run.output}")
    return passed(what)


def mutants_killed(report: MutationReport, mutants: Iterable[Mutant]) -> CheckResult:
    """Chaque mutant fait échouer au moins un test qui passe sur l'application livrée."""
    described = {m.id: m.description for m in mutants}
    what = "bugs plantés détectés par vos tests"
    if not report.original.passed:
        return failed(what, "des tests qui passent sur l'application livrée", "aucun",
                      "Commencez par une suite verte.")
    if report.survivors:
        return failed(what, "chaque bug planté fait échouer au moins un test",
                      "non détecté(s) : " + " ; ".join(f"{m} ({described[m]})"
                                                       for m in report.survivors),
                      "Ajoutez un test qui vérifie le comportement que ce bug casse.")
    return passed(what)
