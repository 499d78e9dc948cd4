"""The curriculum as data: `paths/*.yaml` loaded into strict models.

`paths/` is the single source of truth: the module catalogue, the five accompaniment stages,
and one file per path (levels, objectives, modules, pass mark, audience). Validation lives
here only; a malformed file gets a French error naming the file, the key and what is expected.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from sandbox.errors import yaml_syntax

from .errors import CurriculumError, UnknownModule

PATHS_DIR = Path(__file__).resolve().parent.parent / "paths"
NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
API_VERSION = "cpn.kit/v1alpha1"
PATH_IDS = ("decouverte", "qualite", "sre", "integrite", "decision")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Module(_Strict):
    id: Slug
    title: Text
    minutes: int = Field(ge=10, le=180)
    kind: Literal["cluster", "donnees"]

    @property
    def notebook(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.id}.ipynb"

    @property
    def written(self) -> bool:
        return self.notebook.is_file()

    @property
    def support_dir(self) -> Path:
        """Data files shipped with the module (copied beside it into the course)."""
        return NOTEBOOKS_DIR / self.id

    @property
    def fixtures_template(self) -> str | None:
        """`<support_dir>/fixtures.yaml`: objects learners may not create (see sandbox)."""
        path = self.support_dir / "fixtures.yaml"
        return path.read_text(encoding="utf-8") if path.is_file() else None


class ModuleCatalogue(_Strict):
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["ModuleCatalogue"]
    modules: list[Module]


class Objective(_Strict):
    id: Slug
    text: Text
    modules: list[Slug] = Field(min_length=1)


class Level(_Strict):
    id: Slug
    title: Text
    pass_mark: int = Field(ge=1, le=100, default=80)
    modules: list[Slug] = Field(min_length=1)
    objectives: list[Objective] = Field(min_length=1)
    assignment: Slug | None = None


class LearningPath(_Strict):
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["Path"]
    id: Slug
    title: Text
    audience: Text
    goal: Text
    levels: list[Level] = Field(min_length=1)


class Stage(_Strict):
    number: int = Field(ge=1, le=5)
    id: Slug
    title: Text
    situation: Text
    need: Text
    target: Text
    support: Text
    contact_programme: Text
    contact_project: Text


class Stages(_Strict):
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["Stages"]
    stages: list[Stage] = Field(min_length=5, max_length=5)


class Assignment(_Strict):
    """One path-level, as nbgrader sees it (e.g. `qualite-n2`)."""

    id: str
    path: LearningPath
    level: Level
    modules: list[Module]


def _location(error: dict) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(racine)"


_EXPECTED = {
    "missing": "une valeur est obligatoire",
    "extra_forbidden": "clé inconnue : à supprimer ou à corriger",
    "literal_error": "valeur attendue : {expected}",
    "string_pattern_mismatch": "un identifiant en minuscules, chiffres et tirets",
    "int_parsing": "un nombre entier",
    "greater_than_equal": "un nombre au moins égal à {ge}",
    "less_than_equal": "un nombre au plus égal à {le}",
    "too_short": "au moins {min_length} élément(s)",
    "too_long": "au plus {max_length} élément(s)",
    "string_type": "un texte",
    "list_type": "une liste",
    "model_type": "un dictionnaire de clés",
}


def _explain(error: dict) -> str:
    template = _EXPECTED.get(error["type"])
    if template is None:
        return error["msg"]
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return error["msg"]


def load_yaml(path: Path, model: type[_Strict]) -> _Strict:
    """Load one file of `paths/` into `model`, or raise a French CurriculumError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CurriculumError(f"{path.name} : fichier illisible ({error.strerror}).") from None
    except yaml.YAMLError as error:
        raise CurriculumError(*yaml_syntax(error, path.name)) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        lines = [f"  - clé « {_location(e)} » : {_explain(e)}" for e in error.errors()]
        raise CurriculumError(
            f"{path.name} : contenu invalide.\n" + "\n".join(lines),
            f"Corrigez {path} puis relancez.",
        ) from None


class Curriculum:
    """All of `paths/`, cross-checked: every module named exists in the catalogue."""

    def __init__(self, root: Path = PATHS_DIR) -> None:
        self.root = root
        catalogue = load_yaml(root / "modules.yaml", ModuleCatalogue)
        self.modules: dict[str, Module] = {m.id: m for m in catalogue.modules}
        self.stages: list[Stage] = load_yaml(root / "stages.yaml", Stages).stages
        self.paths: dict[str, LearningPath] = {}
        for path_id in PATH_IDS:
            path = load_yaml(root / f"{path_id}.yaml", LearningPath)
            if path.id != path_id:
                raise CurriculumError(
                    f"{path_id}.yaml : clé « id » vaut « {path.id} », attendu « {path_id} ».")
            self._check_references(path)
            self.paths[path_id] = path

    def _check_references(self, path: LearningPath) -> None:
        for index, level in enumerate(path.levels):
            where = f"{path.id}.yaml : clé « levels.{index}"
            for module in level.modules:
                if module not in self.modules:
                    raise CurriculumError(
                        f"{where}.modules » : module inconnu « {module} ».",
                        "Ajoutez-le à paths/modules.yaml ou corrigez son identifiant.",
                    )
            for objective in level.objectives:
                stray = [m for m in objective.modules if m not in level.modules]
                if stray:
                    raise CurriculumError(
                        f"{where}.objectives.{objective.id}.modules » : {', '.join(stray)} "
                        "n'est pas un module de ce niveau.",
                        "Un objectif ne peut citer que des modules listés dans son niveau.",
                    )

    def module(self, module_id: str) -> Module:
        try:
            return self.modules[module_id]
        except KeyError:
            raise UnknownModule(
                f"Module inconnu : « {module_id} ».",
                "Les modules existants sont listés dans paths/modules.yaml "
                "(cpn course status les montre par niveau).",
            ) from None

    @cached_property
    def assignments(self) -> dict[str, Assignment]:
        found = {}
        for path in self.paths.values():
            for level in path.levels:
                assignment_id = level.assignment or f"{path.id}-{level.id}"
                found[assignment_id] = Assignment(
                    id=assignment_id, path=path, level=level,
                    modules=[self.modules[m] for m in level.modules])
        return found

    def assignment(self, assignment_id: str) -> Assignment:
        try:
            return self.assignments[assignment_id]
        except KeyError:
            raise CurriculumError(
                f"Niveau inconnu : « {assignment_id} ».",
                f"Niveaux existants : {', '.join(self.assignments)}.",
            ) from None

    def objectives_of(self, module_id: str) -> list[tuple[Assignment, Objective]]:
        """Every objective that a module serves, with the path-level it belongs to."""
        self.module(module_id)
        return [(a, o) for a in self.assignments.values() for o in a.level.objectives
                if module_id in o.modules]


def load(root: Path = PATHS_DIR) -> Curriculum:
    return Curriculum(root)
