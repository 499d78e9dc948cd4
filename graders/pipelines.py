"""Pipelines GitLab CI de la chaîne Cloud Pi Native : lire un `.gitlab-ci-dso.yml`, vérifier
les exigences de la chaîne (lecture des secrets, tests et SonarQube, construction Kaniko vers
Harbor) et simuler une exécution : quels jobs tournent quand un job échoue ?

Le fichier est analysé, jamais exécuté. La simulation suit les règles de GitLab : sans
`needs`, un job attend la réussite de toutes les étapes précédentes ; avec `needs`, seulement
celle des jobs qu'il cite ; `allow_failure`, `when` et `rules` (expressions `$VAR == "x"`,
`!=`, `=~`, `&&`, `||`) sont pris en compte.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sandbox.errors import yaml_syntax

from .errors import GradingError
from .results import CheckResult, Report, failed, passed

CATALOG_VARIABLE = "CATALOG_PATH"
DEFAULT_STAGES = (".pre", "build", "test", "deploy", ".post")
RESERVED_KEYS = frozenset({
    "stages", "variables", "include", "default", "workflow", "image", "services", "cache",
    "before_script", "after_script", "spec", "types",
})

# Templates of the Cloud Pi Native catalogue (cloud-pi-native/gitlab-ci-catalog) and the file
# that defines each of them.
CATALOG_TEMPLATES: dict[str, str] = {
    ".vault:read_secret": "vault-ci.yml",
    ".kaniko:simple-build-push": "kaniko-ci.yml",
    ".kaniko:build-push": "kaniko-ci.yml",
    ".java:build": "java-mvn.yml",
    ".java:sonar": "java-mvn.yml",
    ".java:sonar-jacoco": "java-mvn.yml",
    ".sonar:sonar-scanner": "sonar-ci.yml",
    ".npm:build-publish": "node-npm.yml",
    ".helm:build-push": "helm-ci.yml",
}
READ_SECRET_TEMPLATES = frozenset({".vault:read_secret"})
BUILD_TEMPLATES = frozenset({".kaniko:simple-build-push", ".kaniko:build-push"})
SONAR_TEMPLATES = frozenset({".sonar:sonar-scanner", ".java:sonar", ".java:sonar-jacoco"})
# Catalogue templates that run the unit tests themselves (mvn package runs them).
TESTING_TEMPLATES = frozenset({".java:sonar", ".java:sonar-jacoco"})
TEST_COMMAND = re.compile(
    r"\b(pytest|tox|nox|unittest|npm (run )?test|yarn test|go test|jest|vitest|"
    r"mvn\b.*\b(test|verify|package)|gradlew?\b.*\b(test|check))\b")

# Sources of pipelines that the gate check simulates.
PIPELINE_SOURCES = ("push", "merge_request_event", "schedule", "web")

# Statuses of a simulated run.
SUCCESS, FAILED, SKIPPED, MANUAL = "succes", "echec", "ignore", "manuel"

# Sources of a pipeline and the `only`/`except` keywords that designate them.
_ONLY_KEYWORDS = {
    "schedules": "schedule", "merge_requests": "merge_request_event", "web": "web",
    "api": "api", "triggers": "trigger", "pipelines": "pipeline", "pushes": "push",
    "external_pull_requests": "external_pull_request_event", "chat": "chat",
}


@dataclass(frozen=True)
class Include:
    """One `include` entry: where it comes from and which files it brings."""

    kind: str  # project, local, remote, template, component
    target: str
    files: tuple[str, ...] = ()
    ref: str | None = None


@dataclass(frozen=True)
class Need:
    job: str
    artifacts: bool = True
    optional: bool = False


@dataclass(frozen=True)
class Job:
    """A job after `extends` has been resolved (local hidden jobs are merged in)."""

    name: str
    stage: str
    templates: tuple[str, ...]  # every template in the extends chain, nearest first
    needs: tuple[Need, ...] | None  # None: no `needs` keyword (stage order applies)
    script: tuple[str, ...]
    image: str | None
    allow_failure: bool
    when: str
    rules: tuple[dict, ...] | None
    only: dict | None
    except_: dict | None
    variables: dict[str, str]
    artifacts: dict
    config: dict = field(repr=False, default_factory=dict)

    def extends_any(self, templates: Iterable[str]) -> bool:
        return bool(set(self.templates) & set(templates))

    @property
    def runs_tests(self) -> bool:
        """The job runs tests: a test command in its script, or a catalogue template that
        runs them."""
        return self.extends_any(TESTING_TEMPLATES) or any(
            TEST_COMMAND.search(line) for line in self.script)


@dataclass(frozen=True)
class Pipeline:
    """A parsed `.gitlab-ci*.yml`: stages, jobs, includes, variables, workflow rules."""

    stages: tuple[str, ...]
    jobs: dict[str, Job]
    includes: tuple[Include, ...]
    variables: dict[str, str]
    workflow_rules: tuple[dict, ...] | None = None

    # -- reading ----------------------------------------------------------------------------
    def jobs_extending(self, templates: Iterable[str]) -> list[Job]:
        """Les jobs qui étendent (directement ou non) l'un de ces modèles."""
        wanted = set(templates)
        return [j for j in self.jobs.values() if j.extends_any(wanted)]

    def catalog_files(self) -> set[str]:
        """Les fichiers inclus depuis le catalogue de la plateforme ($CATALOG_PATH)."""
        found: set[str] = set()
        for include in self.includes:
            if include.kind == "project" and _is_catalog(include.target):
                found.update(include.files)
        return found

    def stage_index(self, stage: str) -> int:
        return self.stages.index(stage) if stage in self.stages else len(self.stages)

    def table(self) -> list[dict]:
        """Une ligne par job, dans l'ordre des étapes : étape, job, modèles, needs."""
        ordered = sorted(self.jobs.values(), key=lambda j: (self.stage_index(j.stage), j.name))
        return [{"etape": j.stage, "job": j.name, "modeles": list(j.templates),
                 "needs": None if j.needs is None else [n.job for n in j.needs]}
                for j in ordered]

    # -- which jobs a pipeline gets ----------------------------------------------------------
    def context(self, source: str = "push", branch: str | None = "main",
                variables: Mapping[str, str] | None = None) -> dict[str, str]:
        """The variables GitLab predefines for a pipeline of this source on this branch."""
        values = {"CI_PIPELINE_SOURCE": source, "CI_DEFAULT_BRANCH": "main",
                  "CI_COMMIT_SHORT_SHA": "4f2a9c1e", "CI_PROJECT_NAME": "projet"}
        if branch is not None:
            values.update(CI_COMMIT_BRANCH=branch, CI_COMMIT_REF_NAME=branch,
                          CI_COMMIT_REF_SLUG=_slug(branch))
        values.update(self.variables)
        values.update(variables or {})
        return values

    def jobs_for(self, source: str = "push", branch: str | None = "main",
                 variables: Mapping[str, str] | None = None) -> list[str]:
        """Les jobs qu'un pipeline de cette source (push, schedule, merge_request_event…)
        contient, dans l'ordre des étapes."""
        context = self.context(source, branch, variables)
        if self.workflow_rules is not None and _first_rule(self.workflow_rules, context) is None:
            return []
        chosen = [j for j in self.jobs.values() if _included(j, context, source, branch)[0]]
        return [j.name for j in sorted(chosen, key=lambda j: (self.stage_index(j.stage), j.name))]

    def jobs_running(self, pattern: str, source: str = "push", branch: str | None = "main",
                     variables: Mapping[str, str] | None = None) -> list[str]:
        """Les jobs d'un pipeline de cette source dont une ligne de script correspond à
        l'expression régulière `pattern` (par exemple r"pytest .*-m e2e")."""
        regex = re.compile(pattern)
        return [name for name in self.jobs_for(source, branch, variables)
                if any(regex.search(line) for line in self.jobs[name].script)]

    # -- simulation --------------------------------------------------------------------------
    def run(self, failing: Iterable[str] = (), source: str = "push", branch: str | None = "main",
            variables: Mapping[str, str] | None = None) -> dict[str, str]:
        """Simuler un pipeline où les jobs `failing` échouent : statut de chaque job
        (« succes », « echec », « ignore » ou « manuel »), dans l'ordre d'exécution."""
        failing = set(failing)
        context = self.context(source, branch, variables)
        names = self.jobs_for(source, branch, variables)
        present = set(names)
        whens = {n: _included(self.jobs[n], context, source, branch)[1] for n in names}
        status: dict[str, str] = {}
        for name in self._execution_order(names):
            job = self.jobs[name]
            if job.needs is not None:
                before = [n.job for n in job.needs if n.job in present]
            else:
                before = [n for n in names
                          if self.stage_index(self.jobs[n].stage) < self.stage_index(job.stage)]
            blocked = any(self._blocks(b, status[b]) for b in before)
            when = whens[name]
            if when == "manual":
                status[name] = MANUAL
            elif when == "always" or (when == "on_failure" and blocked) or (
                    when == "on_success" and not blocked):
                status[name] = FAILED if name in failing else SUCCESS
            else:
                status[name] = SKIPPED
        return status

    def _blocks(self, name: str, outcome: str) -> bool:
        """A finished prerequisite stops what waits for it unless its failure is allowed."""
        if outcome == SKIPPED:
            return True
        return outcome in (FAILED, MANUAL) and not self.jobs[name].allow_failure

    def _execution_order(self, names: list[str]) -> list[str]:
        """Stage order, with jobs that use `needs` placed after what they need."""
        order: list[str] = []
        visiting: set[str] = set()

        def visit(name: str) -> None:
            if name in order:
                return
            if name in visiting:
                raise GradingError(f"Les « needs » forment une boucle autour du job « {name} ».",
                                   "Un job ne peut pas dépendre, même indirectement, de lui-même.")
            visiting.add(name)
            job = self.jobs[name]
            if job.needs is not None:
                for need in job.needs:
                    if need.job in names:
                        visit(need.job)
            else:
                for other in names:
                    if self.stage_index(self.jobs[other].stage) < self.stage_index(job.stage):
                        visit(other)
            visiting.discard(name)
            order.append(name)

        for name in names:
            visit(name)
        return order


