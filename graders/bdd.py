"""Scénarios Gherkin exécutés pour de vrai avec pytest-bdd, et tests de mutation de la règle.

Le module « bdd-gherkin » écrit des fonctionnalités (texte Gherkin) et des définitions
d'étapes (code Python). Ce module les dépose dans un dossier temporaire avec la règle
métier testée, lance `pytest` dans un processus séparé et relit son rapport JUnit
(`graders.testsuites`) : la correction repose sur ce que pytest a réellement exécuté.

Pour vérifier que les scénarios *testent* quelque chose, on les rejoue contre des
**mutants** (`graders.mutation`) : des copies de la règle avec un défaut volontaire. Un bon
jeu de scénarios fait échouer chaque mutant (il le « tue ») ; un mutant qui passe tous les
scénarios « survit ».
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import GradingError
from .mutation import Mutant, mutants_killed, mutate
from .results import CheckResult, failed, passed
from .testsuites import ERROR, FAILED, PASSED, SKIPPED, Case, run_pytest

RULE_MODULE = "eligibilite"  # the steps import the rule under this name
RULE_FILE = f"{RULE_MODULE}.py"
TIMEOUT = 60


def _mutant(name: str, description: str, old: str, new: str) -> Mutant:
    return Mutant(name, description, RULE_FILE, old, new)


MUTATIONS = (
    _mutant("but-lucratif-ignore", "le but lucratif n'est plus vérifié",
            'if dossier["but_lucratif"]:', "if False:"),
    _mutant("tutoriels-ignores", "les tutoriels ne sont plus exigés",
            'if not dossier["tutoriels_suivis"]:', "if False:"),
    _mutant("motif-commercial", "le motif d'un refus commercial est faux",
            '("sollicitation commerciale",)', '("tutoriels à suivre",)'),
    _mutant("financement-ignore", "l'absence de financement n'est plus une condition",
            'if dossier["financement"] == "aucun":', "if False:"),
    _mutant("sponsor-ignore", "le sponsor non informé n'est plus une condition",
            'if not dossier["sponsor_informe"]:', "if False:"),
    _mutant("seuil-equipe", "le seuil d'ETP est décalé (≤ au lieu de <)",
            'dossier["etp_dedies"] < ETP_MINIMUM', 'dossier["etp_dedies"] <= ETP_MINIMUM'),
    _mutant("cct-ignore", "le CCT non lu n'est plus une condition",
            'if not dossier["cct_lu"]:', "if False:"),
    _mutant("conditions-ignorees", "un dossier avec conditions est déclaré éligible",
            'return Decision("eligible_sous_conditions", tuple(conditions))',
            'return Decision("eligible", tuple(conditions))'),
)


@dataclass(frozen=True)
class Scenario:
    """Le résultat d'un scénario (une ligne d'exemples compte pour un scénario)."""

    name: str
    outcome: str  # "passed", "failed", "error" or "skipped"
    message: str = ""


@dataclass(frozen=True)
class Run:
    """Une exécution de pytest : scénarios, code de sortie et fin de la sortie texte."""

    scenarios: tuple[Scenario, ...]
    exit_code: int
    output: str

    @property
    def passed(self) -> int:
        return sum(s.outcome == "passed" for s in self.scenarios)

    @property
    def failures(self) -> list[Scenario]:
        return [s for s in self.scenarios if s.outcome != "passed"]

    def summary(self) -> str:
        """Une ligne par scénario, en français."""
        marks = {"passed": "✅", "failed": "❌", "error": "⛔", "skipped": "⏭"}
        lines = [f"{marks.get(s.outcome, '?')} {s.name}" + (f"\n     {s.message}"
                                                              if s.message else "")
                 for s in self.scenarios]
        if not self.scenarios:
            lines.append("Aucun scénario exécuté. Sortie de pytest :\n" + self.output)
        return "\n".join(lines)


_ANSI = re.compile(r"(\x1b|#x1B)\[[0-9;]*m")
_OUTCOMES = {PASSED: "passed", FAILED: "failed", ERROR: "error", SKIPPED: "skipped"}


def _message(raw: str) -> str:
    """The first line of a failure: the assertion or the error, without pytest's details."""
    text = _ANSI.sub("", raw)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    for english, french in _TRANSLATIONS:
        first = first.replace(english, french)
    return re.sub(r' in the feature ".*?"', "", first)[:300]


