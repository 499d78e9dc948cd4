"""Scores of the team diagnostic, the recommendation it leads to, and the qualification verdict.

Scales follow the DORA Quick Check (`graders.scales`): every answer is rescaled to 0–10 and
« je ne sais pas » is left out of the means. The mapping from scores to a recommendation is
data (`paths/questionnaires/recommandations.yaml`); this module only applies it, and keeps,
for every recommendation, the answers that led to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from graders import scales

from ..curriculum import load as load_curriculum
from .export import describe
from .loader import QUESTIONNAIRES_DIR, QuestionnaireError, load_questionnaire, read_yaml
from .model import DONT_KNOW, Question, Questionnaire, Slug, Text, _Strict
from .validation import missing_required

VERDICTS = ("prêt", "prêt sous conditions", "pas encore")


# -- the mapping, as data ---------------------------------------------------------------
class Dimension(_Strict):
    id: Slug
    title: Text
    topics: list[Slug] = Field(min_length=1)


class Target(_Strict):
    stage: int = Field(ge=1, le=5)
    score: float = Field(ge=0, le=10)


class Rule(_Strict):
    """One condition: an answer among values, or a dimension score at least a threshold."""

    answer: Slug | None = None
    score: Slug | None = None
    in_: list[str] = Field(default_factory=list, alias="in")
    at_least: float | None = Field(default=None, ge=0, le=10)

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        if (self.answer is None) == (self.score is None):
            raise ValueError("une condition porte soit sur « answer », soit sur « score »")
        if self.answer is not None and not self.in_:
            raise ValueError("une condition sur une réponse demande « in »")
        if self.score is not None and self.at_least is None:
            raise ValueError("une condition sur un score demande « at_least »")
        return self


class StageRule(_Strict):
    stage: int = Field(ge=1, le=5)
    when: list[Rule]


class LevelRule(_Strict):
    level: Literal["n1", "n2", "n3"]
    at_least: float = Field(ge=0, le=10)


class PathRule(_Strict):
    path: Literal["qualite", "sre", "integrite", "decision"]
    role: Slug
    dimensions: list[Slug] = Field(min_length=1)
    levels: list[LevelRule] = Field(min_length=1)


class Recommendations(_Strict):
    apiVersion: Literal["cpn.kit/v1alpha1"]
    kind: Literal["Recommendations"]
    questionnaire: Slug
    dimensions: list[Dimension] = Field(min_length=3, max_length=8)
    targets: list[Target] = Field(min_length=5, max_length=5)
    stages: list[StageRule] = Field(min_length=1)
    paths: list[PathRule] = Field(min_length=1)
    default_path: Literal["qualite", "sre", "integrite", "decision"]

    @model_validator(mode="after")
    def _references(self) -> Recommendations:
        known = {d.id for d in self.dimensions}
        used = [r.score for s in self.stages for r in s.when if r.score]
        used += [d for p in self.paths for d in p.dimensions]
        unknown = sorted(set(used) - known)
        if unknown:
            raise ValueError(f"dimension(s) inconnue(s) : {', '.join(unknown)}")
        if self.stages[-1].when:
            raise ValueError("la dernière règle d'étape doit s'appliquer toujours (when: [])")
        return self


@cache
def load_recommendations() -> Recommendations:
    """La table de correspondance du diagnostic vers l'accompagnement et les parcours."""
    mapping = read_yaml(QUESTIONNAIRES_DIR / "recommandations.yaml", Recommendations)
    assert isinstance(mapping, Recommendations)
    questionnaire = load_questionnaire(mapping.questionnaire)
    fed = {q.dimension for q in questionnaire.questions() if q.dimension}
    if fed != {d.id for d in mapping.dimensions}:
        raise QuestionnaireError(
            "recommandations.yaml : les dimensions ne correspondent pas à celles du "
            f"questionnaire « {mapping.questionnaire} » ({', '.join(sorted(fed))}).",
            "Chaque dimension doit être nourrie par au moins une question.")
    return mapping


# -- scores -----------------------------------------------------------------------------
def question_score(question: Question, value: object) -> float | None:
    """One answer on 0–10 (None for « je ne sais pas » or no answer)."""
    if value is None or value == DONT_KNOW or question.check(value):
        return None
    if question.kind == "ordinal":
        return scales.ordinal_to_10(question.position(value), len(question.options))
    if question.kind == "percent":
        return scales.percent_to_10(value)  # a failure rate: 0 % is best
    if question.points:
        return scales.likert_to_10(value, question.points)
    return None