def _is_catalog(target: str) -> bool:
    return target.strip() in (f"${CATALOG_VARIABLE}", f"${{{CATALOG_VARIABLE}}}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63]


# -- loading ----------------------------------------------------------------------------------
def load_pipeline(source: str | Path) -> Pipeline:
    """Lire un fichier de CI GitLab (texte YAML ou chemin) en un `Pipeline`.

    Lève une `GradingError` en français si le YAML est invalide ou si la structure ne peut
    pas être celle d'un pipeline (étape inconnue, `extends` introuvable, `needs` vers un job
    absent…).
    """
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise GradingError(*yaml_syntax(error, "fichier de CI")) from None
    if not isinstance(data, dict):
        raise GradingError("Le fichier de CI doit être un dictionnaire YAML (clés stages, "
                           "include, puis un bloc par job).")
    declared = data.get("stages") or list(DEFAULT_STAGES[1:4])
    if not isinstance(declared, list) or not all(isinstance(s, str) for s in declared):
        raise GradingError("La clé « stages » doit être une liste de noms d'étapes.")
    stages = (".pre", *[s for s in declared if s not in (".pre", ".post")], ".post")
    variables = _variables(data.get("variables"), "variables")
    raw_jobs = {name: body for name, body in data.items()
                if name not in RESERVED_KEYS and isinstance(name, str)}
    for name, body in raw_jobs.items():
        if not isinstance(body, dict):
            raise GradingError(f"Le job « {name} » doit être un dictionnaire de clés "
                               "(stage, script, extends…).")
    jobs = {name: _job(name, raw_jobs, stages) for name in raw_jobs if not name.startswith(".")}
    for job in jobs.values():
        for need in job.needs or ():
            if need.job not in jobs and not need.optional:
                raise GradingError(
                    f"Le job « {job.name} » a besoin (needs) de « {need.job} », qui n'existe pas.",
                    "Les noms dans needs sont des noms de jobs du fichier.")
    workflow = data.get("workflow") or {}
    rules = workflow.get("rules") if isinstance(workflow, dict) else None
    return Pipeline(stages, jobs, _includes(data.get("include")), variables,
                    tuple(rules) if isinstance(rules, list) else None)


def _variables(raw, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GradingError(f"« {where} » doit être un dictionnaire NOM: valeur.")
    values = {}
    for key, value in raw.items():
        if isinstance(value, dict):  # variables: {X: {value: ..., description: ...}}
            value = value.get("value", "")
        values[str(key)] = "" if value is None else str(value)
    return values


def _includes(raw) -> tuple[Include, ...]:
    if raw is None:
        return ()
    entries = raw if isinstance(raw, list) else [raw]
    found = []
    for entry in entries:
        if isinstance(entry, str):
            kind = "remote" if entry.startswith(("http://", "https://")) else "local"
            found.append(Include(kind, entry))
        elif isinstance(entry, dict):
            for kind in ("project", "local", "remote", "template", "component"):
                if kind in entry:
                    files = entry.get("file", ())
                    files = (files,) if isinstance(files, str) else tuple(files or ())
                    found.append(Include(kind, str(entry[kind]), files, entry.get("ref")))
                    break
            else:
                raise GradingError(f"Entrée « include » illisible : {entry!r}.",
                                   "Utilisez project/file, local, remote ou template.")
        else:
            raise GradingError(f"Entrée « include » illisible : {entry!r}.")
    return tuple(found)


def _merge(base: dict, override: dict) -> dict:
    """GitLab's `extends` merge: hashes are merged deeply, everything else is replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _resolve(name: str, raw_jobs: dict, chain: tuple[str, ...] = ()) -> tuple[dict, list[str]]:
    """The job's configuration with its local `extends` merged in, and every template name."""
    if name in chain:
        raise GradingError(f"« extends » forme une boucle : {' → '.join((*chain, name))}.")
    body = raw_jobs[name]
    parents = body.get("extends") or []
    parents = [parents] if isinstance(parents, str) else list(parents)
    config: dict = {}
    templates: list[str] = []
    for parent in parents:
        templates.append(parent)
        if parent in raw_jobs:
            parent_config, parent_templates = _resolve(parent, raw_jobs, (*chain, name))
            config = _merge(config, parent_config)
            templates += [t for t in parent_templates if t not in templates]
        elif parent not in CATALOG_TEMPLATES:
            raise GradingError(
                f"Le job « {name} » étend « {parent} », défini ni dans le fichier ni dans le "
                "catalogue de la plateforme.",
                "Vérifiez l'orthographe (par exemple .vault:read_secret, "
                ".kaniko:simple-build-push) et la section include.")
    own = {k: v for k, v in body.items() if k != "extends"}
    return _merge(config, own), templates


def _needs(raw, name: str) -> tuple[Need, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise GradingError(f"« needs » du job « {name} » doit être une liste.")
    needs = []
    for entry in raw:
        if isinstance(entry, str):
            needs.append(Need(entry))
        elif isinstance(entry, dict) and "job" in entry:
            needs.append(Need(str(entry["job"]), bool(entry.get("artifacts", True)),
                              bool(entry.get("optional", False))))
        elif isinstance(entry, dict) and "pipeline" in entry:
            continue  # needs from another pipeline: nothing to order here
        else:
            raise GradingError(f"Entrée « needs » illisible dans le job « {name} » : {entry!r}.")
    return tuple(needs)


def _lines(raw) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    lines: list[str] = []
    for item in raw:
        lines += list(_lines(item)) if isinstance(item, list) else [str(item)]
    return tuple(lines)


def _job(name: str, raw_jobs: dict, stages: tuple[str, ...]) -> Job:
    config, templates = _resolve(name, raw_jobs)
    stage = str(config.get("stage", "test"))
    if stage not in stages:
        raise GradingError(
            f"Le job « {name} » est dans l'étape « {stage} », absente de « stages ».",
            f"Étapes déclarées : {', '.join(s for s in stages if not s.startswith('.'))}. "
            "Ajoutez l'étape à la liste stages ou corrigez son nom.")
    image = config.get("image")
    if isinstance(image, dict):
        image = image.get("name")
    allow = config.get("allow_failure", config.get("when") == "manual")
    if isinstance(allow, dict):  # allow_failure: {exit_codes: [...]}
        allow = True
    rules = config.get("rules")
    return Job(
        name=name, stage=stage, templates=tuple(templates),
        needs=_needs(config.get("needs"), name),
        script=_lines(config.get("before_script")) + _lines(config.get("script")),
        image=None if image is None else str(image), allow_failure=bool(allow),
        when=str(config.get("when", "on_success")),
        rules=tuple(rules) if isinstance(rules, list) else None,
        only=_only(config.get("only")), except_=_only(config.get("except")),
        variables=_variables(config.get("variables"), f"variables du job {name}"),
        artifacts=config.get("artifacts") or {}, config=config,
    )


def _only(raw) -> dict | None:
    if raw is None:
        return None
    if isinstance(raw, list):
        return {"refs": [str(r) for r in raw]}
    if isinstance(raw, str):
        return {"refs": [raw]}
    if isinstance(raw, dict):
        return raw
    raise GradingError(f"« only »/« except » illisible : {raw!r}.")


# -- rules ------------------------------------------------------------------------------------
def _included(job: Job, context: dict[str, str], source: str,
              branch: str | None) -> tuple[bool, str]:
    """Whether the job is in the pipeline, and its effective `when`."""
    if job.rules is not None:
        rule = _first_rule(job.rules, context)
        if rule is None:
            return False, "never"
        when = str(rule.get("when", job.when))
        return when != "never", when
    if job.only is not None and not _refs_match(job.only, source, branch):
        return False, "never"
    if job.except_ is not None and _refs_match(job.except_, source, branch):
        return False, "never"
    return job.when != "never", job.when


def _first_rule(rules: Iterable[dict], context: dict[str, str]) -> dict | None:
    for rule in rules:
        if not isinstance(rule, dict):
            raise GradingError(f"Règle illisible : {rule!r} (attendu : if, when…).")
        if "if" not in rule or evaluate_rule(str(rule["if"]), context):
            return rule  # changes/exists cannot be known here: they are taken as true
    return None


def _refs_match(spec: dict, source: str, branch: str | None) -> bool:
    for ref in spec.get("refs", []):
        if ref in _ONLY_KEYWORDS and _ONLY_KEYWORDS[ref] == source:
            return True
        if ref == "branches" and branch is not None:
            return True
        if ref.startswith("/") and branch is not None and re.search(ref.strip("/"), branch):
            return True
        if ref == branch:
            return True
    return False


_TOKEN = re.compile(r"""\s*(?:
    (?P<var>\$\{?[A-Za-z_][A-Za-z0-9_]*\}?) |
    (?P<str>"[^"]*"|'[^']*') |
    (?P<regex>/(?:\\/|[^/])*/[a-z]*) |
    (?P<op>==|!=|=~|!~|&&|\|\||\(|\)) |
    (?P<null>null\b)
)""", re.VERBOSE)


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    expression = expression.strip()
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if not match or match.end() == position:
            raise GradingError(f"Expression de règle illisible : « {expression} ».",
                               "Exemple valide : $CI_PIPELINE_SOURCE == \"schedule\".")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def evaluate_rule(expression: str, variables: Mapping[str, str]) -> bool:
    """Évaluer une expression `rules:if` de GitLab avec ces variables.

    Reconnaît les variables (`$VAR`), les textes, `null`, les expressions régulières
    (`/…/`), `==`, `!=`, `=~`, `!~`, `&&`, `||` et les parenthèses. Une variable absente ou
    vide est fausse seule et vaut null dans une comparaison.
    """
    tokens = _tokens(expression)
    position = 0

    def peek() -> tuple[str, str] | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal position
        if position >= len(tokens):
            raise GradingError(f"Expression de règle incomplète : « {expression} ».")
        position += 1
        return tokens[position - 1]

    def value(token: tuple[str, str]):
        kind, text = token
        if kind == "var":
            found = variables.get(text.strip("${}"))
            return found if found not in (None, "") else None
        if kind == "str":
            return text[1:-1]
        if kind == "null":
            return None
        if kind == "regex":
            return re.compile(text[1:text.rindex("/")],
                              re.IGNORECASE if text.endswith("i") else 0)
        raise GradingError(f"Expression de règle illisible : « {expression} ».")

    def primary() -> bool:
        token = take()
        if token == ("op", "("):
            result = disjunction()
            if take() != ("op", ")"):
                raise GradingError(f"Parenthèse non fermée : « {expression} ».")
            return result
        left = value(token)
        following = peek()
        if following and following[0] == "op" and following[1] in ("==", "!=", "=~", "!~"):
            operator = take()[1]
            right = value(take())
            if operator in ("==", "!="):
                return (left == right) == (operator == "==")
            if not isinstance(right, re.Pattern):
                raise GradingError(f"« {operator} » attend une expression régulière /…/ : "
                                   f"« {expression} ».")
            matched = left is not None and right.search(str(left)) is not None
            return matched == (operator == "=~")
        return left is not None

    def conjunction() -> bool:
        result = primary()
        while peek() == ("op", "&&"):
            take()
            result = primary() and result
        return result

    def disjunction() -> bool:
        result = conjunction()
        while peek() == ("op", "||"):
            take()
            result = conjunction() or result
        return result

    result = disjunction()
    if position != len(tokens):
        raise GradingError(f"Expression de règle illisible : « {expression} ».")
    return result


# -- Cloud Pi Native requirements --------------------------------------------------------------
def _tag_of(image_name: str) -> str | None:
    last = image_name.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def _image_names(job: Job, pipeline: Pipeline) -> list[str]:
    variables = {**pipeline.variables, **job.variables}
    if job.extends_any({".kaniko:simple-build-push"}):
        return [variables.get("IMAGE_NAME", "")]
    names = variables.get("IMAGE_NAMES")
    if names is None:  # the catalogue's default pushes :latest too
        return ["$CI_PROJECT_NAME:$CI_COMMIT_BRANCH", "$CI_PROJECT_NAME:$CI_COMMIT_SHORT_SHA",
                "$CI_PROJECT_NAME:latest"]
    return names.split()


def _upstream(pipeline: Pipeline, job: Job) -> set[str]:
    """Every job that must succeed before this one can start (transitively)."""
    found: set[str] = set()
    pending = [job]
    while pending:
        current = pending.pop()
        if current.needs is not None:
            before = [n.job for n in current.needs if n.job in pipeline.jobs]
        else:
            before = [j.name for j in pipeline.jobs.values()
                      if pipeline.stage_index(j.stage) < pipeline.stage_index(current.stage)]
        for name in before:
            if name not in found:
                found.add(name)
                pending.append(pipeline.jobs[name])
    return found


def check_catalog(pipeline: Pipeline) -> CheckResult:
    """Le catalogue de la plateforme est inclus, avec le fichier de chaque modèle utilisé."""
    what = "inclusion du catalogue ($CATALOG_PATH)"
    used = {t for j in pipeline.jobs.values() for t in j.templates if t in CATALOG_TEMPLATES}
    needed = {CATALOG_TEMPLATES[t] for t in used} | {"vault-ci.yml"}
    missing = sorted(needed - pipeline.catalog_files())
    if missing:
        return failed(what, f"include: - project: $CATALOG_PATH avec {sorted(needed)}",
                      f"fichiers du catalogue inclus : {sorted(pipeline.catalog_files())}",
                      f"Ajoutez {', '.join(missing)} à la liste file de l'include "
                      "« project: $CATALOG_PATH » (ref: main).")
    return passed(what)


def check_read_secret(pipeline: Pipeline) -> CheckResult:
    """Un job étend .vault:read_secret et tous les autres jobs passent après lui."""
    what = "lecture des secrets Vault (.vault:read_secret) en premier"
    readers = pipeline.jobs_extending(READ_SECRET_TEMPLATES)
    if not readers:
        return failed(what, "un job qui étend .vault:read_secret",
                      "aucun job ne l'étend",
                      "Ajoutez un job read_secret (stage: read-secret, extends: "
                      "[.vault:read_secret]) : il fournit DOCKER_AUTH et IMAGE_REPOSITORY.")
    names = {r.name for r in readers}
    early = sorted(j.name for j in pipeline.jobs.values()
                   if j.name not in names and not names & _upstream(pipeline, j))
    if early:
        return failed(what, "tous les jobs après la lecture des secrets",
                      f"jobs qui peuvent démarrer avant : {', '.join(early)}",
                      "Placez l'étape de lecture des secrets en premier dans stages, ou "
                      "ajoutez-la aux needs de ces jobs.")
    return passed(what)


def check_tests(pipeline: Pipeline) -> CheckResult:
    """Au moins un job lance les tests, et son échec n'est pas toléré."""
    what = "tests automatisés dans le pipeline"
    testers = [j for j in pipeline.jobs.values() if j.runs_tests]
    if not testers:
        return failed(what, "un job dont le script lance les tests (pytest, mvn test…)",
                      "aucun job de test", "Ajoutez un job de test avant la construction.")
    tolerated = [j.name for j in testers if j.allow_failure and not j.extends_any(SONAR_TEMPLATES)]
    if tolerated:
        return failed(what, "des tests qui bloquent le pipeline quand ils échouent",
                      f"allow_failure sur : {', '.join(tolerated)}",
                      "Retirez allow_failure : un test qui échoue doit arrêter la chaîne.")
    return passed(what)


def check_sonar(pipeline: Pipeline) -> CheckResult:
    """Un job d'analyse SonarQube (modèle du catalogue)."""
    what = "analyse de qualité SonarQube"
    if not pipeline.jobs_extending(SONAR_TEMPLATES):
        return failed(what, f"un job qui étend l'un de {sorted(SONAR_TEMPLATES)}",
                      "aucun", "Ajoutez un job qui étend .sonar:sonar-scanner (sonar-ci.yml).")
    return passed(what)


def check_build(pipeline: Pipeline) -> CheckResult:
    """Construction Kaniko vers Harbor, avec un tag explicite (jamais latest)."""
    what = "construction de l'image avec Kaniko vers Harbor"
    builders = pipeline.jobs_extending(BUILD_TEMPLATES)
    if not builders:
        return failed(what, "un job qui étend .kaniko:simple-build-push (ou .kaniko:build-push)",
                      "aucun", "Ajoutez un job docker-build qui étend .kaniko:simple-build-push.")
    for job in builders:
        for name in _image_names(job, pipeline):
            tag = _tag_of(name)
            if not name or tag in (None, "", "latest"):
                return failed(what, "IMAGE_NAME au format image:tag, tag explicite",
                              f"{job.name} : « {name or '(absent)'} »",
                              "Par exemple IMAGE_NAME: rdv-api:$CI_COMMIT_SHORT_SHA (le SHA "
                              "court du commit, recommandé par la plateforme).")
        if job.allow_failure:
            return failed(what, "une construction qui ne tolère pas l'échec",
                          f"allow_failure sur {job.name}", "Retirez allow_failure.")
    return passed(what)


def check_gate(pipeline: Pipeline) -> CheckResult:
    """Si un test ou la lecture des secrets échoue, aucune image n'est construite."""
    what = "porte de qualité : pas d'image si un test échoue"
    builders = [j.name for j in pipeline.jobs_extending(BUILD_TEMPLATES)]
    guards = [j.name for j in pipeline.jobs.values() if j.runs_tests and not j.allow_failure]
    guards += [j.name for j in pipeline.jobs_extending(READ_SECRET_TEMPLATES)]
    if not builders or not guards:
        return failed(what, "un job de construction et des jobs de test",
                      f"construction : {builders or 'aucune'} ; tests : {guards or 'aucun'}",
                      "Écrivez d'abord les jobs de test et de construction.")
    for guard in guards:
        for source in PIPELINE_SOURCES:
            if guard not in pipeline.jobs_for(source):
                continue
            outcome = pipeline.run(failing={guard}, source=source)
            built = [b for b in builders if outcome.get(b) == SUCCESS]
            if not built:
                continue
            return failed(what, f"construction ignorée quand « {guard} » échoue",
                          f"« {', '.join(built)} » tourne quand même (pipeline {source})",
                          "Mettez la construction dans une étape après les tests, et si elle a "
                          "des needs, ajoutez-y le job de test.")
    return passed(what)


def check_cpn(pipeline: Pipeline | str | Path) -> Report:
    """Toutes les exigences de la chaîne Cloud Pi Native pour un `.gitlab-ci-dso.yml`."""
    if not isinstance(pipeline, Pipeline):
        pipeline = load_pipeline(pipeline)
    return Report.of([check_catalog(pipeline), check_read_secret(pipeline),
                      check_tests(pipeline), check_sonar(pipeline), check_build(pipeline),
                      check_gate(pipeline)])
