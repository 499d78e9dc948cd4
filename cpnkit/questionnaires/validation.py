"""Checks of a whole set of answers: one French message per missing or invalid field."""

from __future__ import annotations

from .model import Questionnaire


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def missing_required(questionnaire: Questionnaire, answers: dict) -> list[str]:
    """Un message par champ obligatoire manquant ou par réponse invalide."""
    problems = []
    for section in questionnaire.sections:
        for question in section.questions:
            value = answers.get(question.id)
            where = f"« {question.label} » (section {section.title})"
            if _empty(value):
                if question.required:
                    problems.append(f"{where} : réponse obligatoire manquante.")
                continue
            error = question.check(value)
            if error:
                problems.append(f"{where} : réponse invalide, {error}.")
    return problems


def unknown_answers(questionnaire: Questionnaire, answers: dict) -> list[str]:
    """Identifiants présents dans les réponses mais absents du questionnaire."""
    known = {q.id for q in questionnaire.questions()}
    return sorted(k for k in answers if k not in known)
