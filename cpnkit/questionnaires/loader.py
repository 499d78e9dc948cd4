"""Load the questionnaires of `paths/questionnaires/` with French validation errors."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from sandbox.errors import yaml_syntax

from ..curriculum import PATHS_DIR, _explain, _location
from ..errors import CurriculumError
from .model import Questionnaire

QUESTIONNAIRES_DIR = PATHS_DIR / "questionnaires"


_FRENCH = {
    "string_too_short": "un texte d'au moins {min_length} caractère(s)",
    "float_parsing": "un nombre",
    "bool_parsing": "true ou false",
}


class QuestionnaireError(CurriculumError):
    """A questionnaire file (or an answer to it) does not match what is expected."""


def read_yaml(path: Path, model: type[BaseModel]) -> BaseModel:
    """Read one YAML file into `model`, or raise a QuestionnaireError that names the key."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise QuestionnaireError(f"{path.name} : fichier illisible ({error.strerror}).",
                                 f"Vérifiez que {path} existe.") from None
    except yaml.YAMLError as error:
        raise QuestionnaireError(*yaml_syntax(error, path.name)) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            text = _explain(problem).removeprefix("Value error, ")
            lines.append(f"  - clé « {_location(problem)} » : {text}")
        raise QuestionnaireError(f"{path.name} : contenu invalide.\n" + "\n".join(lines),
                                 f"Corrigez {path} puis relancez.") from None


def available() -> list[str]:
    """Identifiants des questionnaires fournis par le kit."""
    return sorted(p.stem for p in QUESTIONNAIRES_DIR.glob("*.yaml")
                  if yaml.safe_load(p.read_text(encoding="utf-8")).get("kind") == "Questionnaire")


def load_questionnaire(name: str | Path) -> Questionnaire:
    """Charger un questionnaire : un identifiant (« diagnostic ») ou le chemin d'un fichier."""
    path = Path(name)
    if path.suffix != ".yaml":
        path = QUESTIONNAIRES_DIR / f"{name}.yaml"
        if not path.is_file():
            raise QuestionnaireError(f"Questionnaire inconnu : « {name} ».",
                                     f"Questionnaires disponibles : {', '.join(available())}.")
    return _cached(path.resolve(), path.stat().st_mtime)


@cache
def _cached(path: Path, mtime: float) -> Questionnaire:
    questionnaire = read_yaml(path, Questionnaire)
    assert isinstance(questionnaire, Questionnaire)
    return questionnaire
