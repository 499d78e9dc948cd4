"""Suites de tests : la pyramide des tests, les rapports JUnit, et pytest lancé pour de vrai.

C'est le seul endroit du kit qui lance pytest pour corriger : `run_pytest` et `run_many`
lancent pytest dans un processus à part (le code testé ne tourne jamais dans le noyau du
carnet ; plusieurs sessions partagent un seul processus, voir _pytest_batch.py) et relisent
son rapport JUnit. Sous correction (et toujours en root), ce processus tourne dans la cage de
correction (graders.cage), sur une copie des dossiers testés. `verdicts` lance un même
fichier de tests contre plusieurs versions d'un code ; `graders.mutation` s'en sert pour les
mutants.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import GradingError
from .isolation import learner_tests_cage
from .rewrite import FAUX_POSITIF, FAUX_POSITIF_HINT, rewrite_files

LEVELS = ("unitaire", "integration", "bout-en-bout")
PASSED, FAILED, ERROR, SKIPPED = "reussi", "echec", "erreur", "ignore"
CONFIG_FILES = ("pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
REWRITTEN = "~réécrit:"  # run names of the rewritten versions in `verdicts`
DEFAULT_INI = ("[pytest]\nmarkers =\n    e2e: tests de bout en bout\n"
               "    integration: tests d'intégration\n")


# -- the test pyramid ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Pyramid:
    """How many tests, and how many seconds, at each level of the pyramid."""

    counts: dict[str, int]
    durations: dict[str, float]

    @property
    def shares(self) -> dict[str, float]:
        """Part de chaque niveau en pourcentage du nombre de tests (arrondi à 0,1)."""
        total = sum(self.counts.values())
        return {k: round(100 * v / total, 1) if total else 0.0 for k, v in self.counts.items()}

    @property
    def is_pyramid(self) -> bool:
        """Vrai quand chaque niveau a strictement plus de tests que le niveau au-dessus."""
        values = list(self.counts.values())
        return all(a > b for a, b in zip(values, values[1:], strict=False))


def pyramid(rows: Iterable[Mapping], level: str = "niveau", duration: str = "duree_s",
            levels: tuple[str, ...] = LEVELS) -> Pyramid:
    """Compter les tests et sommer leurs durées par niveau (unitaire, intégration,
    bout-en-bout). Une ligne d'un niveau inconnu est une erreur."""
    counts = dict.fromkeys(levels, 0)
    durations = dict.fromkeys(levels, 0.0)
    for row in rows:
        name = str(row[level])
        if name not in counts:
            raise GradingError(f"Niveau de test inconnu : « {name} ».",
                               f"Niveaux attendus : {', '.join(levels)}.")
        counts[name] += 1
        durations[name] += float(row[duration])
    return Pyramid(counts, {k: round(v, 1) for k, v in durations.items()})


# -- JUnit reports ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    name: str
    classname: str
    outcome: str
    seconds: float
    message: str = ""  # the failure, error or skip message, as pytest wrote it

    @property
    def id(self) -> str:
        return f"{self.classname}::{self.name}"


@dataclass(frozen=True)
class JUnitReport:
    """A JUnit XML report (the format GitLab shows in merge requests)."""

    cases: tuple[Case, ...]

    def count(self, outcome: str) -> int:
        return sum(1 for c in self.cases if c.outcome == outcome)

    def ids(self, *outcomes: str) -> tuple[str, ...]:
        """The ids (classname::name) of the cases with one of these outcomes."""
        return tuple(c.id for c in self.cases if c.outcome in outcomes)

    @property
    def tests(self) -> int:
        return len(self.cases)

    def summary(self) -> dict[str, int]:
        """Nombre de tests, réussis, en échec (échecs et erreurs) et ignorés."""
        return {"tests": self.tests, "reussis": self.count(PASSED),
                "echecs": self.count(FAILED) + self.count(ERROR), "ignores": self.count(SKIPPED)}


_OUTCOMES = {"failure": FAILED, "error": ERROR, "skipped": SKIPPED}


