"""Git repositories: run the `git` command, build the training repositories, read facts.

The training set mirrors the Cloud Pi Native chain: a repository on the team's own forge (the
primary chain, here a bare repository « origine.git »), the developer's clone, and the internal
GitLab repository of the ministry (the secondary chain, « miroir.git ») that the console's
`mirror` project fills by force-pushing what the primary chain holds.

Grading reads the repositories again with `git` (log, branches, tags, file contents), never the
objects a notebook built. Git runs with a controlled environment: no global or system
configuration, no editor, no pager, no prompt.
"""

from __future__ import annotations

import base64
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import GradingError
from .results import CheckResult, failed, passed

CONVENTIONAL = re.compile(
    r"^(?P<type>feat|fix|docs|test|build|ci|chore|refactor|perf|style|revert)"
    r"(?:\((?P<scope>[a-z0-9._/-]+)\))?!?: \S.{2,}$")
SUBJECT_MAX = 72
SEMVER_TAG = re.compile(r"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
CONFLICT_MARKERS = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)


@dataclass(frozen=True)
class Person:
    name: str
    email: str


LEARNER = Person("Alex Martin", "alex.martin@interieur.gouv.fr")
CAMILLE = Person("Camille Leroy", "camille.leroy@interieur.gouv.fr")
YANIS = Person("Yanis Benali", "yanis.benali@interieur.gouv.fr")


