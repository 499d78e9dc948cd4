"""The diagnostic's recommendation mapping (data) on typical teams, with its reasons."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cpnkit.questionnaires import (
    accompaniment_stages,
    diagnose,
    load_questionnaire,
    load_recommendations,
)
from cpnkit.questionnaires.loader import QuestionnaireError, read_yaml
from cpnkit.questionnaires.scoring import Recommendations

PERSONAS = yaml.safe_load((Path(__file__).parent / "personas.yaml").read_text("utf-8"))


def persona_answers(persona: dict) -> dict:
    questionnaire = load_questionnaire("diagnostic")
    answers = {}
    for question in questionnaire.questions():
        if question.kind == "likert5" and "likert" in persona:
            answers[question.id] = persona["likert"]
        if question.kind == "likert7" and "westrum" in persona:
            answers[question.id] = persona["westrum"]
    answers.update(persona["answers"])
    return answers


@pytest.mark.parametrize("name", list(PERSONAS))
def test_persona_gets_the_expected_stage_and_paths(name):
    persona = PERSONAS[name]
    result = diagnose(persona_answers(persona))
    assert result.stage == persona["expect"]["stage"], result.stage_advice
    assert {p.path: p.level for p in result.paths} == persona["expect"]["paths"], result.paths


@pytest.mark.parametrize("name", list(PERSONAS))
def test_every_recommendation_says_which_answers_led_to_it(name):
    result = diagnose(persona_answers(PERSONAS[name]))
    assert result.stage_advice.reasons
    assert any(r.startswith(f"Étape {result.stage}") for r in result.stage_advice.reasons)
    for advice in result.paths:
        assert advice.reasons and "→ niveau" in advice.reasons[-1]


def test_scores_follow_the_quick_check_scales():
    result = diagnose(persona_answers(PERSONAS["developpeurs-experimentes"]))
    assert result.dora == {"delai": 8.0, "frequence": 10.0, "restauration": 10.0,
                           "taux_echec": 9.5, "taux_reprise": 9.5}
    assert result.dora_overall == 9.4 and result.westrum == 6.0
    assert result.score("culture") == pytest.approx(8.33, abs=0.01)
    assert result.score("tests") == 10.0


def test_dont_know_answers_are_left_out():
    result = diagnose(persona_answers(PERSONAS["chefferie-de-projet"]))
    assert result.dora["restauration"] is None
    assert result.dora_overall == pytest.approx((2 + 2 + 5 + 5.5) / 4, abs=0.01)


def test_radar_axes_are_at_most_eight_in_a_fixed_order():
    mapping = load_recommendations()
    result = diagnose({})
    assert [d.id for d in result.dimensions] == [d.id for d in mapping.dimensions]
    assert len(result.dimensions) <= 8


def test_the_mapping_is_checked_when_loaded(tmp_path):
    text = (Path(__file__).resolve().parents[2] / "paths/questionnaires/recommandations.yaml"
            ).read_text("utf-8")
    broken = tmp_path / "recommandations.yaml"
    broken.write_text(text.replace("{score: chaine, at_least: 6}",
                                   "{score: inconnue, at_least: 6}"), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="dimension.*inconnue"):
        read_yaml(broken, Recommendations)


def test_every_dimension_points_to_modules_of_the_kit():
    from cpnkit.curriculum import load

    catalogue = load().modules
    for dimension in load_recommendations().dimensions:
        unknown = [t for t in dimension.topics if t not in catalogue]
        assert not unknown, (dimension.id, unknown)


def test_every_path_rule_names_a_role_of_the_questionnaire():
    roles = {o.value for o in load_questionnaire("diagnostic").question("roles").options}
    situations = {o.value for o in load_questionnaire("diagnostic").question("situation").options}
    mapping = load_recommendations()
    assert {p.role for p in mapping.paths} <= roles
    assert situations == {s.id for s in accompaniment_stages()}