def _case(element: ElementTree.Element) -> Case:
    found = [child for child in element if child.tag in _OUTCOMES]
    first = min(found, key=lambda child: list(_OUTCOMES).index(child.tag), default=None)
    return Case(element.get("name", ""), element.get("classname", ""),
                PASSED if first is None else _OUTCOMES[first.tag],
                float(element.get("time", 0) or 0),
                "" if first is None else first.get("message") or first.text or "")


def parse_junit(source: str | Path) -> JUnitReport:
    """Lire un rapport JUnit XML (texte ou chemin)."""
    try:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        root = ElementTree.fromstring(text)
    except FileNotFoundError:
        raise GradingError(f"Rapport JUnit introuvable : {source}.",
                           "Lancez pytest avec --junitxml=<fichier>.") from None
    except ElementTree.ParseError as error:
        raise GradingError(f"Rapport JUnit illisible : {error}.") from None
    return JUnitReport(tuple(_case(case) for case in root.iter("testcase")))


# -- running pytest -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PytestRun:
    """One pytest run: its exit code, its JUnit report and its output."""

    returncode: int
    report: JUnitReport
    output: str

    @property
    def green(self) -> bool:
        """Au moins un test, et tous réussis (ou ignorés)."""
        summary = self.report.summary()
        return self.returncode == 0 and summary["reussis"] > 0 and summary["echecs"] == 0

    @property
    def failed(self) -> tuple[str, ...]:
        """Les tests en échec ou en erreur (classname::name)."""
        return self.report.ids(FAILED, ERROR)

    def tally(self) -> str:
        """Les nombres de tests réussis, échoués, en erreur (et ignorés), en une ligne."""
        report = self.report
        return (f"{report.count(PASSED)} réussi(s), {report.count(FAILED)} échoué(s), "
                f"{report.count(ERROR)} erreur(s)"
                + (f", {report.count(SKIPPED)} ignoré(s)" if report.count(SKIPPED) else ""))

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.output.strip().splitlines()[-lines:])


BATCH = Path(__file__).resolve().with_name("_pytest_batch.py")


def _environment(base: Mapping[str, str]) -> dict[str, str]:
    # Plugins of this environment (nbval, pytest-bdd…) are not needed and slow to load; the
    # settings of an enclosing pytest (PYTEST_ADDOPTS, xdist…) and forced colours stay out.
    environment = {k: v for k, v in base.items()
                   if not k.startswith("PYTEST_") and k not in ("FORCE_COLOR", "PY_COLORS")}
    environment.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", NO_COLOR="1")
    return environment