@dataclass(frozen=True)
class DimensionScore:
    id: str
    title: str
    score: float | None  # 0–10, None when nothing was answered
    target: float
    answered: int
    questions: int
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    """One recommendation and the answers that led to it."""

    title: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PathAdvice(Advice):
    path: str = ""
    level: str = ""
    role: str = ""
    assignment: str = ""
    score: float | None = None


@dataclass(frozen=True)
class DiagnosticResult:
    dimensions: tuple[DimensionScore, ...]
    dora: dict[str, float | None]
    dora_overall: float | None
    westrum: float | None  # mean of the six items, 1–7
    stage: int
    stage_advice: Advice
    paths: tuple[PathAdvice, ...]
    missing: tuple[str, ...] = field(default=())

    def score(self, dimension: str) -> float | None:
        return next(d.score for d in self.dimensions if d.id == dimension)

    def plain(self) -> dict:
        """Plain values (JSON): scores, stage and the chosen path-levels."""
        return {"scores": {d.id: d.score for d in self.dimensions},
                "targets": {d.id: d.target for d in self.dimensions},
                "dora": dict(self.dora), "dora_overall": self.dora_overall,
                "westrum": self.westrum, "stage": self.stage,
                "paths": {p.path: p.level for p in self.paths}}


def _fr(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def _quoted(question: Question, value: object) -> str:
    return f"« {question.label} » : {describe(question, value)}"


def _holds(rule: Rule, answers: dict, scores: dict[str, float | None],
           questionnaire: Questionnaire, titles: dict[str, str]) -> tuple[bool, str]:
    if rule.answer:
        question = questionnaire.question(rule.answer)
        value = answers.get(rule.answer)
        return value in rule.in_, _quoted(question, value)
    score = scores.get(rule.score)
    shown = "non renseigné" if score is None else f"{_fr(score)}/10"
    ok = score is not None and score >= rule.at_least
    sign = "≥" if ok else "<"
    return ok, f"{titles[rule.score]} : {shown} ({sign} {rule.at_least:g})".replace(".", ",")


def diagnose(answers: dict, questionnaire: Questionnaire | None = None,
             mapping: Recommendations | None = None) -> DiagnosticResult:
    """Scores par dimension, étape d'accompagnement et parcours conseillés, avec leurs raisons."""
    mapping = mapping or load_recommendations()
    questionnaire = questionnaire or load_questionnaire(mapping.questionnaire)
    by_dimension: dict[str, list[float | None]] = {d.id: [] for d in mapping.dimensions}
    dora: dict[str, float | None] = {}
    westrum_items: list[int | None] = []
    for question in questionnaire.questions():
        if not question.dimension:
            continue
        value = answers.get(question.id)
        score = question_score(question, value)
        by_dimension[question.dimension].append(score)
        if question.dimension == "livraison":
            dora[question.id] = score
        if question.dimension == "culture":
            westrum_items.append(value if isinstance(value, int) and score is not None
                                 else None)
    scores = {d: scales.mean(v) for d, v in by_dimension.items()}
    titles = {d.id: d.title for d in mapping.dimensions}

    stage, stage_reasons = _stage(mapping, answers, scores, questionnaire, titles)
    target = next(t.score for t in mapping.targets if t.stage == min(stage + 1, 5))
    dimensions = tuple(
        DimensionScore(d.id, d.title, scores[d.id], target,
                       sum(s is not None for s in by_dimension[d.id]),
                       len(by_dimension[d.id]), tuple(d.topics))
        for d in mapping.dimensions)
    stage_title = next(s.title for s in load_curriculum().stages if s.number == stage)
    return DiagnosticResult(
        dimensions=dimensions, dora=dora, dora_overall=scales.mean(dora.values()),
        westrum=scales.westrum_score(westrum_items), stage=stage,
        stage_advice=Advice(f"Étape {stage} : {stage_title}", tuple(stage_reasons)),
        paths=tuple(_paths(mapping, answers, scores, questionnaire, titles)),
        missing=tuple(missing_required(questionnaire, answers)))


def _stage(mapping, answers, scores, questionnaire, titles) -> tuple[int, list[str]]:
    reasons: list[str] = []
    for rule in mapping.stages:
        checks = [_holds(r, answers, scores, questionnaire, titles) for r in rule.when]
        if all(ok for ok, _ in checks):
            reasons += [f"Étape {rule.stage} retenue — {text}" for _, text in checks]
            if not checks:
                reasons.append(f"Étape {rule.stage} : point de départ quand rien d'autre "
                               "ne s'applique.")
            return rule.stage, reasons
        failing = next(text for ok, text in checks if not ok)
        reasons.append(f"Pas encore l'étape {rule.stage} — {failing}")
    raise AssertionError("the last stage rule always applies")  # checked by the model


def _paths(mapping, answers, scores, questionnaire, titles) -> list[PathAdvice]:
    curriculum = load_curriculum()
    roles = answers.get("roles") or []
    role_question = questionnaire.question("roles")
    chosen = [p for p in mapping.paths if p.role in roles]
    default = not chosen
    if default:
        chosen = [p for p in mapping.paths if p.path == mapping.default_path]
    advice = []
    for rule in chosen:
        values = [scores[d] for d in rule.dimensions]
        mean = scales.mean(values)
        level = next(lv.level for lv in rule.levels if (mean or 0) >= lv.at_least)
        path = curriculum.paths[rule.path]
        level_title = next(lv.title for lv in path.levels if lv.id == level)
        if default:
            reasons = [f"Aucun rôle déclaré ({_quoted(role_question, roles)}) : parcours "
                       "conseillé pour commencer."]
        else:
            reasons = [f"Rôle présent dans l'équipe : {role_question.option_label(rule.role)}."]
        shown = "non renseignée" if mean is None else f"{_fr(mean)}/10"
        detail = ", ".join(f"{titles[d]} {'?' if scores[d] is None else _fr(scores[d])}"
                           for d in rule.dimensions)
        reasons.append(f"Moyenne des dimensions du parcours : {shown} ({detail}) → niveau "
                       f"{level[-1]}.")
        advice.append(PathAdvice(
            title=f"{path.title} — niveau {level[-1]} ({level_title})",
            reasons=tuple(reasons), path=rule.path, level=level, role=rule.role,
            assignment=f"{rule.path}-{level}", score=mean))
    return advice


# -- qualification ----------------------------------------------------------------------
@dataclass(frozen=True)
class GapFound:
    severity: str  # "bloquant" or "condition"
    question: str
    message: str
    missing: bool = False  # a required answer is missing


@dataclass(frozen=True)
class Readiness:
    verdict: str
    gaps: tuple[GapFound, ...]

    def plain(self) -> dict:
        return {"verdict": self.verdict,
                "gaps": [{"severity": g.severity, "question": g.question,
                          "message": g.message} for g in self.gaps]}


def readiness(answers: dict, questionnaire: Questionnaire | None = None) -> Readiness:
    """Verdict de qualification (prêt / prêt sous conditions / pas encore) et ses manques.

    Une réponse obligatoire manquante est un manque bloquant ; chaque question peut déclarer
    les réponses qui révèlent un manque (`gaps` dans le questionnaire).
    """
    questionnaire = questionnaire or load_questionnaire("qualification")
    gaps: list[GapFound] = []
    for question in questionnaire.questions():
        value = answers.get(question.id)
        if question.required and (value is None or value == "" or value == []):
            gaps.append(GapFound("bloquant", question.id,
                                 f"Réponse obligatoire manquante : « {question.label} ».",
                                 missing=True))
            continue
        for gap in question.gaps:
            if question.shows_gap(gap, value):
                gaps.append(GapFound(gap.severity, question.id, gap.message))
                break  # the first matching gap of a question is the one that counts
    if any(g.severity == "bloquant" for g in gaps):
        verdict = "pas encore"
    elif gaps:
        verdict = "prêt sous conditions"
    else:
        verdict = "prêt"
    return Readiness(verdict, tuple(gaps))


def dossier(answers: dict, questionnaire: Questionnaire | None = None) -> str:
    """Le dossier de qualification en Markdown : verdict, manques, puis toutes les réponses."""
    from .export import to_markdown

    questionnaire = questionnaire or load_questionnaire("qualification")
    result = readiness(answers, questionnaire)
    lines = [f"**Verdict : {result.verdict}**", ""]
    if result.gaps:
        lines += ["Manques relevés :", ""]
        lines += [f"- ({g.severity}) {g.message}" for g in result.gaps]
    else:
        lines.append("Aucun manque relevé : le projet peut être présenté au programme.")
    return to_markdown(questionnaire, answers, "\n".join(lines))
