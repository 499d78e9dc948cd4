"""Checks on a Dockerfile beyond the CCT rules, and what a build of it would do.

The Dockerfile is parsed (`files.parse_dockerfile`), never built: the checks read its
instructions, stage by stage. `build_plan` explains in French what a builder (Kaniko in the
Cloud Pi Native chain, or `docker build`) would do with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .conformity import evaluate_dockerfile, rule_book
from .files import Dockerfile, Instruction, parse_dockerfile

__all__ = ["Stage", "bases_from_allowed_registries", "build_context", "build_plan",
           "cct_compliant", "context_check",
           "dependencies_before_code", "exec_form_command", "exposes", "final_copies_from_build",
           "no_secret", "numeric_user", "parse_dockerfile", "report", "stages"]
from .results import CheckResult, Report, failed, passed

SECRET_WORDS = ("password", "passwd", "secret", "token", "api_key", "apikey", "private_key")
INSTALL_COMMANDS = ("pip install", "npm ci", "npm install", "mvn ", "gradle ", "go mod download",
                    "poetry install", "uv sync")


@dataclass(frozen=True)
class Stage:
    """One build stage: its index, its base image, its name (if any) and its instructions."""

    index: int
    base: str
    name: str | None
    instructions: tuple[Instruction, ...]


def stages(dockerfile: Dockerfile) -> list[Stage]:
    """The stages of a parsed Dockerfile, in order (the last one is the final image)."""
    found = []
    for index in range(len(dockerfile.stages)):
        own = tuple(i for i in dockerfile.instructions if i.stage == index)
        words = next(i for i in own if i.keyword == "FROM").arguments.split()
        name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
        found.append(Stage(index, words[0], name, own))
    return found


def _flags(arguments: str) -> tuple[dict[str, str], list[str]]:
    """Split `--flag=value` options from the other words of a COPY/ADD instruction."""
    flags, words = {}, []
    for word in arguments.split():
        if word.startswith("--") and not words:
            key, _, value = word[2:].partition("=")
            flags[key] = value
        else:
            words.append(word)
    return flags, words


def _parsed(text: str | Dockerfile) -> Dockerfile:
    return text if isinstance(text, Dockerfile) else parse_dockerfile(text)


def cct_compliant(text: str | Dockerfile, environment: str = "prod") -> CheckResult:
    """Le Dockerfile ne viole aucune règle du CCT, ni bloquante ni d'audit."""
    source = text if isinstance(text, str) else "\n".join(
        f"{i.keyword} {i.arguments}" for i in text.instructions)
    report = evaluate_dockerfile(source, environment)
    if not report.findings:
        return passed("Dockerfile conforme au CCT")
    return failed("Dockerfile conforme au CCT", "aucune règle enfreinte",
                  "\n              ".join(f.line() for f in report.findings),
                  report.findings[0].hint)


def bases_from_allowed_registries(text: str | Dockerfile) -> CheckResult:
    """Chaque image de base vient d'un registre autorisé, écrit en toutes lettres."""
    dockerfile = _parsed(text)
    names = {s.name.lower() for s in stages(dockerfile) if s.name}
    allowed = rule_book().allowed_registries
    wrong = [s.base for s in stages(dockerfile)
             if s.base.lower() not in names and s.base != "scratch"
             and not any(s.base.startswith(prefix) for prefix in allowed)]
    if not wrong:
        return passed("images de base issues de registres autorisés")
    return failed("images de base issues de registres autorisés",
                  f"un préfixe parmi {', '.join(allowed)}", ", ".join(wrong),
                  "Écrivez le registre en entier, par exemple "
                  "« FROM docker.io/library/python:3.12-slim ».")


def final_copies_from_build(text: str | Dockerfile) -> CheckResult:
    """L'image finale reprend le résultat d'une étape précédente (COPY --from=…)."""
    dockerfile = _parsed(text)
    all_stages = stages(dockerfile)
    earlier = {str(s.index) for s in all_stages[:-1]} | {
        s.name.lower() for s in all_stages[:-1] if s.name}
    copies = [_flags(i.arguments)[0].get("from", "").lower()
              for i in all_stages[-1].instructions if i.keyword == "COPY"]
    if any(source in earlier for source in copies):
        return passed("l'image finale copie le résultat de l'étape de construction")
    return failed("l'image finale copie le résultat de l'étape de construction",
                  "un COPY --from=<étape de construction> dans la dernière étape",
                  f"COPY --from : {copies or 'aucun'}",
                  "Nommez la première étape (FROM … AS build) et copiez son résultat avec "
                  "COPY --from=build.")


