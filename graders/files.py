"""Checks on files: YAML manifests and Dockerfiles are parsed, never executed."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from sandbox.errors import yaml_syntax

from .errors import GradingError


def load_manifests(source: str | Path) -> list[dict]:
    """Les objets d'un texte YAML (ou d'un fichier), documents vides ignorés ; une liste
    (`kind: List`, comme `kubectl get -o yaml` en écrit) donne chacun de ses éléments."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as error:
        raise GradingError(*yaml_syntax(error)) from None
    for index, document in enumerate(documents):
        if not isinstance(document, dict) or "kind" not in document:
            raise GradingError(
                f"Le document YAML n° {index + 1} n'est pas un objet Kubernetes (pas de « kind »).",
                "Chaque document commence par apiVersion, kind et metadata.",
            )
    objects = unpack_lists(documents)
    if not all(isinstance(obj, dict) and "kind" in obj for obj in objects):
        raise GradingError(
            "Un élément d'une liste (kind: List) n'est pas un objet Kubernetes (pas de « kind »).",
            "Chaque élément de items commence par apiVersion, kind et metadata.",
        )
    return objects


def _is_list(obj: object) -> bool:
    return (isinstance(obj, dict) and str(obj.get("kind", "")).endswith("List")
            and isinstance(obj.get("items"), list))


def unpack_lists(objects: Iterable[object]) -> list:
    """The objects, with each list (`kind: List`, or a typed one such as `DeploymentList`)
    replaced by its items, at any depth, as kubectl reads them. Items of a typed list take
    its kind and apiVersion when they do not say theirs (as the API serialises them)."""
    unpacked: list = []
    for obj in objects:
        if not _is_list(obj):
            unpacked.append(obj)
            continue
        kind = obj["kind"].removesuffix("List")
        for item in obj["items"]:
            if isinstance(item, dict) and kind and "kind" not in item:
                item = {"apiVersion": obj.get("apiVersion"), **item, "kind": kind}
            unpacked += unpack_lists([item])
    return unpacked


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction: its keyword (upper case), its arguments, its stage."""

    keyword: str
    arguments: str
    stage: int
    line: int


@dataclass(frozen=True)
class Dockerfile:
    instructions: tuple[Instruction, ...]

    @property
    def stages(self) -> list[str]:
        """The base image of each stage (FROM [--platform=…] image [AS name])."""
        return [next(word for word in i.arguments.split() if not word.startswith("--"))
                for i in self.instructions if i.keyword == "FROM"]

    def final(self, keyword: str) -> list[Instruction]:
        last = len(self.stages) - 1
        return [i for i in self.instructions if i.keyword == keyword and i.stage == last]

    @property
    def user(self) -> str | None:
        """The user the final image runs as (None when never set: root)."""
        users = self.final("USER")
        return users[-1].arguments.split(":")[0].strip() if users else None

    @property
    def exposed_ports(self) -> list[int]:
        ports = []
        for instruction in self.final("EXPOSE"):
            ports += [int(p.split("/")[0]) for p in instruction.arguments.split()
                      if p.split("/")[0].isdigit()]
        return ports


_CONTINUATION = re.compile(r"\\\s*\n")


def parse_dockerfile(text: str) -> Dockerfile:
    """Lire un Dockerfile : instructions, étapes (multi-stage), utilisateur et ports finaux."""
    joined = _CONTINUATION.sub(" ", text)
    instructions, stage = [], -1
    for number, raw in enumerate(joined.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if not keyword.isalpha():
            raise GradingError(f"Dockerfile, ligne {number} : instruction illisible « {line} ».",
                               "Chaque ligne commence par une instruction : FROM, RUN, COPY…")
        if keyword == "FROM":
            stage += 1
        if stage < 0 and keyword != "ARG":
            raise GradingError("Le Dockerfile doit commencer par FROM (éventuellement après ARG).")
        instructions.append(Instruction(keyword, arguments.strip(), max(stage, 0), number))
    if stage < 0:
        raise GradingError("Le Dockerfile ne contient aucune instruction FROM.")
    return Dockerfile(tuple(instructions))


def command_words(instruction: Instruction) -> list[str]:
    """The words of a RUN/CMD/ENTRYPOINT, in exec (JSON) or shell form."""
    arguments = instruction.arguments
    if arguments.startswith("["):
        return [w.strip().strip('"') for w in arguments.strip("[]").split(",")]
    return shlex.split(arguments, posix=True)
