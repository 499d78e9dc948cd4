"""Questionnaires as data: sections, questions of ten kinds, and the check of one answer.

A questionnaire is a YAML file of `paths/questionnaires/` (`kind: Questionnaire`), loaded
into these strict models by `loader.py`. `Question.check(value)` says, in French, why an
answer is not acceptable; it is the only place that knows what each kind accepts.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=2, strip_whitespace=True)]

Kind = Literal["single", "multiple", "likert5", "likert7", "ordinal", "percent", "number",
               "text", "long_text", "url"]
CHOICE_KINDS = ("single", "multiple", "ordinal")
DONT_KNOW = "nsp"  # the stored value of « Je ne sais pas »
DONT_KNOW_LABEL = "Je ne sais pas"
LIKERT_LABELS = {
    5: ["Pas du tout d'accord", "Plutôt pas d'accord", "Ni l'un ni l'autre",
        "Plutôt d'accord", "Tout à fait d'accord"],
    7: ["Pas du tout d'accord", "Pas d'accord", "Plutôt pas d'accord", "Ni l'un ni l'autre",
        "Plutôt d'accord", "D'accord", "Tout à fait d'accord"],
}
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]{2,}$", re.IGNORECASE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    value: Slug
    label: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Condition(_Strict):
    """When an answer shows a gap: its value is in `values`, below `below`, or missing."""

    values: list[str | int] = Field(default_factory=list)
    below: float | None = None
    missing: bool = False


class Gap(_Strict):
    """A readiness gap that an answer may reveal (qualification)."""

    when: Condition
    severity: Literal["bloquant", "condition"]
    message: Text


class Question(_Strict):
    id: Slug
    kind: Kind
    label: Text
    help: str = ""
    required: bool = False
    options: list[Option] = Field(default_factory=list)
    labels: list[Text] = Field(default_factory=list)  # Likert: custom point labels
    dont_know: bool = True  # Likert and ordinal: offer « Je ne sais pas »
    unit: str = ""
    min: float | None = None
    max: float | None = None
    integer: bool = False
    max_length: int = Field(default=2000, ge=1)
    dimension: Slug | None = None  # diagnostic: the dimension this answer feeds
    gaps: list[Gap] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.kind in CHOICE_KINDS and len(self.options) < 2:
            raise ValueError(f"la question « {self.id} » ({self.kind}) demande au moins deux "
                             "options")
        if self.kind not in CHOICE_KINDS and self.options:
            raise ValueError(f"la question « {self.id} » ({self.kind}) n'a pas d'options")
        if self.labels and len(self.labels) != self.points:
            raise ValueError(f"la question « {self.id} » : {self.points} libellés attendus")
        values = [o.value for o in self.options]
        if len(values) != len(set(values)):
            raise ValueError(f"la question « {self.id} » a deux options de même valeur")
        return self

    @property
    def points(self) -> int:
        return {"likert5": 5, "likert7": 7}.get(self.kind, 0)

    def point_labels(self) -> list[str]:
        return list(self.labels) or LIKERT_LABELS.get(self.points, [])

    def option_label(self, value: object) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)

    def position(self, value: object) -> int | None:
        """1-based position of a choice (ordinal scales), None for « je ne sais pas »."""
        values = [o.value for o in self.options]
        return values.index(value) + 1 if value in values else None

    def check(self, value: object) -> str | None:
        """Why `value` is not an acceptable answer (French), or None when it is."""
        kind = self.kind
        if value is None or value == "" or value == []:
            return None  # empty: only the required check cares
        if value == DONT_KNOW and (kind in ("likert5", "likert7", "ordinal") and self.dont_know):
            return None
        if kind in ("single", "ordinal"):
            return None if value in [o.value for o in self.options] else "choix inconnu"
        if kind == "multiple":
            known = [o.value for o in self.options]
            if not isinstance(value, list) or any(v not in known for v in value):
                return "choix inconnu dans la liste"
            return None
        if kind in ("likert5", "likert7"):
            if isinstance(value, bool) or not isinstance(value, int):
                return f"une note entière de 1 à {self.points} est attendue"
            return None if 1 <= value <= self.points else f"une note de 1 à {self.points}"
        if kind in ("percent", "number"):
            return self._check_number(value)
        if not isinstance(value, str):
            return "un texte est attendu"
        if len(value) > self.max_length:
            return f"{self.max_length} caractères au plus ({len(value)} saisis)"
        if kind == "url" and not URL.match(value.strip()):
            return "une adresse web complète est attendue, par exemple https://exemple.gouv.fr"
        return None

    def _check_number(self, value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            return "un nombre est attendu, par exemple 12 ou 3,5"
        low, high = (0, 100) if self.kind == "percent" else (self.min, self.max)
        if self.integer and value != int(value):
            return "un nombre entier est attendu"
        unit = " %" if self.kind == "percent" else (f" {self.unit}" if self.unit else "")
        if low is not None and value < low:
            return f"au moins {_show(low)}{unit}"
        if high is not None and value > high:
            return f"au plus {_show(high)}{unit}"
        return None

    def shows_gap(self, gap: Gap, value: object) -> bool:
        when = gap.when
        if value is None or value == "" or value == []:
            return when.missing
        if when.values and (value in when.values or (
                isinstance(value, list) and any(v in when.values for v in value))):
            return True
        return (when.below is not None and isinstance(value, int | float)
                and not isinstance(value, bool) and value < when.below)


def _show(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number).replace(".", ",")


class Section(_Strict):
    id: Slug
    title: Text
    intro: str = ""
    questions: list[Question] = Field(min_length=1)


class Questionnaire(_Strict):
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["Questionnaire"]
    id: Slug
    title: Text
    intro: str = ""
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        seen: set[str] = set()
        for question in self.questions():
            if question.id in seen:
                raise ValueError(f"deux questions portent l'identifiant « {question.id} »")
            seen.add(question.id)
        return self

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def section_of(self, question_id: str) -> Section:
        return next(s for s in self.sections if any(q.id == question_id for q in s.questions))
