"""Export of a set of answers as Markdown (a dossier people read) and JSON (for tools)."""

from __future__ import annotations

import json
from pathlib import Path

from ..answers import now
from .model import DONT_KNOW, DONT_KNOW_LABEL, Question, Questionnaire
from .validation import missing_required


def describe(question: Question, value: object) -> str:
    """An answer as a person reads it: option labels, units, « Je ne sais pas »."""
    if value is None or value == "" or value == []:
        return "(pas de réponse)"
    if value == DONT_KNOW:
        return DONT_KNOW_LABEL
    if question.kind in ("single", "ordinal"):
        return question.option_label(value)
    if question.kind == "multiple":
        return ", ".join(question.option_label(v) for v in value)  # type: ignore[union-attr]
    if question.points:
        labels = question.point_labels()
        return f"{value}/{question.points} ({labels[int(value) - 1]})"  # type: ignore[arg-type]
    if question.kind == "percent":
        return f"{value} %"
    if question.kind == "number":
        shown = str(value).replace(".", ",")
        return f"{shown} {question.unit}".strip()
    return str(value)


def to_json(questionnaire: Questionnaire, answers: dict, extra: dict | None = None) -> dict:
    """Les réponses, section par section, avec leur libellé lisible."""
    return {
        "questionnaire": questionnaire.id,
        "title": questionnaire.title,
        "exported_at": now(),
        "missing": missing_required(questionnaire, answers),
        **(extra or {}),
        "sections": [{
            "id": section.id,
            "title": section.title,
            "questions": [{"id": q.id, "label": q.label, "required": q.required,
                           "answer": answers.get(q.id),
                           "text": describe(q, answers.get(q.id))}
                          for q in section.questions],
        } for section in questionnaire.sections],
    }


def to_markdown(questionnaire: Questionnaire, answers: dict, preface: str = "") -> str:
    """Un dossier Markdown : les réponses section par section, et ce qui manque."""
    lines = [f"# {questionnaire.title}", "", f"_Exporté le {now()[:16].replace('T', ' à ')} "
             "(heure UTC)._", ""]
    if preface:
        lines += [preface.strip(), ""]
    for section in questionnaire.sections:
        lines += [f"## {section.title}", ""]
        for question in section.questions:
            star = " *(obligatoire)*" if question.required else ""
            text = describe(question, answers.get(question.id)).replace("\n", "\n  > ")
            lines += [f"- **{question.label}**{star}", f"  > {text}", ""]
    missing = missing_required(questionnaire, answers)
    if missing:
        lines += ["## Reste à compléter", ""] + [f"- {m}" for m in missing] + [""]
    return "\n".join(lines)


def write_exports(questionnaire: Questionnaire, answers: dict, directory: Path,
                  preface: str = "", extra: dict | None = None) -> tuple[Path, Path]:
    """Écrire `<id>.md` et `<id>.export.json` dans `directory` ; renvoie les deux chemins."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown = directory / f"{questionnaire.id}.md"
    data = directory / f"{questionnaire.id}.export.json"
    markdown.write_text(to_markdown(questionnaire, answers, preface), encoding="utf-8")
    data.write_text(json.dumps(to_json(questionnaire, answers, extra), ensure_ascii=False,
                               indent=2), encoding="utf-8")
    return markdown, data
