"""Questionnaires du kit : données (paths/questionnaires/), widgets, scores, exports.

Les carnets importent seulement ce que liste `__all__`.
"""

from .export import describe, to_json, to_markdown, write_exports
from .loader import QuestionnaireError, available, load_questionnaire
from .model import DONT_KNOW, Question, Questionnaire
from .notebook import (
    accompaniment_stages,
    ask,
    compare_runs,
    diagnostic,
    diagnostic_results,
    prequalification,
    qualification,
    recommendation_html,
    show_results,
    stage_locator,
    training_plan,
    verdict_html,
)
from .renderer import QuestionnaireForm, parse_number, render
from .scoring import (
    DiagnosticResult,
    Readiness,
    diagnose,
    dossier,
    load_recommendations,
    question_score,
    readiness,
)
from .validation import missing_required

__all__ = [
    "DONT_KNOW", "DiagnosticResult", "Question", "Questionnaire", "QuestionnaireError",
    "accompaniment_stages", "compare_runs",
    "QuestionnaireForm", "Readiness", "ask", "available", "describe", "diagnose",
    "diagnostic", "diagnostic_results", "dossier", "load_questionnaire",
    "load_recommendations", "missing_required", "parse_number", "prequalification",
    "qualification", "question_score", "readiness", "recommendation_html", "render",
    "show_results", "stage_locator", "to_json", "to_markdown", "training_plan",
    "verdict_html", "write_exports",
]
