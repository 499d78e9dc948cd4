"""Tests de mutation : une suite de tests vaut par les bugs qu'elle détecte.

A mutant is the code under test with one realistic bug planted by a text substitution: `old`
replaced by `new`, exactly once, in one file. A good test suite passes on the real code and
fails on every mutant: some test that does not fail on the original fails on the mutant (the
mutant is « killed »). Every run is a real pytest run (`graders.testsuites`): the original
and all the mutants share one separate process.

A suite could tell the mutants from the original by their text (a snapshot of the source, a
hash of the file, `inspect.getsource`) rather than by what they do. So the code under test (the
files the mutants touch) is also given to the suite as behaviour-preserving rewrites
(`graders.rewrite`: reformatted, internals renamed, comparisons turned round, bytecode changed)
loaded without their source file (`.pyc` only), and the mutants are planted in the original
text then rewritten the same way. A suite whose verdict changes on a rewrite is a « faux
positif »: it depends on the text, and none of its kills counts.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import GradingError
from .results import CheckResult, failed, passed
from .rewrite import FAUX_POSITIF, FAUX_POSITIF_HINT, rewrite_files
from .testsuites import PytestRun, run_many

IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints")
FIELDS = ("id", "description", "file", "old", "new")
HINT = "Ajoutez un test qui vérifie le comportement que ce bug casse (pensez aux cas limites)."
VARIANTS = 1  # behaviour-preserving rewrites of the code under test, per report
VARIANT_KEY = "~réécriture-{}"  # run names of the rewrites (mutant ids are slugs)


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


def rewritten_copy(project: str | Path, files: Iterable[str], target: Path, seed: str,
                   mutant: Mutant | None = None) -> Path:
    """Copy `project` to `target`, plant the mutant's bug if any, then replace each of `files`
    by a behaviour-preserving rewrite (graders.rewrite, from `seed`) compiled without its
    source."""
    if mutant is None:
        shutil.copytree(project, target, ignore=IGNORED)
    else:
        mutant_copy(project, mutant, target)
    rewrite_files(target, files, seed, Path(project))
    return target


def workspace(application: Path, prefix: str = "cpn-tests-") -> Path:
    """Un espace de travail temporaire neuf : une copie de l'application et un dossier tests/."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(application, root / Path(application).name, ignore=IGNORED)
    (root / "tests").mkdir()
    return root


def _broken(original: PytestRun, run: PytestRun) -> bool:
    """A test that does not fail on the original fails on `run` (or the suite, green on the
    original, is not green any more)."""
    return bool(set(run.failed) - set(original.failed)) or (original.green and not run.green)


class Survivors(list):
    """Les mutants survivants ; `cause` dit pourquoi aucun ne compte comme détecté (faux
    positif), vide sinon."""

    def __init__(self, mutants: Iterable[Mutant] = (), cause: str = "") -> None:
        super().__init__(mutants)
        self.cause = cause


@dataclass(frozen=True)
class MutationReport:
    """The suite's run on the original project, on each mutant, and on each rewrite of the
    code under test."""

    original: PytestRun
    runs: dict[str, PytestRun]
    mutants: tuple[Mutant, ...]
    variants: dict[str, PytestRun] = field(default_factory=dict)

    @property
    def unfaithful(self) -> tuple[str, ...]:
        """Les tests qui échouent sur une réécriture équivalente du code testé, et pas sur
        l'original (la suite dépend alors du texte du code)."""
        failing = {name for run in self.variants.values() if _broken(self.original, run)
                   for name in (set(run.failed) - set(self.original.failed) or {"la suite"})}
        return tuple(sorted(failing))

    @property
    def faithful(self) -> bool:
        """La suite donne le même verdict sur chaque réécriture équivalente du code testé."""
        return not any(_broken(self.original, run) for run in self.variants.values())

    def killed(self, mutant_id: str) -> bool:
        """Un test qui n'échoue pas sur le projet d'origine échoue sur ce mutant (ou la suite,
        verte sur le projet d'origine, ne l'est plus), et la suite n'est pas un faux positif."""
        return self.faithful and _broken(self.original, self.runs[mutant_id])

    @property
    def survivors(self) -> Survivors:
        """Les mutants qu'aucun test ne détecte (tous, pour un faux positif)."""
        if self.faithful:
            return Survivors(m for m in self.mutants if not self.killed(m.id))
        listed = ", ".join(self.unfaithful[:5]) + ("…" if len(self.unfaithful) > 5 else "")
        return Survivors(self.mutants, FAUX_POSITIF.format(details=f" ; en échec : {listed}")
                         + " : aucun bug planté ne compte comme détecté.")


def mutation_report(project: str | Path, mutants: Sequence[Mutant], *args: str,
                    timeout: float = 60, seed: str | None = None,
                    variants: int = VARIANTS) -> MutationReport:
    """Lancer pytest (avec ces arguments, `tests` par défaut) sur le projet, sur `variants`
    réécritures équivalentes du code testé, puis sur une copie réécrite du projet par
    mutant ; un seul processus pytest pour toutes ces exécutions. `seed` : la graine des
    réécritures (tirée au hasard par défaut)."""
    arguments = args or ("tests",)
    seeds = [seed or secrets.token_hex(8)] + [secrets.token_hex(8) for _ in range(variants - 1)]
    files = {m.file for m in mutants}
    with tempfile.TemporaryDirectory(prefix="cpn-mutants-") as scratch:
        root = Path(scratch)
        runs = {"": (Path(project), arguments)} | {
            VARIANT_KEY.format(i + 1): (rewritten_copy(project, files, root / f"r{i}", s),
                                        arguments) for i, s in enumerate(seeds[:variants])} | {
            m.id: (rewritten_copy(project, files, root / f"m-{m.id}", seeds[0], m), arguments)
            for m in mutants}
        done = run_many(runs, timeout)
    original = done.pop("")
    rewrites = {key: done.pop(key) for key in list(done) if key.startswith(VARIANT_KEY[:1])}
    return MutationReport(original, done, tuple(mutants), rewrites)


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
    """Aucun mutant ne survit : chaque bug planté fait échouer au moins un test (et vos tests
    donnent le même verdict sur une réécriture équivalente du code testé)."""
    cause = getattr(survivors, "cause", "")
    if cause:
        return failed(what, "vos tests jugent le comportement du code, pas son texte", cause,
                      FAUX_POSITIF_HINT, final=True)
    if not survivors:
        return passed(what)
    listed = "\n".join(f"   - {m.id} : {m.description}" for m in survivors)
    return failed(what, "chaque bug planté fait échouer au moins un test",
                  f"{len(survivors)} non détecté(s) :\n{listed}", hint, final=True)


def tests_kill_mutants(project: str | Path, mutants: Sequence[Mutant], *args: str,
                       minimum: int = 1, what: str = "vos tests",
                       code: str = "le code correct", seed: str | None = None) -> CheckResult:
    """Les tests réussissent sur le code correct, gardent leur verdict sur une réécriture
    équivalente du code, puis détectent chaque mutant. `args` : les arguments de pytest (les
    fichiers de tests, relatifs au projet)."""
    report = mutation_report(project, mutants, *args, seed=seed)
    green = suite_green(report.original, minimum, what, code)
    if not green.ok:
        return green
    killed = len(mutants) - len(report.survivors)
    return mutants_killed(report.survivors, f"{what} détectent les bugs typiques "
                          f"({killed}/{len(mutants)})")
