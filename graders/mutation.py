"""Tests de mutation : une suite de tests vaut par les bugs qu'elle détecte.

A mutant is the code under test with one realistic bug planted by a text substitution: `old`
replaced by `new`, exactly once, in one file. A good test suite passes on the real code and
fails on every mutant: some test that does not fail on the original fails on the mutant (the
mutant is « killed »). Every run is a real pytest run (`graders.testsuites`): the original
and all the mutants share one separate process.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GradingError
from .results import CheckResult, failed, passed
from .testsuites import PytestRun, run_many

IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints")
FIELDS = ("id", "description", "file", "old", "new")
HINT = "Ajoutez un test qui vérifie le comportement que ce bug casse (pensez aux cas limites)."


@dataclass(frozen=True)
class Mutant:
    """Un bug planté : `old` remplacé par `new` (une seule occurrence) dans `file`."""

    id: str
    description: str
    file: str
    old: str
    new: str


def load_mutants(path: str | Path, group: str = "mutants") -> list[Mutant]:
    """Les mutants du groupe `group` d'un fichier YAML (chacun : id, description, file, old,
    new ; `file` est relatif au dossier du projet)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    items = data.get(group) if isinstance(data, dict) else None
    if not items:
        raise GradingError(f"Aucun mutant dans le groupe « {group} » de {path}.")
    for item in items:
        if not isinstance(item, dict) or set(item) != set(FIELDS):
            raise GradingError(f"Mutant mal décrit dans {path} : {item!r}.",
                               f"Chaque mutant a exactement les clés {', '.join(FIELDS)}.")
    return [Mutant(**{key: str(item[key]) for key in FIELDS}) for item in items]


def mutate(source: str, mutant: Mutant) -> str:
    """Le texte `source` avec le bug du mutant (erreur si le texte à remplacer n'y apparaît
    pas exactement une fois)."""
    if source.count(mutant.old) != 1:
        raise GradingError(f"Mutant « {mutant.id} » : le texte à remplacer n'apparaît pas une "
                           f"seule fois dans {mutant.file}.",
                           "Le code testé a-t-il été modifié ? Mettez à jour ses mutants.")
    return source.replace(mutant.old, mutant.new)


def mutant_copy(project: str | Path, mutant: Mutant, target: Path) -> Path:
    """Copy `project` to `target` and plant the mutant's bug there."""
    shutil.copytree(project, target, ignore=IGNORED)
    path = target / mutant.file
    path.write_text(mutate(path.read_text(encoding="utf-8"), mutant), encoding="utf-8")
    return target


def workspace(application: Path, prefix: str = "cpn-tests-") -> Path:
    """Un espace de travail temporaire neuf : une copie de l'application et un dossier tests/."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(application, root / Path(application).name, ignore=IGNORED)
    (root / "tests").mkdir()
    return root


@dataclass(frozen=True)
class MutationReport:
    """The suite's run on the original project, and on each mutant."""

    original: PytestRun
    runs: dict[str, PytestRun]
    mutants: tuple[Mutant, ...]

    def killed(self, mutant_id: str) -> bool:
        """Un test qui n'échoue pas sur le projet d'origine échoue sur ce mutant (ou la suite,
        verte sur le projet d'origine, ne l'est plus)."""
        run = self.runs[mutant_id]
        return (bool(set(run.failed) - set(self.original.failed))
                or (self.original.green and not run.green))

    @property
    def survivors(self) -> list[Mutant]:
        """Les mutants qu'aucun test ne détecte."""
        return [m for m in self.mutants if not self.killed(m.id)]


def mutation_report(project: str | Path, mutants: Sequence[Mutant], *args: str,
                    timeout: float = 60) -> MutationReport:
    """Lancer pytest (avec ces arguments, `tests` par défaut) sur le projet, puis sur une
    copie du projet par mutant ; un seul processus pytest pour toutes ces exécutions."""
    arguments = args or ("tests",)
    with tempfile.TemporaryDirectory(prefix="cpn-mutants-") as scratch:
        runs = {"": (Path(project), arguments)} | {
            m.id: (mutant_copy(project, m, Path(scratch) / m.id), arguments) for m in mutants}
        done = run_many(runs, timeout)
    original = done.pop("")
    return MutationReport(original, done, tuple(mutants))


def suite_green(run: PytestRun, minimum: int = 1, what: str = "vos tests",
                code: str = "l'application livrée") -> CheckResult:
    """La suite compte au moins `minimum` tests, et tous réussissent sur `code`."""
    label = f"{what} : au moins {minimum} test(s), tous réussis sur {code}"
    if run.report.tests < minimum:
        return failed(label, f"{minimum} test(s) ou plus", f"{run.report.tests} test(s) trouvé(s)",
                      "Les fonctions de test commencent par test_ ; relisez la sortie de "
                      f"pytest :\n{run.tail()}", final=True)
    if not run.green:
        return failed(label, "aucun échec", f"{run.tally()} ; en échec : "
                      + (", ".join(run.failed) or f"code de sortie {run.returncode}"),
                      f"Un test qui échoue sur {code} attend un mauvais résultat (une règle mal "
                      f"comprise, ou un bug réel). Sortie de pytest :\n{run.tail()}", final=True)
    return passed(f"{what} réussissent sur {code} ({run.tally()})")


def mutants_killed(survivors: Sequence[Mutant], what: str = "bugs plantés détectés par vos tests",
                   hint: str = HINT) -> CheckResult:
    """Aucun mutant ne survit : chaque bug planté fait échouer au moins un test."""
    if not survivors:
        return passed(what)
    listed = "\n".join(f"   - {m.id} : {m.description}" for m in survivors)
    return failed(what, "chaque bug planté fait échouer au moins un test",
                  f"{len(survivors)} non détecté(s) :\n{listed}", hint, final=True)


def tests_kill_mutants(project: str | Path, mutants: Sequence[Mutant], *args: str,
                       minimum: int = 1, what: str = "vos tests",
                       code: str = "le code correct") -> CheckResult:
    """Les tests réussissent sur le code correct, puis détectent chaque mutant. `args` : les
    arguments de pytest (les fichiers de tests, relatifs au projet)."""
    report = mutation_report(project, mutants, *args)
    green = suite_green(report.original, minimum, what, code)
    if not green.ok:
        return green
    killed = len(mutants) - len(report.survivors)
    return mutants_killed(report.survivors, f"{what} détectent les bugs typiques "
                          f"({killed}/{len(mutants)})")