def dependencies_before_code(text: str | Dockerfile,
                             manifests: tuple[str, ...] = ("requirements.txt",)) -> CheckResult:
    """Les dépendances s'installent avant la copie du code source (cache des couches).

    Dans l'étape qui installe les dépendances, seuls les fichiers de `manifests` sont copiés
    avant l'installation ; le code vient après.
    """
    what = "dépendances installées avant la copie du code (cache)"
    for stage in stages(_parsed(text)):
        copied: list[str] = []
        for instruction in stage.instructions:
            if instruction.keyword == "RUN" and any(
                    c in instruction.arguments for c in INSTALL_COMMANDS):
                early = [s for s in copied if s.rstrip("/").split("/")[-1] not in manifests]
                if early:
                    return failed(what, f"seulement {', '.join(manifests)} copié(s) avant "
                                  "l'installation", f"copié(s) avant : {', '.join(early)}",
                                  "Copiez d'abord requirements.txt, installez, puis copiez le "
                                  "code : une modification du code ne réinstalle plus tout.")
                if not copied:
                    return failed(what, "une copie de requirements.txt avant l'installation",
                                  "rien de copié avant l'installation",
                                  "COPY requirements.txt . puis RUN pip install …")
                return passed(what)
            if instruction.keyword in ("COPY", "ADD"):
                flags, words = _flags(instruction.arguments)
                if "from" not in flags:
                    copied += words[:-1]
    return failed(what, "une instruction RUN qui installe les dépendances (pip install)",
                  "aucune installation trouvée", "Ajoutez RUN pip install -r requirements.txt.",
                  final=True)


def exec_form_command(text: str | Dockerfile) -> CheckResult:
    """L'image finale démarre par CMD ou ENTRYPOINT en forme exec (liste JSON)."""
    final = stages(_parsed(text))[-1].instructions
    commands = [i for i in final if i.keyword in ("CMD", "ENTRYPOINT")]
    what = "commande de démarrage en forme exec"
    if not commands:
        return failed(what, "un CMD ou un ENTRYPOINT dans la dernière étape", "aucun",
                      'Terminez par CMD ["python", "-m", "…"].')
    try:
        words = json.loads(commands[-1].arguments)
    except ValueError:
        words = None
    if isinstance(words, list) and words and all(isinstance(w, str) for w in words):
        return passed(what)
    return failed(what, 'une liste JSON, par exemple CMD ["python", "app.py"]',
                  f"{commands[-1].keyword} {commands[-1].arguments}",
                  "En forme exec, l'application est le processus 1 et reçoit le signal d'arrêt "
                  "de Kubernetes ; en forme shell, c'est /bin/sh qui le reçoit.")


def no_secret(text: str | Dockerfile) -> CheckResult:
    """Aucun secret dans l'image : pas de ENV ni ARG au nom de mot de passe ou de jeton."""
    found = []
    for instruction in _parsed(text).instructions:
        if instruction.keyword in ("ENV", "ARG"):
            for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*=", instruction.arguments) or [
                    instruction.arguments.split()[0] if instruction.arguments else ""]:
                if any(word in name.lower() for word in SECRET_WORDS):
                    found.append(f"ligne {instruction.line} : {instruction.keyword} {name}")
    if not found:
        return passed("aucun secret dans l'image")
    return failed("aucun secret dans l'image", "aucun ENV ni ARG de secret", "; ".join(found),
                  "Un secret dans une image se lit avec « docker history » : il vient de Vault "
                  "ou d'un Secret Kubernetes, au démarrage.")


def numeric_user(text: str | Dockerfile) -> CheckResult:
    """L'image finale déclare un utilisateur numérique non root (par exemple USER 1001)."""
    user = _parsed(text).user
    what = "utilisateur numérique non root"
    if user is not None and user.isdigit() and int(user) != 0:
        return passed(what)
    return failed(what, "USER suivi d'un numéro différent de 0, par exemple USER 1001",
                  f"USER {user or 'absent'}",
                  "Kubernetes ne peut vérifier « runAsNonRoot » que sur un UID numérique ; "
                  "OpenShift remplace de toute façon l'UID par un numéro aléatoire.")


def exposes(text: str | Dockerfile, port: int) -> CheckResult:
    """L'image finale déclare (EXPOSE) le port attendu."""
    ports = _parsed(text).exposed_ports
    if port in ports:
        return passed(f"port {port} exposé")
    return failed(f"port {port} exposé", f"EXPOSE {port}", f"EXPOSE {ports or 'absent'}",
                  "Le port exposé doit être celui où l'application écoute.")


def report(text: str, port: int = 8080) -> Report:
    """Toutes les vérifications d'un Dockerfile d'application Python pour Cloud Pi Native."""
    dockerfile = parse_dockerfile(text)
    return Report.of([
        cct_compliant(text), bases_from_allowed_registries(dockerfile),
        final_copies_from_build(dockerfile), dependencies_before_code(dockerfile),
        numeric_user(dockerfile), exposes(dockerfile, port), exec_form_command(dockerfile),
        no_secret(dockerfile),
    ])