def environment(person: Person | None = None, date: str | None = None) -> dict[str, str]:
    """Git's environment: no user or system configuration, no editor, pager or prompt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                "GIT_EDITOR": "true", "GIT_MERGE_AUTOEDIT": "no", "GIT_PAGER": "cat",
                "PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANG": "C"})
    if person:
        env.update({"GIT_AUTHOR_NAME": person.name, "GIT_AUTHOR_EMAIL": person.email,
                    "GIT_COMMITTER_NAME": person.name, "GIT_COMMITTER_EMAIL": person.email})
    if date:
        env.update({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    return env


def _run(repo: Path, args: list[str], env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None:
        raise GradingError("La commande git est introuvable sur cette machine.",
                           "Installez Git (paquet « git ») puis relancez la cellule.")
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env=env or environment(), timeout=60)


def git_text(repo: Path, *args: str) -> str:
    """The output of a git command that must succeed (for the kit's own reads)."""
    result = _run(Path(repo), list(args))
    if result.returncode != 0:
        raise GradingError(f"git {' '.join(args)} a échoué : {result.stderr.strip()[:300]}",
                           "Vérifiez que le dépôt existe et que la référence est juste.")
    return result.stdout.strip()


@dataclass(frozen=True)
class GitResult:
    """The exit code and the output (stdout and stderr together) of one git command."""

    command: str
    code: int
    output: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    def __str__(self) -> str:
        return self.output

    def __repr__(self) -> str:
        return f"<git {self.command} : code {self.code}>"

    def _repr_pretty_(self, printer, cycle) -> None:  # the output was already printed
        printer.text(f"(git {self.command.split()[0] if self.command else ''} : code {self.code})")


class Git:
    """Lancer des commandes git dans un dépôt, comme dans un terminal.

    `git("status")` affiche la commande et sa sortie, et renvoie un `GitResult` (code de
    retour et texte). Une commande qui échoue ne lève pas d'erreur : lisez le message, comme
    dans un terminal (un conflit de fusion, par exemple, est une étape normale).
    """

    def __init__(self, repo: Path, quiet: bool = False) -> None:
        self.repo = Path(repo)
        self.quiet = quiet

    def __call__(self, command: str) -> GitResult:
        args = shlex.split(command)
        if args and args[0] == "git":
            args = args[1:]
        result = _run(self.repo, args)
        output = (result.stdout + result.stderr).rstrip()
        if not self.quiet:
            print(f"$ git {command.removeprefix('git ')}")
            if output:
                print(output)
            if result.returncode != 0:
                print(f"(git a terminé avec le code {result.returncode})")
        return GitResult(command, result.returncode, output)

    def __repr__(self) -> str:
        return f"Git({str(self.repo)!r})"


# The training repositories ----------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingRepositories:
    """The repositories of the exercise: primary chain, clone, secondary chain (mirror)."""

    root: Path
    origin: Path  # the team's forge (primary chain), a bare repository
    clone: Path  # the learner's working copy
    internal: Path  # the ministry's GitLab repository filled by the mirror (secondary chain)


README = """# RDV Préfecture

Prise de rendez-vous en ligne en préfecture (dépôt de dossier, remise de titre).
Application Python, construite et déployée par la chaîne Cloud Pi Native.

## Contribuer

- une branche par story ou par correction : `feature/<sujet>`, `fix/<sujet>` ;
- des messages de commit au format Conventional Commits : `feat(rappel): …`, `fix(creneaux): …` ;
- une merge request relue par une autre personne, pipeline vert, avant toute fusion dans `main` ;
- chaque version livrée est un tag annoté `vX.Y.Z` (versionnage sémantique).
"""
GITIGNORE = "__pycache__/\n.venv/\n*.pyc\n"
CRENEAUX = '''"""Créneaux de rendez-vous d'un guichet."""

from datetime import date, datetime, time, timedelta

OUVERTURE, FERMETURE = time(9, 0), time(16, 30)


def creneaux(jour: date, minutes: int = 20) -> list[datetime]:
    """Les créneaux d'un jour ouvré, de 9 h à 16 h 30 ; aucun le week-end."""
    if jour.weekday() >= 5:
        return []
    debut, fin = datetime.combine(jour, OUVERTURE), datetime.combine(jour, FERMETURE)
    pas = timedelta(minutes=minutes)
    return [debut + i * pas for i in range(int((fin - debut) / pas))]
'''
ANNULATION = '''"""Annulation d'un rendez-vous par l'usager."""

from datetime import datetime, timedelta

DELAI = timedelta(hours=24)


def annulation_possible(rendez_vous: datetime, maintenant: datetime) -> bool:
    """L'usager peut annuler en ligne jusqu'à 24 heures avant son rendez-vous."""
    return rendez_vous - maintenant >= DELAI
'''
DOCKERFILE = """FROM docker.io/library/python:3.12-slim
WORKDIR /app
COPY rdv/ rdv/
USER 1001
EXPOSE 8080
CMD ["python", "-m", "rdv"]
"""
GITLAB_CI = """# Pipeline de la chaîne secondaire Cloud Pi Native
# (modèles : cloud-pi-native/gitlab-ci-catalog)
include:
  - project: $CATALOG_PATH
    file: vault-ci.yml
    ref: main
  - project: $CATALOG_PATH
    file: kaniko-ci.yml
    ref: main

stages: [read-secret, test, build]

vault:read_secret:
  stage: read-secret
  extends: .vault:read_secret

test:
  stage: test
  image: docker.io/library/python:3.12-slim
  script:
    - pip install pytest
    - python -m pytest -q

build:
  stage: build
  extends: .kaniko:simple-build-push
  variables:
    WORKING_DIR: .
"""
CHANGELOG_120 = """# Journal des modifications

Format : https://keepachangelog.com/fr/ — versions : https://semver.org/lang/fr/

## [Non publié]

## [1.2.0] - 2026-11-20

### Ajouté

- Annulation en ligne jusqu'à 24 heures avant le rendez-vous.

## [1.1.0] - 2026-11-06

### Ajouté

- Calcul des créneaux disponibles d'un guichet.
"""
CAMILLE_FIX = """
from datetime import date

JOURS_FERIES_2026 = {date(2026, 12, 25), date(2027, 1, 1)}


def ouvre(jour: date) -> bool:
    \"\"\"Le guichet est fermé le week-end et les jours fériés.\"\"\"
    return jour.weekday() < 5 and jour not in JOURS_FERIES_2026
"""
CAMILLE_ENTRY = "### Corrigé\n\n- Plus de créneau proposé un jour férié.\n"


def _commit(repo: Path, person: Person, date: str, message: str,
            files: dict[str, str], merge: str | None = None) -> None:
    env = environment(person, date)
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if merge:
        _check(_run(repo, ["merge", "--no-ff", "-m", message, merge], env))
        return
    _check(_run(repo, ["add", "--all"], env))
    _check(_run(repo, ["commit", "-q", "-m", message], env))


def _check(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        raise GradingError(f"Préparation du dépôt d'exercice impossible : "
                           f"{(result.stderr or result.stdout).strip()[:300]}")


def _configure(repo: Path, person: Person) -> None:
    for key, value in (("user.name", person.name), ("user.email", person.email),
                       ("init.defaultBranch", "main"), ("commit.gpgsign", "false"),
                       ("tag.gpgsign", "false"), ("pull.rebase", "false"),
                       ("core.editor", "true"), ("advice.detachedHead", "false")):
        _check(_run(repo, ["config", key, value]))


def training_repository(root: Path | None = None) -> TrainingRepositories:
    """Créer les dépôts de l'exercice dans un dossier temporaire neuf.

    - `origine.git` : le dépôt de l'équipe sur sa forge (chaîne primaire), avec son historique ;
    - `rdv-prefecture` : votre copie de travail, clonée de `origine.git` (identité : Alex Martin) ;
    - `miroir.git` : le dépôt GitLab interne du ministère (chaîne secondaire), vide tant que le
      miroir n'a pas été synchronisé.

    Une collègue, Camille, pousse une correction sur `origine.git` juste après votre clonage.
    """
    root = Path(root) if root else Path(tempfile.mkdtemp(prefix="cpn-git-"))
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    origin, internal = root / "origine.git", root / "miroir.git"
    for bare in (origin, internal):
        _check(_run(root, ["init", "-q", "--bare", "-b", "main", str(bare)]))
    work = root / "preparation"
    _check(_run(root, ["clone", "-q", str(origin), str(work)]))
    _configure(work, CAMILLE)
    _commit(work, CAMILLE, "2026-10-27T09:12:00+01:00", "chore: initialisation du projet",
            {"README.md": README, ".gitignore": GITIGNORE,
             "rdv/__init__.py": '__version__ = "1.0.0"\n'})
    _commit(work, YANIS, "2026-11-03T14:40:00+01:00",
            "feat(creneaux): calcul des créneaux d'un guichet", {"rdv/creneaux.py": CRENEAUX})
    _commit(work, CAMILLE, "2026-11-05T10:05:00+01:00",
            "build: Dockerfile rootless et pipeline .gitlab-ci-dso.yml",
            {"Dockerfile": DOCKERFILE, ".gitlab-ci-dso.yml": GITLAB_CI})
    _check(_run(work, ["tag", "-a", "v1.1.0", "-m", "Version 1.1.0"],
                environment(CAMILLE, "2026-11-06T16:00:00+01:00")))
    _check(_run(work, ["switch", "-q", "-c", "feature/annulation"]))
    _commit(work, YANIS, "2026-11-17T11:30:00+01:00",
            "feat(annulation): annulation en ligne jusqu'à 24 h avant",
            {"rdv/annulation.py": ANNULATION})
    _check(_run(work, ["switch", "-q", "main"]))
    _commit(work, CAMILLE, "2026-11-19T15:20:00+01:00", "Merge branch 'feature/annulation'", {},
            merge="feature/annulation")
    _commit(work, CAMILLE, "2026-11-20T09:00:00+01:00", "docs(changelog): version 1.2.0",
            {"CHANGELOG.md": CHANGELOG_120, "rdv/__init__.py": '__version__ = "1.2.0"\n'})
    _check(_run(work, ["tag", "-a", "v1.2.0", "-m", "Version 1.2.0"],
                environment(CAMILLE, "2026-11-20T09:05:00+01:00")))
    _check(_run(work, ["push", "-q", "origin", "main", "--tags"]))
    clone = root / "rdv-prefecture"
    _check(_run(root, ["clone", "-q", str(origin), str(clone)]))
    _configure(clone, LEARNER)
    # Camille fixes a bug while you start working: origin moves on without you.
    changelog = CHANGELOG_120.replace("## [Non publié]\n", "## [Non publié]\n\n" + CAMILLE_ENTRY)
    _commit(work, CAMILLE, "2026-12-02T10:45:00+01:00",
            "fix(creneaux): aucun créneau les jours fériés",
            {"rdv/creneaux.py": CRENEAUX + CAMILLE_FIX, "CHANGELOG.md": changelog})
    _check(_run(work, ["push", "-q", "origin", "main"]))
    shutil.rmtree(work)
    return TrainingRepositories(root, origin, clone, internal)


def mirror(origin: Path, internal: Path) -> GitResult:
    """Synchroniser le miroir, comme le bouton « Lancer la synchronisation » de la console.

    Le projet `mirror` de Cloud Pi Native clone le dépôt externe (chaîne primaire) et pousse
    de force toutes ses branches et tous ses tags vers le dépôt GitLab interne.
    """
    with tempfile.TemporaryDirectory(prefix="cpn-miroir-") as scratch:
        copy = Path(scratch) / "copie.git"
        cloned = _run(Path(scratch), ["clone", "-q", "--mirror", str(origin), str(copy)])
        if cloned.returncode != 0:
            return GitResult("mirror", cloned.returncode, cloned.stderr.strip())
        pushed = _run(copy, ["push", "--mirror", "--force", str(internal)])
    output = (pushed.stdout + pushed.stderr).strip()
    print("Synchronisation du miroir : " + ("réussie." if pushed.returncode == 0
                                              else f"échec.\n{output}"))
    return GitResult("mirror", pushed.returncode, output)


# Handing the repositories to the grader ---------------------------------------------------------
REPOSITORIES = ("origin", "clone", "internal")


def bundles(repositories: TrainingRepositories) -> dict[str, str]:
    """Les trois dépôts empaquetés par `git bundle` (texte base64 ; vide pour un dépôt sans
    commit) : leurs objets et leurs références, ce que le correcteur relit."""
    packed = {}
    for name in REPOSITORIES:
        result = subprocess.run(["git", "-C", str(getattr(repositories, name)), "bundle",
                                 "create", "-", "--all"], capture_output=True,
                                env=environment(), timeout=60)
        packed[name] = base64.b64encode(result.stdout).decode() if result.returncode == 0 else ""
    return packed


def unbundled(packed: dict[str, str]) -> TrainingRepositories:
    """The repositories rebuilt from their bundles, bare, in a new temporary folder: objects
    and references only, so no configuration of the sender's (hooks, fsmonitor, programs)
    reaches the git commands the grader runs."""
    root = Path(tempfile.mkdtemp(prefix="cpn-git-rendu-"))
    for name in REPOSITORIES:
        repo = root / f"{name}.git"
        _check(_run(root, ["init", "-q", "--bare", "-b", "main", str(repo)]))
        data = packed.get(name) if isinstance(packed, dict) else None
        if not isinstance(data, str) or not data:
            continue
        bundle = root / f"{name}.bundle"
        bundle.write_bytes(base64.b64decode(data, validate=True))
        fetched = _run(repo, ["fetch", "-q", str(bundle), "refs/*:refs/*"])
        if fetched.returncode != 0:
            raise GradingError(f"Le dépôt « {name} » rendu est illisible : "
                               f"{fetched.stderr.strip()[:300]}",
                               "Relancez le carnet depuis le début.")
    return TrainingRepositories(root, root / "origin.git", root / "clone.git",
                                root / "internal.git")


# Facts ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    subject: str


def rev(repo: Path, ref: str) -> str | None:
    """The commit a reference points to (None if it does not exist)."""
    result = _run(Path(repo), ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def commits(repo: Path, revision_range: str, first_parent: bool = False) -> list[Commit]:
    """The commits of a range (`main`, `main..feature/x`), newest first."""
    args = ["log", "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%s%x1e"]
    if first_parent:
        args.append("--first-parent")
    text = git_text(repo, *args, revision_range, "--")
    found = []
    for record in text.split("\x1e"):
        if record.strip():
            sha, parents, author, email, subject = record.strip().split("\x1f")
            found.append(Commit(sha, tuple(parents.split()), author, email, subject))
    return found


def branches(repo: Path) -> list[str]:
    """Local branches, sorted."""
    return sorted(git_text(repo, "for-each-ref", "--format=%(refname:short)",
                           "refs/heads").split())


def tags(repo: Path) -> dict[str, dict[str, object]]:
    """Tags: name → {"annotated": bool, "commit": sha, "message": str}."""
    text = git_text(repo, "for-each-ref", "--format=%(refname:short)%1f%(objecttype)%1f"
                    "%(contents:subject)%1e", "refs/tags")
    found = {}
    for record in text.split("\x1e"):
        if record.strip():
            name, kind, message = record.strip().split("\x1f")
            found[name] = {"annotated": kind == "tag", "commit": rev(repo, f"refs/tags/{name}"),
                           "message": message}
    return found


def is_ancestor(repo: Path, ancestor: str, descendant: str) -> bool:
    return _run(Path(repo), ["merge-base", "--is-ancestor", ancestor, descendant]).returncode == 0


def show(repo: Path, ref: str, path: str) -> str | None:
    """A file's content at a reference (None if absent)."""
    result = _run(Path(repo), ["show", f"{ref}:{path}"])
    return result.stdout if result.returncode == 0 else None


def added_by(repo: Path, ref: str, path: str) -> str | None:
    """The author of the commit that added a file."""
    text = git_text(repo, "log", "--diff-filter=A", "--format=%an", ref, "--", path)
    return text.splitlines()[-1] if text else None


# Checks -----------------------------------------------------------------------------------------
def _missing_ref(what: str, ref: str, hint: str) -> CheckResult:
    return failed(what, f"la référence « {ref} »", "introuvable", hint, final=True)


def branch_exists(repo: Path, name: str) -> CheckResult:
    """La branche locale existe."""
    what = f"branche « {name} »"
    found = branches(repo)
    if name not in found:
        return failed(what, name, ", ".join(found), f"Créez-la : git switch -c {name}")
    return passed(what)


def conventional_commits(repo: Path, revision_range: str, minimum: int = 1) -> CheckResult:
    """Au moins `minimum` commits dans l'intervalle, tous au format Conventional Commits."""
    what = f"commits de {revision_range} au format Conventional Commits"
    found = [c for c in commits(repo, revision_range) if len(c.parents) < 2]
    if len(found) < minimum:
        return failed(what, f"au moins {minimum} commit(s)", f"{len(found)} commit(s)",
                      "Ajoutez vos fichiers (git add) puis enregistrez-les (git commit -m …).")
    bad = [c.subject for c in found
           if not CONVENTIONAL.match(c.subject) or len(c.subject) > SUBJECT_MAX]
    if bad:
        return failed(what, f"« type(portée): description » en {SUBJECT_MAX} caractères au plus",
                      " | ".join(bad),
                      "Types : feat, fix, docs, test, build, ci, chore, refactor, perf, style. "
                      "Corrigez le dernier message avec git commit --amend -m \"…\".")
    return passed(what)


def authored_by(repo: Path, revision_range: str, person: Person) -> CheckResult:
    """Les commits de l'intervalle sont signés de cette identité."""
    what = f"auteur des commits de {revision_range}"
    others = sorted({f"{c.author} <{c.email}>" for c in commits(repo, revision_range)
                     if c.email != person.email and len(c.parents) < 2})
    if others:
        return failed(what, f"{person.name} <{person.email}>", ", ".join(others),
                      "Ne changez pas user.name ni user.email dans ce dépôt.")
    return passed(what)


def contains(repo: Path, ref: str, commit: str, what: str, hint: str = "") -> CheckResult:
    """`ref` contient `commit` (il en est un ancêtre)."""
    if rev(repo, ref) is None:
        return _missing_ref(what, ref, hint)
    if rev(repo, commit) is None or not is_ancestor(repo, commit, ref):
        return failed(what, f"{commit} contenu dans {ref}", "absent", hint)
    return passed(what)


def file_has_lines(repo: Path, ref: str, path: str, lines: list[str]) -> CheckResult:
    """Le fichier, à cette référence, contient ces lignes et aucun marqueur de conflit."""
    what = f"{path} sur {ref}"
    text = show(repo, ref, path)
    if text is None:
        return failed(what, f"un fichier {path}", "absent", "", final=True)
    if CONFLICT_MARKERS.search(text):
        return failed(what, "aucun marqueur de conflit (<<<<<<<, =======, >>>>>>>)",
                      "des marqueurs restent dans le fichier",
                      "Éditez le fichier pour garder les deux changements, puis git add.")
    missing = [line for line in lines if line not in text.splitlines()]
    if missing:
        return failed(what, "les lignes des deux côtés de la fusion", "absentes : "
                      + " | ".join(missing),
                      "Une résolution de conflit garde le travail de chacun, sauf décision "
                      "contraire discutée avec l'équipe.")
    return passed(what)


def merged_with_merge_commit(repo: Path, target: str, source_tip: str) -> CheckResult:
    """`target` a intégré `source_tip` par un commit de fusion (git merge --no-ff)."""
    what = f"fusion de {source_tip[:8]} dans {target} par un commit de fusion"
    if rev(repo, target) is None:
        return _missing_ref(what, target, "")
    history = commits(repo, target, first_parent=True)
    merges = [c for c in history if len(c.parents) == 2 and c.parents[1] == source_tip]
    if not merges:
        in_history = any(c.sha == source_tip for c in history)
        found = ("la branche a été intégrée en avance rapide (fast-forward), sans commit de "
                 "fusion" if in_history else "aucune fusion de cette branche")
        return failed(what, "un commit de fusion dont le second parent est la pointe de la "
                      "branche", found, "Utilisez git merge --no-ff <branche>, comme le "
                      "bouton « Merge » de GitLab.")
    return passed(what)


def annotated_tag(repo: Path, name: str, on_ref: str) -> CheckResult:
    """Le tag existe, est annoté, suit le versionnage sémantique et pointe sur `on_ref`."""
    what = f"tag « {name} »"
    found = tags(repo)
    if name not in found:
        return failed(what, name, ", ".join(sorted(found)) or "aucun tag",
                      f"git tag -a {name} -m \"…\"")
    if not SEMVER_TAG.match(name):
        return failed(what, "vMAJEUR.MINEUR.CORRECTIF", name)
    if not found[name]["annotated"]:
        return failed(what, "un tag annoté (avec auteur, date et message)", "un tag léger",
                      f"Supprimez-le (git tag -d {name}) puis recréez-le avec git tag -a.")
    if found[name]["commit"] != rev(repo, on_ref):
        return failed(what, f"sur la pointe de {on_ref}", f"sur {str(found[name]['commit'])[:8]}",
                      "Placez-vous sur la bonne branche avant de créer le tag.")
    return passed(what)


def next_version(repo: Path, last_tag: str, ref: str) -> str:
    """The semantic version that follows `last_tag` given the Conventional Commits since then:
    a breaking change (« ! ») bumps MAJOR, a « feat » bumps MINOR, anything else PATCH."""
    match = SEMVER_TAG.match(last_tag)
    if not match:
        raise GradingError(f"« {last_tag} » n'est pas une version vMAJEUR.MINEUR.CORRECTIF.")
    major, minor, patch = (int(part) for part in match.groups())
    subjects = [c.subject for c in commits(repo, f"{last_tag}..{ref}") if len(c.parents) < 2]
    parsed = [m for s in subjects if (m := CONVENTIONAL.match(s))]
    if any("!" in m.group(0).split(":")[0] for m in parsed):
        return f"v{major + 1}.0.0"
    if any(m["type"] == "feat" for m in parsed):
        return f"v{major}.{minor + 1}.0"
    return f"v{major}.{minor}.{patch + 1}"


CLOSING = re.compile(r"(?i)\b(?:closes?|fix(?:es)?|resolves?|ferme)\s+#(\d+)\b")
MR_KEYS = ("source", "cible", "titre", "description", "relecteurs", "brouillon",
           "supprimer_branche_source")


def merge_request(request: object, origin: Path, author: Person, issue: int) -> list[CheckResult]:
    """Les règles de savoir-vivre d'une merge request, vérifiées sur sa description (données)
    et sur le dépôt distant (la branche source y est poussée)."""
    what = "merge request"
    if not isinstance(request, dict) or any(k not in request for k in MR_KEYS):
        return [failed(what, f"un dictionnaire avec les clés {list(MR_KEYS)}", repr(request)[:120],
                       "Reprenez le modèle de l'énoncé.")]
    results = []
    source = str(request["source"])
    results.append(passed("branche source poussée sur la forge") if source in branches(origin)
                   else failed("branche source poussée sur la forge", source,
                               ", ".join(branches(origin)),
                               f"git push -u origin {source}"))
    results.append(passed("branche cible") if request["cible"] == "main" else
                   failed("branche cible", "main", repr(request["cible"])))
    title = str(request["titre"])
    results.append(passed("titre au format Conventional Commits")
                   if CONVENTIONAL.match(title) and len(title) <= SUBJECT_MAX else
                   failed("titre au format Conventional Commits", "type(portée): description",
                          repr(title), "Le titre devient le message du commit de fusion."))
    text = str(request["description"])
    closing = [int(n) for n in CLOSING.findall(text)]
    results.append(passed("ticket fermé par la fusion") if issue in closing else
                   failed("ticket fermé par la fusion", f"« Closes #{issue} » dans la description",
                          f"tickets cités : {closing or 'aucun'}",
                          "GitLab ferme le ticket à la fusion quand la description dit "
                          f"« Closes #{issue} »."))
    results.append(passed("section « Comment tester »")
                   if re.search(r"(?im)^#+\s*comment tester", text) else
                   failed("section « Comment tester »", "un titre « ## Comment tester »",
                          "absent", "Dites au relecteur comment vérifier le changement."))
    reviewers = request["relecteurs"]
    login = author.email.split("@")[0]
    valid = isinstance(reviewers, list) and reviewers and all(
        isinstance(r, str) and r.strip() for r in reviewers)
    results.append(passed("relecture par une autre personne")
                   if valid and login not in reviewers and author.name not in reviewers else
                   failed("relecture par une autre personne",
                          "au moins un relecteur, qui n'est pas l'auteur", repr(reviewers),
                          "On ne relit pas son propre code : désignez un collègue."))
    results.append(passed("merge request prête à relire") if request["brouillon"] is False else
                   failed("merge request prête à relire", "brouillon = False",
                          repr(request["brouillon"])))
    results.append(passed("branche source supprimée après fusion")
                   if request["supprimer_branche_source"] is True else
                   failed("branche source supprimée après fusion",
                          "supprimer_branche_source = True",
                          repr(request["supprimer_branche_source"]),
                          "Une branche fusionnée n'a plus de raison d'être."))
    return results
