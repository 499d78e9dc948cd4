"""Every question of the seed's two « trames » is in the kit's questionnaires."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from cpnkit.questionnaires import load_questionnaire

SEED = yaml.safe_load((Path(__file__).parent / "seed_questions.yaml").read_text("utf-8"))
SAME_QUESTION = 0.8  # the kit fixes spelling and moves examples to the help text
URL = re.compile(r"https?://\S+|\[[^\]]*\]\([^)]*\)")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", URL.sub("", text).lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\W+", " ", text).strip()


def _similarity(seed: str, question) -> float:
    """The seed bullet against the label, or the label and its help (examples moved there)."""
    return max(difflib.SequenceMatcher(None, _normal(seed), _normal(text)).ratio()
               for text in (question.label, f"{question.label} {question.help}"))


def _cases():
    return [(name, section, bullet) for name, sections in SEED.items()
            for section, bullets in sections.items() for bullet in bullets]


@pytest.mark.parametrize("name,section,bullet", _cases(),
                         ids=[f"{n}/{s}/{i}" for i, (n, s, _) in enumerate(_cases())])
def test_seed_question_is_asked_in_its_section(name, section, bullet):
    questionnaire = load_questionnaire(name)
    questions = next(s for s in questionnaire.sections if s.id == section).questions
    best = max(questions, key=lambda q: _similarity(bullet, q))
    assert _similarity(bullet, best) >= SAME_QUESTION, (bullet, best.label)


@pytest.mark.parametrize("name", list(SEED))
def test_sections_follow_the_seed_and_each_question_is_matched_once(name):
    questionnaire = load_questionnaire(name)
    assert [s.id for s in questionnaire.sections] == list(SEED[name])
    for section in questionnaire.sections:
        matched = [max(section.questions, key=lambda q, b=b: _similarity(b, q)).id
                   for b in SEED[name][section.id]]
        assert len(matched) == len(set(matched)), matched


def test_the_comparison_can_fail():
    questionnaire = load_questionnaire("qualification")
    unrelated = questionnaire.question("jalons")
    assert _similarity("Quel est votre besoin actuel?", unrelated) < SAME_QUESTION