_EFFECTS = {
    "ARG": "déclare un argument de construction « {a} » (absent de l'image finale)",
    "ENV": "fixe la variable d'environnement {a} (métadonnée, sans couche de fichiers)",
    "WORKDIR": "se place dans le dossier {a} (le crée si besoin)",
    "RUN": "exécute « {a} » dans un conteneur temporaire : une nouvelle couche de fichiers",
    "COPY": "copie {a} : une nouvelle couche de fichiers",
    "ADD": "copie (et décompresse) {a} : une nouvelle couche ; préférez COPY",
    "USER": "les instructions suivantes et le conteneur tournent avec l'utilisateur {a}",
    "EXPOSE": "documente le port {a} (métadonnée : n'ouvre rien)",
    "CMD": "commande de démarrage par défaut : {a} (métadonnée)",
    "ENTRYPOINT": "programme lancé au démarrage : {a} (métadonnée)",
    "LABEL": "ajoute les étiquettes {a} (métadonnée)",
    "HEALTHCHECK": "sonde propre à Docker, ignorée par Kubernetes : {a}",
}


def build_plan(text: str) -> list[str]:
    """Ce que ferait la construction de l'image, étape par étape, en français."""
    all_stages = stages(parse_dockerfile(text))
    lines = []
    for stage in all_stages:
        final = stage.index == len(all_stages) - 1
        label = stage.name or str(stage.index)
        role = "image finale, livrée" if final else "étape intermédiaire, jetée après usage"
        lines.append(f"Étape « {label} » ({role}) : part de l'image {stage.base}")
        for instruction in stage.instructions:
            if instruction.keyword == "FROM":
                continue
            effect = _EFFECTS.get(instruction.keyword, "instruction {a}")
            flags, _ = _flags(instruction.arguments)
            arguments = instruction.arguments
            if instruction.keyword == "COPY" and "from" in flags:
                effect = "reprend {a} depuis l'étape « " + flags["from"] + " » : seul ce " \
                         "résultat passe dans cette étape"
                arguments = " ".join(w for w in arguments.split() if not w.startswith("--"))
            lines.append(f"  ligne {instruction.line:>2} · {instruction.keyword:<10} "
                         + effect.format(a=arguments))
    last = all_stages[-1]
    user = next((i.arguments for i in reversed(last.instructions) if i.keyword == "USER"),
                "root (aucun USER)")
    lines.append(f"Résultat : une image basée sur {last.base}, lancée en tant que {user} ; "
                 "les couches des étapes intermédiaires n'y figurent pas.")
    return lines


def _pattern(text: str) -> re.Pattern[str] | None:
    """A .dockerignore pattern as a regular expression (`*` stays within a folder, `**`
    crosses folders; a pattern that names a folder covers everything inside it)."""
    text = text.strip()
    while text.startswith(("./", "/")):
        text = text[2:] if text.startswith("./") else text[1:]
    text = text.rstrip("/")
    if not text:
        return None
    regex, index = "", 0
    while index < len(text):
        if text.startswith("**/", index):
            regex, index = regex + "(?:.*/)?", index + 3
        elif text.startswith("**", index):
            regex, index = regex + ".*", index + 2
        elif text[index] == "*":
            regex, index = regex + "[^/]*", index + 1
        elif text[index] == "?":
            regex, index = regex + "[^/]", index + 1
        else:
            regex, index = regex + re.escape(text[index]), index + 1
    return re.compile(regex + r"(?:/.*)?\Z")


def build_context(directory: str | Path, dockerignore: str = "") -> list[str]:
    """Les fichiers que `docker build` (ou Kaniko) enverrait au constructeur depuis
    `directory`, compte tenu d'un texte .dockerignore (la dernière règle qui s'applique
    l'emporte ; « ! » réintègre un fichier). Chemins relatifs, triés."""
    rules = []
    for line in dockerignore.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        compiled = _pattern(line[1:] if negate else line)
        if compiled is not None:
            rules.append((compiled, negate))
    root = Path(directory)
    kept = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        excluded = False
        for compiled, negate in rules:
            if compiled.match(relative):
                excluded = not negate
        if not excluded:
            kept.append(relative)
    return kept


def context_check(directory: str | Path, dockerignore: str, excluded: list[str],
                  included: list[str]) -> CheckResult:
    """Le contexte de construction écarte les chemins `excluded` (fichiers ou dossiers) et
    garde les chemins `included`."""
    context = build_context(directory, dockerignore)
    leaked = [e for e in excluded
              if any(f == e or f.startswith(e.rstrip("/") + "/") for f in context)]
    lost = [i for i in included
            if not any(f == i or f.startswith(i.rstrip("/") + "/") for f in context)]
    what = "contexte de construction filtré par .dockerignore"
    if not leaked and not lost:
        return passed(what)
    problems = [f"envoyé(s) à tort : {', '.join(leaked)}" if leaked else "",
                f"écarté(s) à tort : {', '.join(lost)}" if lost else ""]
    return failed(what, f"sans {', '.join(excluded)} ; avec {', '.join(included)}",
                  " ; ".join(p for p in problems if p),
                  "Une ligne par motif : « .env », « tests/ »… ; ne masquez ni le code ni "
                  "requirements.txt.")