_TRANSLATIONS = (
    ("pytest_bdd.exceptions.StepDefinitionNotFoundError: Step definition is not found:",
     "Étape sans définition (vérifiez le texte exact de la phrase) :"),
    (". Line ", ". Ligne "), (" in scenario ", " du scénario "),
)


_PROXY = """\"\"\"The rule under test, dispatching to the active variant (original or mutant).\"\"\"
import importlib.util
import sys
from pathlib import Path

_VARIANTES = {}
for _path in sorted(Path(__file__).parent.glob("_variante_*.py")):
    _spec = importlib.util.spec_from_file_location(_path.stem, _path)
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_path.stem] = _module
    _spec.loader.exec_module(_module)
    _VARIANTES[_path.stem[len("_variante_"):]] = _module
_active = next(iter(_VARIANTES.values()))


def _activer(nom):
    global _active
    _active = _VARIANTES[nom]


def evaluer(dossier):
    return _active.evaluer(dossier)


def __getattr__(nom):
    return getattr(_active, nom)
"""

_CONFTEST = """import pytest

import eligibilite


@pytest.fixture(autouse=True, params=sorted(eligibilite._VARIANTES),
                ids=lambda nom: f"variante={nom}")
def _variante_de_la_regle(request):
    eligibilite._activer(request.param)
"""



def _variant_of(name: str, variants: list[str]) -> tuple[str, str] | None:
    """(variant, test name without it) for a junit test name, None for a collection error."""
    for variant in sorted(variants, key=len, reverse=True):
        match = re.search(rf"variante={re.escape(variant)}(?=[-\]])", name)
        if match:
            rest = name[:match.start()] + name[match.end():]
            for old, new in (("--", "-"), ("[-", "["), ("-]", "]"), ("[]", "")):
                rest = rest.replace(old, new)
            return variant, rest
    return None


def _scenarios_by_variant(cases: tuple[Case, ...],
                          variants: list[str]) -> dict[str, tuple[Scenario, ...]]:
    found: dict[str, list[Scenario]] = {name: [] for name in variants}
    for case in cases:
        outcome = _OUTCOMES[case.outcome]
        message = _message(case.message) if outcome != "passed" else ""
        located = _variant_of(case.name, variants)
        if located is None:
            continue  # a collection error: no scenario ran
        variant, name = located
        name = name[5:] if name.startswith("test_") else name
        name = re.sub(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})",
                      lambda m: chr(int(m[1] or m[2], 16)), name)  # pytest escapes non-ASCII ids
        title, bracket, parameters = name.partition("[")
        name = title.replace("_", " ") + (f" [{parameters}" if bracket else "")
        found[variant].append(Scenario(name, outcome, message))
    return {name: tuple(scenarios) for name, scenarios in found.items()}