def _batch(items: list[dict], scratch: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run the batch with `python -I -B`, caged when grading (isolation.learner_tests_cage)."""
    command = [sys.executable, "-I", "-B", str(BATCH)]
    cage = learner_tests_cage((str(scratch), *{item["directory"] for item in items}), scratch)
    fds: list[int] = []
    if cage is not None:
        command, fds = cage.command(command)
    try:
        return subprocess.run(command, input=json.dumps(items), capture_output=True, text=True,
                              timeout=timeout, pass_fds=fds,
                              env=_environment(cage.environment if cage else os.environ))
    finally:
        for fd in fds:
            os.close(fd)


def run_many(runs: Mapping[str, tuple[str | Path, Sequence[str]]],
             timeout: float = 60) -> dict[str, PytestRun]:
    """Lancer plusieurs sessions pytest (nom -> (dossier, arguments)) dans un seul processus
    séparé, l'une après l'autre ; chacune voit son propre dossier en tête du chemin d'import.
    Sans fichier de configuration pytest dans le dossier, les marqueurs e2e et integration
    sont déclarés. `timeout` vaut pour l'ensemble."""
    with tempfile.TemporaryDirectory(prefix="cpn-pytest-") as scratch:
        ini = Path(scratch) / "pytest.ini"
        ini.write_text(DEFAULT_INI, encoding="utf-8")
        items = []
        for index, (name, (directory, arguments)) in enumerate(runs.items()):
            directory = Path(directory).resolve()
            if not directory.is_dir():
                raise GradingError(f"Dossier introuvable : {directory}.")
            own_config = any((directory / f).is_file() for f in CONFIG_FILES)
            items.append({"name": name, "directory": str(directory),
                          "junit": str(Path(scratch) / f"rapport-{index}.xml"),
                          "arguments": [*([] if own_config else ["-c", str(ini)]),
                                        *map(str, arguments)]})
        try:
            done = _batch(items, Path(scratch), timeout)
        except subprocess.TimeoutExpired:
            raise GradingError(f"pytest n'a pas fini en {timeout:.0f} s.",
                               "Un test boucle-t-il sans fin ?") from None
        try:
            outcome = json.loads(done.stdout)
        except ValueError:
            raise GradingError("pytest s'est arrêté avant la fin :\n"
                               + "\n".join(done.stderr.strip().splitlines()[-8:])) from None
        found = {}
        for item in items:
            result = outcome[item["name"]]
            parsed = parse_junit(result["junit"]) if result.get("junit") else JUnitReport(())
            found[item["name"]] = PytestRun(result["code"], parsed, result["output"])
        return found


def run_pytest(directory: str | Path, *args: str | Path, timeout: float = 60) -> PytestRun:
    """Lancer pytest dans `directory` (processus séparé, `directory` en tête du chemin
    d'import), avec ces arguments ; renvoie le code de retour, le rapport JUnit et la sortie."""
    return run_many({"run": (directory, [str(a) for a in args])}, timeout)["run"]


def _write_variant(target: Path, files: Mapping[str, str | Path]) -> None:
    for relative, content in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, path)
        else:
            path.write_text(content, encoding="utf-8")


def _verdict(run: PytestRun) -> tuple[bool, frozenset[str]]:
    return run.green, frozenset(run.failed)


def verdicts(tests: str | Path, variants: Mapping[str, Mapping[str, str | Path]],
             test_name: str = "test_apprenant.py", timeout: float = 60) -> dict[str, PytestRun]:
    """Lancer le même fichier de tests contre plusieurs versions d'un code.

    `tests` : le chemin du fichier de tests (ou son texte) ; `variants` : pour chaque version,
    les fichiers à placer à côté des tests (chemin relatif -> texte ou chemin). Renvoie le
    résultat pytest de chaque version.

    Des tests donnés par leur chemin (ceux de l'apprenant) passent aussi sur une réécriture
    équivalente de chaque version (graders.rewrite : mise en forme refaite, noms internes
    changés, sans fichier source) : s'ils n'y donnent pas le même verdict, ils jugent le texte
    du code et non son comportement (GradingError, « faux positif »). Des tests donnés par
    leur texte sont ceux de la correction : ils ne passent que sur les versions données.
    """
    source = tests.read_text(encoding="utf-8") if isinstance(tests, Path) else tests
    name = tests.name if isinstance(tests, Path) else test_name
    seed = secrets.token_hex(8) if isinstance(tests, Path) else None
    with tempfile.TemporaryDirectory(prefix="cpn-variantes-") as scratch:
        runs: dict[str, tuple[str | Path, Sequence[str]]] = {}
        for index, (key, files) in enumerate(variants.items()):
            for prefix, folder in (("", f"v{index}"), (REWRITTEN, f"r{index}"))[:1 + bool(seed)]:
                root = Path(scratch) / folder
                root.mkdir()
                _write_variant(root, files)
                (root / name).write_text(source, encoding="utf-8")
                if prefix:
                    rewrite_files(root, [f for f in files if f.endswith(".py")], str(seed))
                runs[prefix + key] = (root, (name,))
        done = run_many(runs, timeout)
    rewritten = {key[len(REWRITTEN):]: done.pop(key) for key in list(done)
                 if key.startswith(REWRITTEN)}
    changed = sorted(k for k, run in rewritten.items() if _verdict(run) != _verdict(done[k]))
    if changed:
        raise GradingError(FAUX_POSITIF.format(details=" ; version(s) concernée(s) : "
                                               + ", ".join(changed)) + ".", FAUX_POSITIF_HINT)
    return done