def run_variants(feature: str, steps: str, variants: dict[str, str]) -> dict[str, Run]:
    """Exécuter la fonctionnalité `feature` avec les étapes `steps` contre chaque variante de
    la règle (nom → code source), en un seul lancement de pytest dans un dossier temporaire.
    Les étapes importent la règle sous le nom `eligibilite`."""
    if not isinstance(feature, str) or not isinstance(steps, str):
        raise GradingError("La fonctionnalité et les étapes doivent être des textes (str).",
                           "Écrivez-les entre triples guillemets : \"\"\"...\"\"\".")
    with tempfile.TemporaryDirectory(prefix="cpn-bdd-") as directory:
        work = Path(directory)
        for name, source in variants.items():
            (work / f"_variante_{name}.py").write_text(source, encoding="utf-8")
        (work / f"{RULE_MODULE}.py").write_text(_PROXY, encoding="utf-8")
        (work / "conftest.py").write_text(_CONFTEST, encoding="utf-8")
        (work / "scenarios.feature").write_text(feature, encoding="utf-8")
        (work / "test_scenarios.py").write_text(
            f"{steps}\n\nfrom pytest_bdd import scenarios as _scenarios\n\n"
            '_scenarios("scenarios.feature")\n', encoding="utf-8")
        (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        try:
            done = run_pytest(work, "-p", "pytest_bdd.plugin", "test_scenarios.py",
                              timeout=TIMEOUT)
        except GradingError as error:  # a step that never ends: no scenario ran
            return {name: Run((), -1, str(error)) for name in variants}
        results = _scenarios_by_variant(done.report.cases, list(variants))
        return {name: Run(results[name], done.returncode, done.tail()) for name in variants}


def _source(rule: str | Path) -> str:
    return Path(rule).read_text(encoding="utf-8") if isinstance(rule, Path) else rule


def run_feature(feature: str, steps: str, rule: str | Path) -> Run:
    """Exécuter la fonctionnalité `feature` avec les étapes `steps` contre la règle `rule`
    (un chemin de fichier, ou le code source de la règle)."""
    return run_variants(feature, steps, {"regle": _source(rule)})["regle"]


def check_run(run: Run, minimum: int, what: str) -> CheckResult:
    """Au moins `minimum` scénarios exécutés, et tous réussis."""
    if len(run.scenarios) < minimum:
        return failed(what, f"au moins {minimum} scénario(s) exécuté(s)",
                      f"{len(run.scenarios)} exécuté(s)\n{run.summary()}",
                      "Vérifiez la syntaxe Gherkin (# language: fr, Fonctionnalité:, Scénario:) "
                      "et que chaque étape a une définition.")
    if run.failures:
        return failed(what, "tous les scénarios réussis",
                      f"{len(run.failures)} en échec sur {len(run.scenarios)}\n{run.summary()}",
                      "Lisez le message sous chaque scénario en échec.")
    return passed(f"{what} : {run.passed} scénario(s) réussi(s)")


def run_mutants(feature: str, steps: str, rule: str | Path,
                mutations: tuple[Mutant, ...] = MUTATIONS) -> dict[str, Run]:
    """Exécuter les scénarios contre la règle (« regle ») et contre chacun de ses mutants
    (par identifiant), en un seul lancement de pytest."""
    source = _source(rule)
    variants = {"regle": source} | {m.id: mutate(source, m) for m in mutations}
    return run_variants(feature, steps, variants)


def survivors(runs: dict[str, Run],
              mutations: tuple[Mutant, ...] = MUTATIONS) -> list[Mutant]:
    """Les mutants que les scénarios n'ont pas fait échouer (et qui ont bien été exécutés)."""
    return [m for m in mutations if m.id in runs and runs[m.id].scenarios
            and not runs[m.id].failures]


def mutation_runs(feature: str, steps: str, rule: str | Path,
                  mutations: tuple[Mutant, ...] = MUTATIONS) -> tuple[Run, list[Mutant]]:
    """L'exécution sur la vraie règle et les mutants survivants (voir `run_mutants`)."""
    runs = run_mutants(feature, steps, rule, mutations)
    return runs["regle"], survivors(runs, mutations)


def check_killed(alive: list[Mutant], what: str) -> CheckResult:
    """Aucun mutant ne survit : chaque défaut fait échouer au moins un scénario."""
    return mutants_killed(alive, what, "Ajoutez un scénario dont le résultat change quand ce "
                          "défaut est présent (pensez aux valeurs limites et aux motifs).")


def outcomes(feature: str) -> list[str]:
    """Les statuts attendus par les étapes « … le dossier est "<statut>" » d'une fonctionnalité,
    valeurs des tableaux d'exemples comprises."""
    from gherkin.errors import CompositeParserException, ParserError
    from gherkin.parser import Parser
    from gherkin.token_scanner import TokenScanner

    try:
        document = Parser().parse(TokenScanner(feature))
    except (CompositeParserException, ParserError) as error:
        raise GradingError(f"Gherkin illisible : {str(error).splitlines()[0]}",
                           "Vérifiez les mots-clés (Fonctionnalité, Scénario, Étant donné, "
                           "Quand, Alors) et l'indentation des tableaux.") from None
    found: set[str] = set()
    for child in (document.get("feature") or {}).get("children", []):
        scenario = child.get("scenario")
        if not scenario:
            continue
        rows = [dict(zip([c["value"] for c in e["tableHeader"]["cells"]],
                         [c["value"] for c in row["cells"]], strict=False))
                for e in scenario.get("examples", []) if e.get("tableHeader")
                for row in e.get("tableBody", [])] or [{}]
        for step in scenario["steps"]:
            match = re.fullmatch(r'le dossier est "(.+)"', step["text"].strip())
            if match:
                for row in rows:
                    found.add(re.sub(r"<([^>]+)>", lambda m, r=row: r.get(m[1], m[0]),
                                     match[1]))
    return sorted(found)
